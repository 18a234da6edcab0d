# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    vn_clerk_direct_routing = fields.Boolean(
        string="Records clerk routes directly",
        config_parameter="vn_document_inbound.clerk_direct_routing",
        help="When the handling unit is clear, the clerk may assign it without "
        "submitting it to the head (only if the agency's rules on clerical work allow "
        "it).",
    )
    vn_remind_days = fields.Integer(
        string="Remind before the deadline (working days)",
        config_parameter="vn_document_inbound.remind_days",
        default=2,
    )
