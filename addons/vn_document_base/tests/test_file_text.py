# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The text of every stored file (issue 16): read at storage time when the file has
text, by the background OCR job (real Tesseract, Vietnamese) when it is a scan; a
searchable copy beside the original, never a change to it; failures retried, then
reported; settings."""

import hashlib
import io
import zipfile
from datetime import timedelta
from unittest.mock import patch

from PIL import Image, ImageDraw, ImageFont

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from ..tools import ocr
from . import pdf_fixtures
from .common import VnDocumentCase

SCAN_LINES = (
    "ỦY BAN NHÂN DÂN",
    "PHƯỜNG BẾN THÀNH",
    "QUYẾT ĐỊNH",
    "Về việc phê duyệt kế hoạch năm 2026",
)


def scan_png(lines=SCAN_LINES, dpi=200):
    """A clean A4 page at ``dpi`` with ``lines`` in Liberation Serif, as a scanner
    gives it (PNG)."""
    width, height = int(8.27 * dpi), int(11.69 * dpi)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(pdf_fixtures.FONT_PATH, int(dpi * 0.23))
    for index, line in enumerate(lines):
        draw.text((dpi, dpi + index * int(dpi * 0.45)), line, fill="black", font=font)
    buf = io.BytesIO()
    image.save(buf, "PNG", dpi=(dpi, dpi))
    return buf.getvalue()


def docx(paragraphs):
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "word/document.xml",
            f"<w:document {ns}><w:body>{body}</w:body></w:document>",
        )
    return buf.getvalue()


class FileTextCase(VnDocumentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner = cls.env["res.partner"].create({"name": "Văn bản thử"})

    def store(self, data, name, mimetype, pages=1):
        return self.env["vn.document.file"]._vn_store(
            name,
            data,
            self.owner,
            {
                "mimetype": mimetype,
                "size": len(data),
                "sha256": hashlib.sha256(data).hexdigest(),
                "scan_engine": "test",
                "page_count": pages,
                "legal_value": "reference",
                "legal_value_reason": "unsigned",
                "signatures": [],
            },
        )

    def run_job(self):
        Cron = type(self.env["ir.cron"])
        with patch.object(
            Cron, "_commit_progress", lambda self, processed=0, **kw: float("inf")
        ):
            self.env["vn.file.text"]._cron_ocr()

    def make_due(self, text):
        text.sudo().next_attempt_at = fields.Datetime.now() - timedelta(seconds=1)


@tagged("post_install", "-at_install")
class TestTextAtStorage(FileTextCase):
    def test_pdf_with_a_layer_is_read_at_storage_without_ocr(self):
        data = pdf_fixtures.make_pdf(pages=2)
        with patch.object(ocr, "ocr_pdf", side_effect=AssertionError("no OCR")):
            file = self.store(data, "quyet-dinh.pdf", "application/pdf", pages=2)
        text = file.text_ids
        self.assertEqual(
            (text.state, text.source, text.page_count), ("done", "layer", 2)
        )
        pages = text.text.split("\f")
        self.assertEqual(len(pages), 2)
        self.assertIn("Ủy ban nhân dân phường Bến Thành", pages[0])
        self.assertIn("Trang 2/2", pages[1])
        self.assertFalse(text.ocr_attachment_id)

    def test_docx_and_plain_text_at_storage(self):
        file = self.store(
            docx(["CÔNG VĂN", "V/v góp ý dự thảo"]),
            "cong-van.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
        self.assertEqual(
            (file.text_ids.state, file.text_ids.source), ("done", "document")
        )
        self.assertEqual(file.text_ids.text, "CÔNG VĂN\nV/v góp ý dự thảo")
        plain = self.store(
            "Ghi chú: họp lúc 8 giờ".encode(), "ghi-chu.txt", "text/plain"
        )
        self.assertEqual(plain.text_ids.text, "Ghi chú: họp lúc 8 giờ")
        self.assertEqual(plain.text_ids.source, "plain")

    def test_a_damaged_document_is_stored_with_the_reason(self):
        file = self.store(
            b"PK\x03\x04broken",
            "hong.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
        self.assertTrue(file.attachment_id)
        self.assertEqual(
            (file.text_ids.state, file.text_ids.failure), ("failed", "unreadable")
        )

    def test_other_kinds_have_no_text_and_scans_wait_for_the_job(self):
        video = self.store(b"\x00\x00\x00\x18ftypmp42", "clip.mp4", "video/mp4")
        self.assertEqual(video.text_ids.state, "none")
        Cron = type(self.env["ir.cron"])
        with patch.object(Cron, "_trigger") as trigger:
            scan = self.store(
                ocr.image_to_pdf(scan_png()), "scan.pdf", "application/pdf"
            )
        self.assertEqual(scan.text_ids.state, "pending")
        trigger.assert_called_once()

    def test_a_copy_of_the_same_bytes_reuses_the_text(self):
        data = pdf_fixtures.make_pdf(pages=1, text="Bản sao y cùng nội dung")
        first = self.store(data, "a.pdf", "application/pdf")
        other = self.env["res.partner"].create({"name": "Văn bản khác"})
        copy = first._vn_copy_to(other)
        self.assertNotEqual(copy.text_ids, first.text_ids)
        self.assertEqual(copy.text_ids.text, first.text_ids.text)
        self.assertEqual(copy.text_ids.source, "layer")


@tagged("post_install", "-at_install")
class TestOcrJob(FileTextCase):
    def test_scanned_image_ocr_copy_beside_the_unchanged_original(self):
        """A scanned PNG: Vietnamese text by Tesseract, a two-layer PDF/A copy kept
        beside the original, whose bytes and SHA-256 do not change."""
        png = scan_png()
        file = self.store(png, "giay-moi.png", "image/png")
        original = file.attachment_id
        before = (original.raw, original.checksum, file.sha256)
        self.run_job()
        text = file.text_ids
        self.assertEqual(
            (text.state, text.source, text.language), ("done", "ocr", "vie")
        )
        for words in ("ỦY BAN NHÂN DÂN", "BẾN THÀNH", "QUYẾT ĐỊNH", "kế hoạch"):
            self.assertIn(words, text.text)
        self.assertEqual(text.page_count, 1)
        self.assertGreater(text.seconds, 0)
        copy = text.ocr_attachment_id
        self.assertEqual((copy.res_model, copy.res_id), ("vn.file.text", text.id))
        self.assertTrue(copy.raw.startswith(b"%PDF"))
        self.assertIn(b"pdfaid:part", copy.raw)  # PDF/A metadata
        self.assertNotEqual(copy, original)
        self.assertEqual(
            (original.raw, original.checksum, hashlib.sha256(original.raw).hexdigest()),
            (before[0], before[1], before[2]),
        )
        # the copy is protected like the original
        with self.assertRaises(UserError):
            copy.write({"public": True})
        with self.assertRaises(UserError):
            copy.unlink()
        # a recall destroys the text and the copy with the original
        file._vn_destroy_content("Thu hồi")
        self.assertFalse(copy.exists())
        self.assertEqual((text.state, text.text), ("none", False))

    def test_a_worker_killed_during_ocr_still_counts_its_attempts(self):
        file = self.store(scan_png(), "scan.png", "image/png")
        text = file.text_ids.sudo()
        text.write({"attempts": 3})  # three claims whose OCR never came back
        self.make_due(text)
        with patch.object(ocr, "ocr_image", side_effect=AssertionError("no OCR")):
            self.run_job()
        self.assertEqual((text.state, text.attempts), ("failed", 3))

    def test_a_broken_image_fails_after_the_retries_and_is_reported(self):
        file = self.store(b"\x89PNG\r\n\x1a\nbroken", "hong.png", "image/png")
        text = file.text_ids
        for attempt in range(1, 4):
            self.make_due(text)
            self.run_job()
            self.assertEqual(text.attempts, attempt)
            if attempt < 3:
                self.assertEqual(text.state, "pending")
                self.assertGreater(text.next_attempt_at, fields.Datetime.now())
        self.assertEqual((text.state, text.failure), ("failed", "input_file"))
        note = self.owner.message_ids[:1]
        self.assertIn("hong.png", note.body)
        self.assertIn("3", note.body)
        # the job does not take it again
        self.make_due(text)
        self.run_job()
        self.assertEqual(text.attempts, 3)

    def test_only_document_administrators_try_again(self):
        file = self.store(b"\x89PNG\r\n\x1a\nbroken", "hong.png", "image/png")
        text = file.text_ids.sudo()
        text.write({"state": "failed", "failure": "input_file", "attempts": 3})
        for role in ("staff", "clerk", "agency_head"):
            with self.assertRaises(AccessError):
                text.with_user(self.users[role]).action_retry()
        self.assertEqual(text.state, "failed")
        # the admin may read a partner's file only as superuser here: the right to
        # retry is the group's, the record's own access is checked too
        with self.assertRaises(AccessError):
            text.with_user(self.users["admin"]).action_retry()
        text.action_retry()
        self.assertEqual((text.state, text.attempts), ("pending", 0))

    def test_ocr_off_leaves_scans_waiting(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "vn_document_base.ocr_enabled", "False"
        )
        file = self.store(b"\x89PNG\r\n\x1a\nbroken", "hong.png", "image/png")
        self.run_job()
        self.assertEqual((file.text_ids.state, file.text_ids.attempts), ("pending", 0))


@tagged("post_install", "-at_install")
class TestOcrSettings(FileTextCase):
    def test_settings_default_and_saved(self):
        Settings = self.env["res.config.settings"].with_user(self.users["admin"])
        values = Settings.default_get(
            ["vn_ocr_enabled", "vn_ocr_language", "vn_ocr_jobs_per_run"]
        )
        self.assertEqual(
            (
                values["vn_ocr_enabled"],
                values["vn_ocr_language"],
                values["vn_ocr_jobs_per_run"],
            ),
            (True, "vie", 5),
        )
        Settings.create(
            {
                "vn_ocr_enabled": False,
                "vn_ocr_language": "vie+eng",
                "vn_ocr_jobs_per_run": 2,
            }
        ).execute()
        self.assertEqual(
            self.env["vn.file.text"]._vn_settings(),
            {"enabled": False, "language": "vie+eng", "jobs": 2},
        )
        self.assertFalse(Settings.default_get(["vn_ocr_enabled"])["vn_ocr_enabled"])

    def test_language_is_a_code(self):
        Settings = self.env["res.config.settings"].with_user(self.users["admin"])
        with self.assertRaises(ValidationError):
            Settings.create({"vn_ocr_language": "vie --tesseract-config x"})
