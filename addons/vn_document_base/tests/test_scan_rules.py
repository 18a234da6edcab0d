# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from . import pdf_fixtures, scan_fixtures
from .common import VnDocumentCase


@tagged("post_install", "-at_install")
class TestScanRules(VnDocumentCase):
    """R-IN7: a scan is checked against ND 30 Phụ lục I (PDF 1.4+, colour, 200 dpi,
    100 % scale); the agency's policy refuses it or keeps it with a warning; the result
    is evidence only the check writes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.checker = cls.env["vn.file.check"]
        cls.good = scan_fixtures.scan_pdf(300)
        cls.owner = cls.env["res.partner"].create({"name": "Văn bản giấy"})

    def scan(self, data, name="scan.pdf"):
        return self.checker.check(name, data, scan_policy="warn")["scan"]

    def test_colour_a4_scan_at_200_and_300_dpi_meets_the_rules(self):
        for dpi in (200, 300):
            with self.subTest(dpi=dpi):
                scan = self.scan(scan_fixtures.scan_pdf(dpi))
                self.assertEqual(scan["scan_result"], "ok")
                self.assertEqual(scan["scan_dpi"], dpi)
                self.assertEqual(scan["scan_colour_depth"], 24)
                self.assertEqual(scan["scan_paper"], "A4")
                self.assertEqual(scan["scan_pdf_version"], "1.4")
                self.assertFalse(scan["scan_reasons"])

    def test_each_rule_fails_with_its_reason(self):
        cases = [
            ("150 dpi", scan_fixtures.scan_pdf(150), "150 dpi"),
            # the reasons are kept in Vietnamese (legal text): "trang 1" is page 1
            ("grayscale", scan_fixtures.scan_pdf(300, mode="L"), "trang 1"),
            ("bilevel", scan_fixtures.scan_pdf(300, mode="1"), "trang 1"),
            (
                "shrunk page",
                scan_fixtures.scan_pdf(300, page_mm=(189.0, 267.3)),
                "189 × 267 mm",
            ),
            ("PDF 1.3", scan_fixtures.scan_pdf(300, version="1.3"), "1.3"),
        ]
        for label, data, detail in cases:
            with self.subTest(label):
                scan = self.scan(data)
                self.assertEqual(scan["scan_result"], "failed")
                self.assertEqual(len(scan["scan_reasons"].splitlines()), 1)
                self.assertIn(detail, scan["scan_reasons"])

    def test_image_upload_is_judged_and_reported_not_pdf(self):
        data = scan_fixtures.page_image(300, fmt="JPEG")
        scan = self.scan(data, "scan.jpg")
        self.assertEqual(scan["scan_format"], "image")
        self.assertEqual(scan["scan_dpi"], 300)
        self.assertEqual(scan["scan_result"], "failed")
        self.assertIn("JPEG", scan["scan_reasons"])

    def test_born_digital_pdf_not_marked_as_scan_is_not_judged(self):
        pdf = pdf_fixtures.make_pdf(pages=2)
        self.assertNotIn("scan", self.checker.check("cong-van.pdf", pdf))
        stored = self.env["vn.document.file"]._vn_store_checked(
            "cong-van.pdf", pdf, self.owner
        )
        self.assertFalse(stored.scan_result)
        # the same file marked as a scan is judged: no scanned image on its pages
        marked = self.env["vn.document.file"]._vn_store_checked(
            "cong-van-2.pdf", pdf + b"\n", self.owner, scan=True
        )
        self.assertEqual(marked.scan_result, "failed")

    def test_warn_policy_keeps_the_failing_scan_with_its_reasons(self):
        self.assertEqual(self.company.vn_scan_policy, "warn")
        stored = self.env["vn.document.file"]._vn_store_checked(
            "scan-150.pdf", scan_fixtures.scan_pdf(150), self.owner, scan=True
        )
        self.assertEqual(stored.scan_result, "failed")
        self.assertEqual(stored.scan_dpi, 150)
        self.assertIn("150 dpi", stored.scan_reasons)

    @mute_logger("odoo.addons.vn_document_base.models.vn_file_check")
    def test_refuse_policy_stores_nothing(self):
        settings = self.env["res.config.settings"].create({})
        settings.vn_scan_policy = "refuse"
        settings.execute()
        self.assertEqual(self.company.vn_scan_policy, "refuse")
        before = self.env["ir.attachment"].search_count([])
        with self.assertRaises(UserError) as caught:
            self.env["vn.document.file"]._vn_store_checked(
                "scan-gray.pdf",
                scan_fixtures.scan_pdf(300, mode="L"),
                self.owner,
                scan=True,
            )
        self.assertIn("scan-gray.pdf", str(caught.exception))
        self.assertEqual(self.env["ir.attachment"].search_count([]), before)
        self.assertFalse(
            self.env["vn.document.file"].search([("res_id", "=", self.owner.id)])
        )
        # a scan meeting the rules is still taken
        stored = self.env["vn.document.file"]._vn_store_checked(
            "scan-ok.pdf", self.good, self.owner, scan=True
        )
        self.assertEqual(stored.scan_result, "ok")

    def test_attack_scan_result_is_not_writable_by_users(self):
        """A clerk or staff member cannot turn a failing scan into a passing one, nor
        make a file record with a scan result of their choice."""
        stored = self.env["vn.document.file"]._vn_store_checked(
            "scan-150.pdf", scan_fixtures.scan_pdf(150), self.owner, scan=True
        )
        for role in ("clerk", "staff", "admin"):
            user = self.users[role]
            with self.subTest(role=role):
                with self.assertRaises(AccessError):
                    stored.with_user(user).write(
                        {"scan_result": "ok", "scan_reasons": False, "scan_dpi": 300}
                    )
                with self.assertRaises(AccessError):
                    self.env["vn.document.file"].with_user(user).create(
                        {
                            "name": "forged.pdf",
                            "sha256": "0" * 64,
                            "res_model": "res.partner",
                            "res_id": self.owner.id,
                            "scan_result": "ok",
                        }
                    )
        stored.invalidate_recordset()
        self.assertEqual(stored.scan_result, "failed")
