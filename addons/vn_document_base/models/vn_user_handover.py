# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class VnUserHandover(models.Model):
    """The record of an account disabled and its open work handed over (R-US2,
    R-US3)."""

    _name = "vn.user.handover"
    _description = "Work handover of a disabled account"
    _order = "date desc, id desc"

    user_id = fields.Many2one(
        "res.users", string="Disabled account", required=True, readonly=True, index=True
    )
    successor_id = fields.Many2one("res.users", readonly=True)
    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    done_by_id = fields.Many2one(
        "res.users",
        string="Done by",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
    )
    reason = fields.Char(required=True, readonly=True)
    summary = fields.Text(string="Work handed over", readonly=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        default=lambda self: self.env.company,
    )
