# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo import Command
from odoo.tests import TransactionCase, tagged

Q3 = (datetime.date(2026, 7, 1), datetime.date(2026, 9, 30))


@tagged("post_install", "-at_install")
class TestAccountsAtCutoff(TransactionCase):
    """R-RP1 with R-US2: the quarterly report counts the accounts enabled at the end of
    the quarter from their history, not from their state today."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.staff = cls.env.ref("vn_document_base.group_vn_document_staff")
        Department = cls.env["hr.department"]
        cls.unit = Department.create({"name": "Phòng thử lịch sử tài khoản"})
        cls.other_unit = Department.create({"name": "Phòng thử khác"})

    def _account(self, login, unit, events=(), active=True):
        """A staff account created before the quarter, with lifecycle events given
        as (kind, UTC datetime) in the order they happened."""
        user = self.env["res.users"].create(
            {
                "name": login,
                "login": login,
                "group_ids": [Command.link(self.staff.id)],
                "company_id": self.company.id,
                "company_ids": [Command.set(self.company.ids)],
            }
        )
        self.env["hr.employee"].create(
            {"name": login, "user_id": user.id, "department_id": unit.id}
        )
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE res_users SET create_date = %s WHERE id = %s",
            (datetime.datetime(2026, 6, 1), user.id),
        )
        for kind, when in events:
            self.env["vn.user.handover"].create(
                {
                    "kind": kind,
                    "user_id": user.id,
                    "date": when,
                    "reason": kind,
                    "company_id": self.company.id,
                }
            )
        if not active:
            user.active = False
        return user

    def test_enabled_at_the_cutoff_from_the_history(self):
        before = datetime.datetime(2026, 8, 1, 3)
        after = datetime.datetime(2026, 10, 15, 3)
        # left after the quarter: enabled during it
        self._account("hist_a", self.unit, [("left", after)], active=False)
        # left during the quarter: not enabled at its end
        self._account("hist_b", self.unit, [("left", before)], active=False)
        # left, then re-enabled before the end of the quarter
        self._account(
            "hist_c",
            self.unit,
            [("left", before), ("re_enabled", datetime.datetime(2026, 9, 1, 3))],
        )
        # no history: its state today
        self._account("hist_d", self.unit)
        # left during the quarter, re-enabled after it: not enabled at its end
        self._account(
            "hist_e", self.other_unit, [("left", before), ("re_enabled", after)]
        )
        facts = self.env["vn.report.facts"]
        window = facts._vn_window(*Q3, now=datetime.datetime(2026, 12, 2))
        rows = facts._vn_accounts(self.company, window, *Q3)
        self.assertEqual(rows[self.unit.id]["enabled"], 3, "hist_a, hist_c, hist_d")
        self.assertEqual(rows[self.unit.id]["active"], 0, "no login in the quarter")
        self.assertNotIn(self.other_unit.id, rows, "hist_e was disabled at the end")
