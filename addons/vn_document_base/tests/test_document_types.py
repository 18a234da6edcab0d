# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .common import VnDocumentCase


@tagged("post_install", "-at_install")
class TestDocumentTypes(VnDocumentCase):
    """ND 30 Điều 7 and Phụ lục III: the 29 types, their abbreviations and codes;
    urgency levels."""

    def test_29_administrative_types(self):
        types = self.env["vn.document.type"].search([])
        self.assertEqual(len(types), 29)
        without = types.filtered(lambda t: not t.abbreviation).mapped("name")
        self.assertCountEqual(without, ["Công văn", "Thư công"])
        by_name = {t.name: t for t in types}
        self.assertEqual(by_name["Quyết định"].abbreviation, "QĐ")
        self.assertEqual(by_name["Quy định"].abbreviation, "QyĐ")
        self.assertEqual(by_name["Tờ trình"].abbreviation, "TTr")
        self.assertEqual(by_name["Công văn"].symbol_style, "agency_unit")
        self.assertEqual(by_name["Công văn"].edxml_type_detail, 18)
        self.assertEqual(by_name["Công văn"].archival_code, "22")
        self.assertEqual(len(set(types.mapped("archival_code"))), 29)

    def test_urgency_levels_with_edxml_priority(self):
        levels = self.env["vn.document.urgency"].search([])
        self.assertEqual(
            [(u.name, u.edxml_priority, u.is_urgent) for u in levels],
            [
                ("Thường", 0, False),
                ("Khẩn", 1, True),
                ("Thượng khẩn", 2, True),
                ("Hỏa tốc", 3, True),
            ],
        )

    def test_types_are_editable_data(self):
        admin = self.users["admin"]
        new_type = (
            self.env["vn.document.type"]
            .with_user(admin)
            .create({"name": "Bản đồ", "abbreviation": "BĐ", "archival_code": "30"})
        )
        self.assertTrue(new_type.active)
        new_type.with_user(admin).active = False
        self.assertNotIn(new_type, self.env["vn.document.type"].search([]))
