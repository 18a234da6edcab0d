# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    vn_handover_months = fields.Integer(
        string="Handover within (months)",
        config_parameter="vn_case_file.handover_months",
        default=12,
        help="Closed files are handed to the agency archive within this many months "
        "(ND 30 Điều 30.2, Luật Lưu trữ 2024: one year).",
    )
    vn_handover_lead_days = fields.Integer(
        string="Announce handover (days ahead)",
        config_parameter="vn_case_file.handover_lead_days",
        default=30,
        help="The creator of a file due for handover gets an activity this many days "
        "ahead (Phụ lục VI III.5.b: 30 days).",
    )
