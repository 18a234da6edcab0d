# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The text of a received scan (issue 16): read by the OCR job with the real
Tesseract, kept beside the unchanged original, readable exactly by those who may read
the document; nobody writes it through RPC; only document administrators retry."""

import hashlib
from unittest.mock import patch

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.vn_document_base.tests.common import VnRpcMixin
from odoo.addons.vn_document_base.tests.test_file_text import scan_png
from odoo.addons.vn_document_base.tools import ocr, text_extract

from .test_incoming import IncomingCase


def run_ocr_job(env):
    Cron = type(env["ir.cron"])
    with patch.object(
        Cron, "_commit_progress", lambda self, processed=0, **kw: float("inf")
    ):
        env["vn.file.text"]._cron_ocr()


@tagged("post_install", "-at_install")
class TestScanText(HttpCase, VnRpcMixin, IncomingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        scan = ocr.image_to_pdf(scan_png())
        cls.scan_sha256 = hashlib.sha256(scan).hexdigest()
        cls.doc = cls.receive(
            cls,
            upload_ids=[(6, 0, cls.upload(cls, "quyet-dinh-scan.pdf", scan).ids)],
        )
        cls.file = cls.doc.main_file_id
        cls.text = cls.file.text_ids
        cls.pending_state = cls.text.state
        run_ocr_job(cls.env)

    def test_scan_read_by_ocr_beside_the_unchanged_original(self):
        self.assertEqual(self.pending_state, "pending")
        text = self.text
        self.assertEqual((text.state, text.source), ("done", "ocr"))
        self.assertIn("QUYẾT ĐỊNH", text.text)
        self.assertIn("PHƯỜNG BẾN THÀNH", text.text)
        original = self.file.attachment_id
        self.assertEqual(hashlib.sha256(original.raw).hexdigest(), self.scan_sha256)
        self.assertEqual(self.file.sha256, self.scan_sha256)
        self.assertFalse(
            text_extract.has_text_layer(text_extract.pdf_pages_text(original.raw))
        )
        copy = text.ocr_attachment_id.raw
        self.assertIn(b"pdfaid:part", copy)
        self.assertIn("ỦY BAN NHÂN DÂN", text_extract.pdf_pages_text(copy)[0])
        # the clerk sees it on the file
        clerk_text = self.file.with_user(self.users["clerk"]).text_ids
        self.assertEqual(clerk_text.text, text.text)

    def test_another_unit_reads_neither_the_text_nor_the_copy(self):
        """A staff member of another unit (and one of this unit the document is not
        assigned to): no read, search, search_read, name_search of the text, no
        download of the copy by any URL."""
        text, copy = self.text, self.text.ocr_attachment_id
        # the records clerk does see them (the same calls can succeed)
        clerk = self.users["clerk"]
        found = self.rpc(clerk, "vn.file.text", "search_read", [], ["text"])
        self.assertIn(text.id, [r["id"] for r in found])
        found = self.rpc(clerk, "ir.attachment", "read", [copy.id], ["name"])
        self.assertEqual(found[0]["id"], copy.id)
        for user in (self.outsider, self.users["staff"]):
            self.assert_refused(user, "vn.file.text", "read", [text.id], ["text"])
            self.assertEqual(
                self.rpc(user, "vn.file.text", "search_read", [], ["text"]), []
            )
            self.assertEqual(self.rpc(user, "vn.file.text", "search", []), [])
            self.assertEqual(self.rpc(user, "vn.file.text", "name_search", "quyet"), [])
            self.assertEqual(
                self.rpc(
                    user,
                    "ir.attachment",
                    "search_read",
                    [("res_model", "=", "vn.file.text")],
                    ["name"],
                ),
                [],
            )
            self.assert_refused(user, "ir.attachment", "read", [copy.id], ["raw"])
            self.assert_refused(user, "vn.file.text", "action_download", [text.id])
            for url in (
                f"/vn_document/file_text/{text.id}",
                f"/web/content/{copy.id}?download=true",
                f"/web/content/ir.attachment/{copy.id}/raw",
            ):
                with mute_logger("odoo.http"):
                    response = self.url_open(url)
                self.assertIn(response.status_code, (403, 404), url)

    def test_the_clerk_downloads_the_copy_and_it_is_logged(self):
        self.authenticate("vn_test_clerk", "vn_test_clerk")
        response = self.url_open(f"/vn_document/file_text/{self.text.id}")
        self.assertEqual(response.status_code, 200)
        # not the original: it carries the print mark (III.6.k) on each page
        copy = self.text.ocr_attachment_id.raw
        self.assertNotEqual(response.content, copy)
        pages = text_extract.pdf_pages_text(response.content)
        self.assertEqual(len(pages), len(text_extract.pdf_pages_text(copy)))
        for page in pages:
            self.assertIn(self.users["clerk"].name, page)
        self.assertTrue(
            self.env["vn.document.access.log"].search(
                [
                    ("action", "=", "download"),
                    ("file_id", "=", self.file.id),
                    ("user_id", "=", self.users["clerk"].id),
                ]
            )
        )

    def test_nobody_writes_the_text_or_its_state(self):
        text, copy = self.text, self.text.ocr_attachment_id
        for role in ("clerk", "admin", "agency_head"):
            user = self.users[role]
            self.assert_refused(
                user, "vn.file.text", "write", [text.id], {"state": "failed"}
            )
            self.assert_refused(
                user, "vn.file.text", "write", [text.id], {"text": "Giả mạo"}
            )
            self.assert_refused(
                user,
                "vn.file.text",
                "create",
                {"file_id": self.file.id, "text": "Giả mạo", "state": "done"},
            )
            self.assert_refused(user, "vn.file.text", "unlink", [text.id])
            self.assert_refused(
                user, "ir.attachment", "write", [copy.id], {"public": True}
            )
        self.assertEqual(text.state, "done")
        self.assertFalse(copy.public)

    def test_only_document_administrators_retry(self):
        self.text.sudo().write({"state": "failed", "failure": "timeout", "attempts": 3})
        for role in ("clerk", "agency_head"):
            self.assert_refused(
                self.users[role], "vn.file.text", "action_retry", [self.text.id]
            )
        self.assertEqual(self.text.state, "failed")
        self.rpc(self.users["admin"], "vn.file.text", "action_retry", [self.text.id])
        self.text.invalidate_recordset()
        self.assertEqual((self.text.state, self.text.attempts), ("pending", 0))
