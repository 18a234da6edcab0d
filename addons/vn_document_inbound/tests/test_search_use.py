# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The search and use functions of ND 30 Phụ lục VI III.6 on incoming documents:
advanced search (d), export of the result (h) with the user's rights and the access
log (l), accesses of a document (a)."""

import datetime
import io
import re
import zipfile
from unittest.mock import patch

from pdfminer.high_level import extract_text

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.vn_document_base.tests.common import (
    VnDocumentCase,
    VnRolesSetup,
    VnRpcMixin,
)
from odoo.addons.vn_document_base.wizards.vn_search_export import VnSearchExport


@tagged("post_install", "-at_install")
class TestSearchUse(VnDocumentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Incoming = cls.env["vn.document.incoming"].sudo()
        cls.staff = cls.users["staff"]
        cls.mine = Incoming.create(
            {
                "subject": "Quy hoạch đất đai quận Một",
                "channel": "paper",
                "code_number": "12",
                "code_notation": "UBND-QLĐT",
                "organ_name": "Ủy ban nhân dân quận Một",
                "issued_date": "2026-03-02",
                "arrival_date": "2026-03-04 02:00:00",
                "received_by_id": cls.staff.id,
            }
        )
        # received by the clerk, never assigned: the staff member may not read it
        cls.secret = Incoming.create(
            {
                "subject": "Quy hoạch đất đai chưa công bố",
                "channel": "paper",
                "code_number": "99",
                "received_by_id": cls.users["clerk"].id,
            }
        )
        cls.ids = [cls.mine.id, cls.secret.id]

    def _wizard(self, user, ids, domain, export_format):
        return (
            self.env["vn.search.export"]
            .with_user(user)
            .with_context(
                active_model="vn.document.incoming",
                active_ids=ids,
                active_domain=domain,
            )
            .create({"export_format": export_format})
        )

    def _exported(self, action):
        attachment_id = int(re.search(r"/web/content/(\d+)", action["url"])[1])
        return self.env["ir.attachment"].browse(attachment_id).raw

    def _logged(self, doc):
        return self.env["vn.document.access.log"].search(
            [
                ("res_model", "=", doc._name),
                ("res_id", "=", doc.id),
                ("action", "=", "export"),
            ]
        )

    def test_export_docx_header_and_rows(self):
        """ND 30 Phụ lục VI III.6.h: the Word export carries the query in words and the
        time, and lists only what the user may read (select all over a domain that
        also matches a document he may not read); III.6.l: the export is logged."""
        wizard = self._wizard(
            self.staff, self.ids, [("subject", "ilike", "đất đai")], "docx"
        )
        data = self._exported(wizard.action_export())
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            xml = package.read("word/document.xml").decode()
        text = re.sub(r"<[^>]+>", " ", xml)
        self.assertIn(self.company.name, text)
        self.assertIn("«đất đai»", text)  # the query's value
        self.assertIn(datetime.date.today().strftime("%Y"), text)  # the time
        self.assertIn(self.mine.subject, text)
        self.assertIn("12", text)
        self.assertNotIn(self.secret.subject, text)
        self.assertTrue(self._logged(self.mine))
        self.assertFalse(self._logged(self.secret))

    def test_export_xlsx_header_and_rows(self):
        """ND 30 Phụ lục VI III.6.h: the Excel export, read back: header and rows."""
        import openpyxl

        wizard = self._wizard(
            self.staff, self.ids, [("code_number", "=", "12")], "xlsx"
        )
        data = self._exported(wizard.action_export())
        sheet = openpyxl.load_workbook(io.BytesIO(data)).active
        cells = [c for row in sheet.iter_rows(values_only=True) for c in row if c]
        self.assertTrue(any("«12»" in str(c) for c in cells), cells[:6])
        self.assertIn(self.company.name, cells)
        self.assertIn(self.mine.subject, cells)
        self.assertIn("04/03/2026 09:00", cells)  # arrival date in Vietnam time
        self.assertNotIn(self.secret.subject, cells)

    def test_export_pdf_report(self):
        """ND 30 Phụ lục VI III.6.h: the PDF export is a QWeb report (so it carries the
        system's print mark), with the query and the rows the user may read."""
        wizard = self._wizard(
            self.staff, self.ids, [("subject", "ilike", "quy hoạch")], "pdf"
        )
        action = wizard.action_export()
        self.assertEqual(action["type"], "ir.actions.report")
        # wkhtmltopdf would fetch the styles from this server, whose request thread
        # waits for the registry the test holds: a closed port (same text).
        self.env["ir.config_parameter"].set_param("report.url", "http://127.0.0.1:9")
        report = self.env.ref("vn_document_base.action_report_vn_search_export")
        pdf, _kind = (
            report.with_user(self.staff)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(report.report_name, wizard.ids)
        )
        # text extraction breaks lines inside words: compare without white space
        text = re.sub(r"\s+", "", extract_text(io.BytesIO(pdf)))
        self.assertIn("«quyhoạch»", text)
        self.assertIn(re.sub(r"\s+", "", self.mine.subject), text)
        self.assertNotIn(re.sub(r"\s+", "", self.secret.subject), text)
        self.assertTrue(self._logged(self.mine))

    def test_export_never_reaches_unreadable_documents(self):
        """SECURITY.md: ids of a document the user may not read, passed as the
        selection, export nothing and log nothing."""
        wizard = self._wizard(self.staff, [self.secret.id], [], "docx")
        with self.assertRaises(UserError):
            wizard.action_export()
        self.assertFalse(self._logged(self.secret))

    def test_export_row_limit(self):
        """ND 30 Phụ lục VI III.6.h: above the row limit, a clear message asks to
        narrow the search rather than an unbounded file."""
        wizard = self._wizard(self.users["clerk"], self.ids, [], "xlsx")
        with patch.object(VnSearchExport, "_vn_row_limit", 1):
            with self.assertRaises(UserError) as caught:
                wizard.action_export()
        self.assertIn("2", str(caught.exception))
        self.assertFalse(self._logged(self.mine))

    def test_advanced_search(self):
        """ND 30 Phụ lục VI III.6.d: the advanced search's criteria (number, words of
        the subject in any order, arrival dates as Vietnam days, issuing agency) make
        the list's domain; the list is searched with the user's rights."""
        Search = self.env["vn.advanced.search"].with_user(self.staff)
        wizard = Search.with_context(default_res_model="vn.document.incoming").create(
            {
                "subject": "quận quy hoạch",
                "number": "12",
                "agency": "quận Một",
                "arrival_from": "2026-03-04",
                "arrival_to": "2026-03-04",
            }
        )
        action = wizard.action_search()
        found = (
            self.env["vn.document.incoming"]
            .with_user(self.staff)
            .search(action["domain"])
        )
        self.assertEqual(found, self.mine)
        self.assertIn("«12»", action["name"])
        # the day before (Vietnam time) finds nothing
        wizard.write({"arrival_from": "2026-03-03", "arrival_to": "2026-03-03"})
        action = wizard.action_search()
        self.assertFalse(self.env["vn.document.incoming"].search(action["domain"]))
        # the clerk's own document is not found by the staff member
        wizard.write({"arrival_from": False, "arrival_to": False, "number": "99"})
        wizard.write({"subject": False, "agency": False})
        action = wizard.action_search()
        staff_found = self.env["vn.document.incoming"].with_user(self.staff)
        self.assertFalse(staff_found.search(action["domain"]))
        self.assertEqual(
            self.env["vn.document.incoming"].search(action["domain"]), self.secret
        )

    def test_advanced_search_keys(self):
        """ND 30 Phụ lục VI III.6.d: the panel shows the criteria of the kind of
        document, the status among them; an empty panel asks for a criterion."""
        wizard = (
            self.env["vn.advanced.search"]
            .with_user(self.staff)
            .with_context(default_res_model="vn.document.incoming")
            .create({})
        )
        for key in ("number", "arrival", "arrival_number", "overdue", "state"):
            self.assertIn(f",{key},", wizard.available_keys)
        with self.assertRaises(UserError):
            wizard.action_search()
        wizard.state = "registered"
        self.assertIn(("state", "=", "registered"), wizard.action_search()["domain"])

    def test_accesses_of_a_document(self):
        """ND 30 Phụ lục VI III.6.a: the accesses of a document are counted on it for
        those who may read the access log, and for nobody else."""
        clerk = self.users["clerk"]
        self.mine.with_user(clerk).read(["subject", "description"])
        self.mine.with_user(clerk).read(["subject", "description"])
        self.mine.invalidate_recordset(["vn_access_count"])
        self.assertEqual(self.mine.with_user(clerk).vn_access_count, 2)
        action = self.mine.with_user(clerk).action_open_access_log()
        self.assertEqual(
            self.env[action["res_model"]]
            .with_user(clerk)
            .search_count(action["domain"]),
            2,
        )
        self.assertEqual(self.mine.with_user(self.staff).vn_access_count, 0)
        with self.assertRaises(AccessError):
            self.mine.with_user(self.staff).action_open_access_log()


@tagged("post_install", "-at_install")
class TestSearchUseRpc(VnRpcMixin, VnRolesSetup, HttpCase):
    """SECURITY.md: the export over JSON-RPC, as a staff member who names documents he
    may not read."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_roles()
        cls.secret = (
            cls.env["vn.document.incoming"]
            .sudo()
            .create(
                {
                    "subject": "Hồ sơ nhân sự mật",
                    "channel": "paper",
                    "received_by_id": cls.users["clerk"].id,
                }
            )
        )

    def test_export_of_unreadable_documents_is_refused(self):
        """ND 30 Phụ lục VI III.6.h, SECURITY.md: ids and a domain of a document the
        user may not read, given over RPC, export nothing and log nothing."""
        staff = self.users["staff"]
        wizard_id = self.rpc(
            staff,
            "vn.search.export",
            "create",
            {
                "export_format": "xlsx",
                "res_model": "vn.document.incoming",
                "res_ids": f"[{self.secret.id}]",
                "domain": f"[('id', '=', {self.secret.id})]",
            },
        )
        self.assert_refused(staff, "vn.search.export", "action_export", [wizard_id])
        # a model outside the suite's document lists is refused as well
        wizard_id = self.rpc(
            staff,
            "vn.search.export",
            "create",
            {"res_model": "res.users", "res_ids": "[1]"},
        )
        self.assert_refused(staff, "vn.search.export", "action_export", [wizard_id])
        logged = self.env["vn.document.access.log"].search(
            [("res_model", "=", self.secret._name), ("res_id", "=", self.secret.id)]
        )
        self.assertFalse(logged)
