# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.tests import tagged

from .common import VnDocumentCase


@tagged("post_install", "-at_install")
class TestWorkingDays(VnDocumentCase):
    """R-IN11: deadlines count working days on the agency's calendar with public
    holidays."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env["resource.calendar"].create(
            {"name": "Giờ hành chính", "tz": "Asia/Ho_Chi_Minh"}
        )
        cls.company.resource_calendar_id = cls.calendar
        # Thursday 30 April and Friday 1 May 2026 are public holidays.
        cls.env["resource.calendar.leaves"].create(
            {
                "name": "30/4 - 1/5",
                "calendar_id": cls.calendar.id,
                "date_from": "2026-04-29 17:00:00",
                "date_to": "2026-05-01 16:59:59",
            }
        )

    def test_add_working_days_skips_weekend(self):
        # Friday 10 April 2026 + 3 working days = Wednesday 15 April.
        self.assertEqual(
            self.company.vn_add_working_days(date(2026, 4, 10), 3), date(2026, 4, 15)
        )

    def test_add_working_days_skips_public_holidays(self):
        # Wednesday 29 April + 1 working day: Thu 30/4, Fri 1/5 off, weekend -> Monday 4
        # May.
        self.assertEqual(
            self.company.vn_add_working_days(date(2026, 4, 29), 1), date(2026, 5, 4)
        )
        self.assertEqual(
            self.company.vn_add_working_days(date(2026, 4, 28), 5), date(2026, 5, 7)
        )

    def test_zero_days_is_the_same_day(self):
        self.assertEqual(
            self.company.vn_add_working_days(date(2026, 4, 29), 0), date(2026, 4, 29)
        )

    def test_long_deadline(self):
        # 30 working days from 1 June 2026 (no holiday in June): 6 weeks.
        self.assertEqual(
            self.company.vn_add_working_days(date(2026, 6, 1), 30), date(2026, 7, 13)
        )

    def test_count_working_days(self):
        self.assertEqual(
            self.company.vn_count_working_days(date(2026, 4, 27), date(2026, 5, 4)), 3
        )
        self.assertEqual(
            self.company.vn_count_working_days(date(2026, 5, 4), date(2026, 4, 27)), -3
        )
        self.assertFalse(self.calendar.vn_is_working_day(date(2026, 4, 30)))
        self.assertTrue(self.calendar.vn_is_working_day(date(2026, 5, 4)))
