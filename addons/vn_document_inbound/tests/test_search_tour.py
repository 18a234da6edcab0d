# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The staff member's tour of ND 30 Phụ lục VI III.6 (issue 17): content search in a
scan's OCR'd text, export of the result list to .docx, print with the mark."""

import io
import zipfile

from odoo.tests import HttpCase, tagged

from .test_content_search import SCAN_TEXT, give_text
from .test_incoming import IncomingCase


@tagged("post_install", "-at_install")
class TestSearchTour(HttpCase, IncomingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        upload = cls.upload(cls, "kiem-ke-scan.pdf", cls.signed_pdf)
        cls.doc = cls.receive(
            cls,
            subject="Tour: Kiểm kê di tích năm 2026",
            upload_ids=[(6, 0, upload.ids)],
        )
        give_text(cls.doc, SCAN_TEXT)
        # Another document of the staff member, without the phrase.
        other_upload = cls.upload(cls, "lich-tiep.pdf", cls.signed_pdf)
        cls.other = cls.receive(
            cls,
            subject="Tour: Lịch tiếp công dân",
            upload_ids=[(6, 0, other_upload.ids)],
        )
        for doc in cls.doc | cls.other:
            cls.assign_to_unit(cls, doc)
            lead = doc.assignment_ids.filtered(lambda a: a.role == "lead")
            cls.env["vn.assignment.pass.wizard"].with_user(
                cls.users["department_head"]
            ).create(
                {"assignment_id": lead.id, "user_id": cls.users["staff"].id}
            ).action_confirm()

    def test_staff_finds_exports_and_prints(self):
        staff = self.users["staff"]
        self.assertNotIn("ben nha rong", self.doc.subject.lower())
        self.start_tour(
            "/odoo/action-vn_document_inbound.vn_document_incoming_action",
            "vn_incoming_search_tour",
            login=staff.login,
        )
        logs = self.env["vn.document.access.log"].search(
            [("user_id", "=", staff.id), ("res_model", "=", "vn.document.incoming")]
        )
        exported = logs.filtered(lambda log: log.action == "export")
        self.assertEqual(exported.mapped("res_id"), [self.doc.id])
        # Listing and searching is not opening: the other document was never opened.
        self.assertFalse(logs.filtered(lambda log: log.res_id == self.other.id))
        printed = logs.filtered(lambda log: log.action == "print")
        self.assertEqual(printed.mapped("res_id"), [self.doc.id])
        # The .docx holds the result with the query and time in its header.
        wizard = self.env["vn.search.export"].search(
            [("create_uid", "=", staff.id)], order="id desc", limit=1
        )
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "vn.search.export"), ("res_id", "=", wizard.id)]
        )
        self.assertTrue(attachment.name.endswith(".docx"))
        with zipfile.ZipFile(io.BytesIO(attachment.raw)) as docx:
            body = docx.read("word/document.xml").decode()
        self.assertIn("Tour: Kiểm kê di tích năm 2026", body)
        self.assertNotIn("Lịch tiếp công dân", body)
        self.assertIn("ben nha rong", body)
