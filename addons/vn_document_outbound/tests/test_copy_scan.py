# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import unicodedata
from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.vn_document_base.tests import scan_fixtures
from odoo.addons.vn_document_base.tools import ocr, text_extract

from .common import PASSPHRASE, OutgoingCase

LINES = (
    "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH",
    "Quyết định về việc giao chỉ tiêu kế hoạch",
    "Điều 1. Giao các sở, ngành thực hiện nhiệm vụ.",
)


def words(text):
    return " ".join(unicodedata.normalize("NFC", text).split())


@tagged("post_install", "-at_install")
class TestCopyFromScan(OutgoingCase):
    """R-LV2, R-OUT7, ND30.md §8: an electronic sao y of paper is the scan checked
    against ND 30 Phụ lục I, made a two-layer PDF/A by Vietnamese OCR, then signed by
    the agency over the OCR'd bytes."""

    def new_copy(self):
        return (
            self.env["vn.document.copy"]
            .with_user(self.clerk)
            .create(
                {
                    "form": "SY",
                    "medium": "electronic",
                    "source_description": "Quyết định số 15/QĐ-UBND (bản giấy)",
                }
            )
        )

    def test_scan_is_ocr_then_signed(self):
        scan = scan_fixtures.scan_pdf(300, lines=LINES)
        copy = self.new_copy()
        made = []

        def run_ocr(data):
            made.append(real_ocr(data))
            return made[-1]

        real_ocr = ocr.ocr_pdf
        with patch.object(ocr, "ocr_pdf", side_effect=run_ocr) as ocr_pdf:
            number = copy._vn_make(self.agency_p12_key, PASSPHRASE, "sao-y.pdf", scan)
        self.assertEqual(number, "01/SY-UBND")
        ocr_pdf.assert_called_once_with(scan)
        signed = self.raw(copy.file_id)
        # the OCR'd PDF/A is the signed revision: the signature is appended to it
        self.assertIn(b"pdfaid:part", made[0])
        self.assertTrue(signed.startswith(made[0]))
        self.assertGreater(len(signed), len(made[0]))
        self.assertEqual(copy.legal_value, "certified_copy")
        signature = copy.file_id.signature_ids
        self.assertEqual(len(signature), 1)
        self.assertTrue(signature.is_valid)
        self.assertEqual(signature.coverage, "ENTIRE_FILE")
        text = words(" ".join(text_extract.pdf_pages_text(signed)))
        for expected in ("Quyết định", "chỉ tiêu", "Điều 1"):
            self.assertIn(expected, text)
        self.assertEqual(copy.scan_result, "ok")
        self.assertEqual(copy.file_id.scan_dpi, 300)

    @mute_logger("odoo.addons.vn_document_base.models.vn_file_check")
    def test_failing_scan_under_refuse_makes_no_copy_and_takes_no_number(self):
        self.company.vn_scan_policy = "refuse"
        copy = self.new_copy()
        next_number = self.book_copy.next_number
        with (
            patch.object(ocr, "ocr_pdf") as ocr_pdf,
            self.assertRaises(UserError) as caught,
        ):
            copy._vn_make(
                self.agency_p12_key,
                PASSPHRASE,
                "sao-y-150.pdf",
                scan_fixtures.scan_pdf(150),
            )
        self.assertIn("150 dpi", str(caught.exception))
        ocr_pdf.assert_not_called()
        self.assertFalse(copy.number_symbol)
        self.assertFalse(copy.file_id)
        self.book_copy.invalidate_recordset()
        self.assertEqual(self.book_copy.next_number, next_number)
        self.assertFalse(
            self.env["vn.document.file"].search(
                [("res_model", "=", copy._name), ("res_id", "=", copy.id)]
            )
        )

    def test_failing_scan_under_warn_is_signed_with_the_warning(self):
        copy = self.new_copy()
        with patch.object(ocr, "ocr_pdf", side_effect=lambda data: data):
            copy._vn_make(
                self.agency_p12_key,
                PASSPHRASE,
                "sao-y-xam.pdf",
                scan_fixtures.scan_pdf(200, mode="L"),
            )
        self.assertEqual(copy.legal_value, "certified_copy")
        self.assertEqual(copy.scan_result, "failed")
        self.assertTrue(copy.scan_reasons)
        first_reason = copy.scan_reasons.splitlines()[0]
        self.assertTrue(copy.message_ids.filtered(lambda m: first_reason in m.body))
