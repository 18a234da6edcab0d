# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.vn_document_base.tests import scan_fixtures

from .test_incoming import IncomingCase


@tagged("post_install", "-at_install")
class TestScanIntake(IncomingCase):
    """R-IN7, R-IN1: paper received is digitised and the scan checked against ND 30
    Phụ lục I; the agency's policy refuses a failing scan or keeps it with a warning
    on the document and in its trail."""

    def receive_scan(self, data, name="giay-150.pdf", **values):
        upload = self.upload(name, data)
        values.setdefault("channel", "paper")
        return self.receive(upload_ids=[(6, 0, upload.ids)], **values)

    def test_paper_scan_failing_is_kept_with_a_warning(self):
        doc = self.receive_scan(scan_fixtures.scan_pdf(150))
        stored = doc.file_ids.sudo()
        self.assertEqual(stored.scan_result, "failed")
        self.assertEqual(stored.scan_dpi, 150)
        self.assertIn("150 dpi", doc.scan_warning)
        self.assertIn("giay-150.pdf", doc.scan_warning)
        warning = doc.trail_ids.filtered(lambda t: "150 dpi" in (t.action or ""))
        self.assertEqual(len(warning), 1)
        self.assertIn("giay-150.pdf", warning.action)

    def test_paper_scan_meeting_the_rules_has_no_warning(self):
        doc = self.receive_scan(scan_fixtures.scan_pdf(200), name="giay-200.pdf")
        self.assertEqual(doc.file_ids.sudo().scan_result, "ok")
        self.assertFalse(doc.scan_warning)

    @mute_logger("odoo.addons.vn_document_base.models.vn_file_check")
    def test_refuse_policy_refuses_the_scan_and_keeps_nothing(self):
        self.company.vn_scan_policy = "refuse"
        upload = self.upload("giay-xam.pdf", scan_fixtures.scan_pdf(300, mode="L"))
        doc = self.receive(upload_ids=[], channel="paper")
        with self.assertRaises(UserError) as caught:
            doc.with_user(self.users["clerk"]).write(
                {"upload_ids": [(6, 0, upload.ids)]}
            )
        self.assertIn("giay-xam.pdf", str(caught.exception))
        self.assertFalse(doc.file_ids)

    def test_upload_marked_as_scan_on_another_channel(self):
        doc = self.receive_scan(
            scan_fixtures.scan_pdf(300, version="1.3"),
            name="quet.pdf",
            channel="email",
            upload_is_scan=True,
        )
        self.assertEqual(doc.file_ids.sudo().scan_result, "failed")
        self.assertIn("1.3", doc.scan_warning)

    def test_born_digital_upload_not_marked_is_not_judged(self):
        doc = self.receive()  # channel e-mail, a signed PDF
        self.assertFalse(doc.file_ids.sudo().scan_result)
        self.assertFalse(doc.scan_warning)
