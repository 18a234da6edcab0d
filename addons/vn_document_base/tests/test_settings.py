# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .common import VnDocumentCase


@tagged("post_install", "-at_install")
class TestSettings(VnDocumentCase):
    """The settings page stores the agency identity and the file-check options."""

    def test_settings_saved(self):
        settings = (
            self.env["res.config.settings"]
            .with_user(self.users["admin"])
            .create(
                {
                    "vn_organ_code": "000.09.41.H29",
                    "vn_short_name": "UBND",
                    "vn_managing_body": "Ủy ban nhân dân Thành phố Hồ Chí Minh",
                    "vn_clamd_address": "tcp://clamav:3310",
                    "vn_max_file_size_mb": 40,
                    "vn_revocation_mode": "hard-fail",
                }
            )
        )
        settings.execute()
        params = self.env["ir.config_parameter"].sudo()
        self.assertEqual(params.get_param("vn_document_base.max_file_size_mb"), "40")
        self.assertEqual(
            params.get_param("vn_document_base.clamd_address"), "tcp://clamav:3310"
        )
        self.assertEqual(
            params.get_param("vn_document_base.revocation_mode"), "hard-fail"
        )
        self.assertEqual(self.company.partner_id.vn_organ_code, "000.09.41.H29")
        self.assertEqual(
            self.env["vn.file.check"]._clamd_address(), "tcp://clamav:3310"
        )
        self.assertEqual(self.env["vn.file.check"]._max_size(), 40 * 1024 * 1024)
