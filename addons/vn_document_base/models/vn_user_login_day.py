# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from ..tools.legal import vn_now


class VnUserLoginDay(models.Model):
    """The days (Vietnam dates) each account logged in: the fact behind "active
    accounts" in the quarterly report (R-RP1). Odoo's own login log keeps only the last
    login of each user; this one is kept."""

    _name = "vn.user.login.day"
    _description = "Day an account logged in"
    _order = "day desc, id desc"
    _log_access = False

    user_id = fields.Many2one(
        "res.users", required=True, readonly=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    day = fields.Date(required=True, readonly=True, index=True)

    _user_day_unique = models.UniqueIndex("(user_id, day)")

    @api.model
    def _vn_record(self, user):
        """Today's row for ``user`` (once a day, whoever logs in concurrently)."""
        self.env.cr.execute(
            """INSERT INTO vn_user_login_day (user_id, company_id, day)
               VALUES (%s, %s, %s) ON CONFLICT (user_id, day) DO NOTHING""",
            (user.id, user.company_id.id, vn_now().date()),
        )
