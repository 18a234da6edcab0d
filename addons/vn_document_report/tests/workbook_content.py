# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The content of the quarterly workbook, fixed cell by cell (issue 15: the workbook
is made faster, its content stays the same). ``data/workbook_q3.json`` holds every
cell of the workbooks made by the code before that work on the data of
``test_edoc_report`` plus two documents with every register column filled."""

import base64
import json

from odoo.tools.misc import file_path

from .common import day
from .workbook_dump import dump

FIXTURE = "vn_document_report/tests/data/workbook_q3.json"
Q3 = (day("2026-07-01"), day("2026-09-30"))
DETAIL_SHEETS = ("VB đi", "VB đến", "Liên thông", "Sự cố", "Ghi chú")


class WorkbookContent:
    """Mixed into the class that seeds the quarter's documents (TestEdocReport)."""

    @classmethod
    def _full_documents(cls):
        """One incoming and one outgoing document with every column of their
        detail sheet filled."""
        staff = cls.users["staff"]
        incoming = cls._incoming(
            "2026-08-06 14:35",
            cls.unit,
            "lgsp",
            "2026-08-20",
            done="2026-08-19 16:00",
            signatures=(("organisation", True),),
            user=staff,
        )
        cls._sql(
            """UPDATE vn_document_incoming
                  SET organ_name = 'Sở Tài chính', code_number = '125',
                      code_notation = 'STC-NS', issued_date = '2026-08-05',
                      document_type_id = %s,
                      document_identifier = '000.00.12.H29,2026/08/05,125/STC-NS'
                WHERE id = %s""",
            (cls.doc_type.id, incoming.id),
        )
        outgoing = cls._outgoing(
            "2026-09-09 10:15",
            cls.unit2,
            [("external", "2026-09-09 10:20", "2026-09-09 11:00", None)],
        )
        cls._sql(
            """UPDATE vn_document_outgoing
                  SET signer_id = %s, drafter_id = %s, issued_amount = 4,
                      recipients_text = 'Như trên; Lưu: VT.'
                WHERE id = %s""",
            (cls.users["agency_head"].id, staff.id, outgoing.id),
        )

    def _ids(self):
        """The test's documents by creation order: ids differ between databases."""
        ids = {}
        for kind, model, prefix in (
            ("incoming", "vn.document.incoming", "Văn bản đến"),
            ("outgoing", "vn.document.outgoing", "Văn bản đi"),
        ):
            docs = (
                self.env[model]
                .sudo()
                .search([("subject", "=like", f"{prefix} %")], order="id")
            )
            ids[kind] = {doc.id: f"<{kind[:2]}{n}>" for n, doc in enumerate(docs)}
        return ids

    def _content(self):
        """(whole agency, three units): the parts of both workbooks that do not
        depend on the database's other data (its demo units and accounts)."""
        self._full_documents()
        ids = self._ids()
        agency = self._generate()
        units = self._generate(
            departments=self.unit | self.unit2 | self.empty_unit,
        )
        names = {
            self.unit.complete_name,
            self.unit2.complete_name,
            self.empty_unit.complete_name,
            "Chưa xác định đơn vị",
        }

        def ours(number, values):
            return number < 10 or values[1] in names

        return {
            "agency": dump(
                base64.b64decode(agency.workbook_id.datas),
                ids,
                rows={"Tổng hợp": ours},
            ),
            "units": dump(base64.b64decode(units.workbook_id.datas), ids),
        }

    def _assert_workbook_content(self):
        """Every cell of every sheet (values, formulas with their cached values,
        number formats, merged cells, panes, filters) is the one in the file."""
        content = self._content()
        with open(file_path(FIXTURE), encoding="utf-8") as fixture:
            expected = json.load(fixture)
        for scope in ("agency", "units"):
            self.assertEqual(list(content[scope]), list(expected[scope]), scope)
            for sheet, parts in expected[scope].items():
                got = content[scope][sheet]
                for key in ("merged", "freeze", "filter"):
                    self.assertEqual(got[key], parts[key], f"{scope} {sheet} {key}")
                self.assertEqual(
                    len(got["cells"]), len(parts["cells"]), f"{scope} {sheet}"
                )
                for cell, want in zip(got["cells"], parts["cells"], strict=True):
                    self.assertEqual(cell, want, f"{scope} {sheet}")
        # The detail sheets hold the two full documents.
        incoming = [c[1] for c in content["agency"]["VB đến"]["cells"]]
        self.assertIn("125/STC-NS", incoming)
        outgoing = [c[1] for c in content["agency"]["VB đi"]["cells"]]
        self.assertIn("Như trên; Lưu: VT.", outgoing)
