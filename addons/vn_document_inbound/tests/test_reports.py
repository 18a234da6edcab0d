# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
import re

import openpyxl
from PyPDF2 import PdfReader

from odoo.exceptions import UserError
from odoo.tests import tagged

from .test_incoming import IncomingCase


@tagged("post_install", "-at_install")
class TestIncomingRegisterPrintouts(IncomingCase):
    """R-IN8: the incoming register book (cover and 10 columns) as PDF and Excel, the
    follow-up register and the processing slip."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.docs = cls.env["vn.document.incoming"]
        for number in ("21", "22", "23"):
            doc = (
                cls.env["vn.document.incoming"]
                .with_user(cls.users["clerk"])
                .create(
                    {
                        "subject": f"Công văn số {number} về cải cách hành chính",
                        "channel": "paper",
                        "sender_id": cls.sender.id,
                        "code_number": number,
                        "code_notation": "STP-VP",
                        "register_book_id": cls.book.id,
                    }
                )
            )
            doc.action_register()
            cls.docs |= doc
        cls.year = cls.docs[0].file_catalog

    def wizard(self, **values):
        return (
            self.env["vn.incoming.register.report.wizard"]
            .with_user(self.users["clerk"])
            .create(
                dict({"register_book_id": self.book.id, "year": self.year}, **values)
            )
        )

    def test_register_rows_and_columns(self):
        values = self.wizard()._report_values("register")
        self.assertEqual(len(values["columns"]), 10)
        self.assertEqual([c[1] for c in values["columns"]][:2], ["Ngày đến", "Số đến"])
        self.assertEqual([r["arrival_number"] for r in values["rows"]], [1, 2, 3])
        self.assertEqual(values["rows"][0]["symbol"], "21/STP-VP")
        self.assertEqual(values["rows"][0]["author"], "Sở Tư pháp")
        ranged = self.wizard(number_from=2, number_to=3)._report_values("register")
        self.assertEqual([r["arrival_number"] for r in ranged["rows"]], [2, 3])
        with self.assertRaises(UserError):
            self.wizard(number_from=50)._report_values("register")

    def test_register_pdf(self):
        # wkhtmltopdf would fetch the stylesheets from this very server, whose request
        # thread waits for the registry the test holds: point it at a closed port (no
        # styles, same text).
        self.env["ir.config_parameter"].set_param("report.url", "http://127.0.0.1:9")
        wizard = self.wizard(volume="01")
        pdf, report_type = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(
                "vn_document_inbound.action_report_vn_incoming_register", wizard.ids
            )
        )
        self.assertEqual(report_type, "pdf")
        # Text extraction breaks lines inside words; compare without white space.
        text = re.sub(
            r"\s+",
            "",
            "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages),
        )
        for expected in (
            "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN",
            "Từ số 1 đến số 3",
            "Quyển số 01",
            "21/STP-VP",
            "Ký nhận",
        ):
            self.assertIn(re.sub(r"\s+", "", expected), text)

    def test_register_xlsx(self):
        action = self.wizard().action_export_xlsx()
        attachment = self.env["ir.attachment"].browse(
            int(action["url"].split("/")[3].split("?")[0])
        )
        sheet = openpyxl.load_workbook(io.BytesIO(attachment.raw)).active
        self.assertEqual(sheet["A1"].value, "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN")
        self.assertEqual(
            [sheet.cell(4, c).value for c in range(1, 11)][-3:],
            ["Ngày chuyển", "Ký nhận", "Ghi chú"],
        )
        self.assertEqual(sheet.cell(5, 2).value, 1)
        self.assertEqual(sheet.max_row, 7)

    def test_follow_up_register_and_slip(self):
        values = self.wizard()._report_values("follow_up")
        self.assertEqual(len(values["columns"]), 7)
        doc = self.docs[0]
        self.assign_to_unit_registered(doc)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "vn_document_inbound.action_report_vn_incoming_slip", doc.ids
            )[0]
            .decode()
        )
        self.assertIn("PHIẾU GIẢI QUYẾT VĂN BẢN ĐẾN", html)
        self.assertIn("Phòng Kinh tế", html)

    def assign_to_unit_registered(self, doc):
        self.env["vn.incoming.assign.wizard"].with_user(
            self.users["agency_head"]
        ).create(
            {
                "document_id": doc.id,
                "lead_department_id": self.unit.id,
                "deadline_days": 5,
            }
        ).action_confirm()


@tagged("post_install", "-at_install")
class TestPaperHolder(IncomingCase):
    """R-IN10: when paper accompanies the document, who holds it is recorded, shown
    on the document and printed in the register book."""

    def test_paper_holder_recorded_shown_and_printed(self):
        clerk = self.users["clerk"]
        holder = self.users["staff"]
        doc = (
            self.env["vn.document.incoming"]
            .with_user(clerk)
            .create(
                {
                    "subject": "Hồ sơ đề nghị cấp phép xây dựng (bản giấy)",
                    "channel": "paper",
                    "sender_id": self.sender.id,
                    "code_number": "31",
                    "code_notation": "STP-VP",
                    "register_book_id": self.book.id,
                }
            )
        )
        doc.write({"paper_holder_id": holder.id})
        doc.action_register()
        # recorded on the document, after its registration too
        self.assertEqual(doc.paper_holder_id, holder)
        doc.with_user(clerk).write({"paper_holder_id": self.users["clerk"].id})
        self.assertEqual(doc.paper_holder_id, self.users["clerk"])
        self.assertTrue(doc._fields["paper_holder_id"].tracking)
        # shown on the clerk's form for a paper document
        arch = doc.with_user(clerk).get_views([(False, "form")])["views"]["form"][
            "arch"
        ]
        self.assertRegex(
            arch, r'<field name="paper_holder_id"[^>]*invisible="channel != \'paper\''
        )
        # printed in the register book, in Vietnamese whatever the user's language
        year = doc.file_catalog
        wizard = (
            self.env["vn.incoming.register.report.wizard"]
            .with_user(clerk)
            .with_context(lang="en_US")
            .create({"register_book_id": self.book.id, "year": year})
        )
        rows = wizard._report_values("register")["rows"]
        row = next(r for r in rows if r["symbol"] == "31/STP-VP")
        self.assertIn(f"Bản giấy do {clerk.name} giữ", row["note"])
        for other in rows:
            if other is not row:
                self.assertNotIn("Bản giấy do", other["note"])
