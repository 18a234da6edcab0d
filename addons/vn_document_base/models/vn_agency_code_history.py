# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class VnAgencyCodeHistory(models.Model):
    """An identifier code an agency used before (R-ID1).

    Codes change when agencies are merged or reorganised; documents received
    under the old code must still be traced to the agency.
    """

    _name = "vn.agency.code.history"
    _description = "Earlier identifier code of an agency"
    _order = "date_to desc, id desc"

    partner_id = fields.Many2one(
        "res.partner", string="Agency", required=True, index=True, ondelete="cascade"
    )
    code = fields.Char(string="Identifier code", required=True, index=True)
    date_to = fields.Date(
        string="Used until", required=True, default=fields.Date.context_today
    )
    changed_by_id = fields.Many2one(
        "res.users",
        string="Changed by",
        default=lambda self: self.env.user,
        readonly=True,
    )
    note = fields.Char(string="Reason")
