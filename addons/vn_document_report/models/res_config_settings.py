# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    vn_report_recipient_name = fields.Char(
        related="company_id.vn_report_recipient_name", readonly=False
    )
    vn_report_recipient_code = fields.Char(
        related="company_id.vn_report_recipient_code", readonly=False
    )
    vn_report_title = fields.Char(related="company_id.vn_report_title", readonly=False)
