# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import VnDocumentCase


@tagged("post_install", "-at_install")
class TestAgencyIdentifier(VnDocumentCase):
    """R-ID1: agencies carry a checked, unique identifier code with its history."""

    def test_valid_codes_accepted_and_normalised(self):
        partner = self.env["res.partner"].create(
            {
                "name": "Sở Tư pháp",
                "is_company": True,
                "vn_organ_code": " 000.00.17.h29 ",
                "vn_short_name": "STP",
            }
        )
        self.assertEqual(partner.vn_organ_code, "000.00.17.H29")
        self.assertEqual(len(partner.vn_organ_code), 13)

    def test_malformed_codes_refused_in_vietnamese(self):
        Partner = self.env["res.partner"].with_context(lang="vi_VN")
        for bad in [
            "000.00.00.H2",
            "00.00.00.H29",
            "000.00.00.229",
            "000-00-00-H29",
            "000.00.00.H299",
            "ABC.00.00.H29",
        ]:
            with self.subTest(code=bad), self.assertRaises(ValidationError) as caught:
                Partner.create(
                    {"name": "Bad", "is_company": True, "vn_organ_code": bad}
                )
            self.assertIn("Mã định danh", str(caught.exception))

    def test_code_unique(self):
        self.env["res.partner"].create(
            {"name": "A", "is_company": True, "vn_organ_code": "000.00.20.H29"}
        )
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self.env["res.partner"].create(
                    {"name": "B", "is_company": True, "vn_organ_code": "000.00.20.H29"}
                )

    def test_code_change_keeps_history_and_old_code_still_finds_agency(self):
        agency = self.env["res.partner"].create(
            {
                "name": "UBND Quận 1",
                "is_company": True,
                "vn_organ_code": "000.00.41.H29",
            }
        )
        agency.vn_organ_code = "000.01.41.H29"
        self.assertEqual(agency.vn_code_history_ids.mapped("code"), ["000.00.41.H29"])
        self.assertEqual(
            self.env["res.partner"].vn_find_agency("000.00.41.H29"), agency
        )
        self.assertEqual(
            self.env["res.partner"].vn_find_agency("000.01.41.H29"), agency
        )
        # The freed code can be given to another agency; the current holder wins.
        other = self.env["res.partner"].create(
            {"name": "X", "is_company": True, "vn_organ_code": "000.00.41.H29"}
        )
        self.assertEqual(self.env["res.partner"].vn_find_agency("000.00.41.H29"), other)

    def test_own_agency_on_company_and_units_short_name(self):
        self.assertEqual(self.company.partner_id.vn_organ_code, "000.07.41.H29")
        self.assertEqual(self.company.vn_short_name, "UBND")
        unit = self.env["hr.department"].create(
            {"name": "Văn phòng", "vn_short_name": "VP"}
        )
        self.assertEqual(unit.vn_short_name, "VP")
