# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    vn_seal_image = fields.Image(related="company_id.vn_seal_image", readonly=False)
    vn_seal_diameter_mm = fields.Float(
        related="company_id.vn_seal_diameter_mm", readonly=False
    )
    vn_place_name = fields.Char(related="company_id.vn_place_name", readonly=False)
    vn_format_checker_id = fields.Many2one(
        "res.users",
        string="Format checker",
        config_parameter="vn_document_outbound.format_checker_id",
        help="Who checks the format and presentation of drafts before signing (ND 30 "
        "Điều 12); usually the head of the office.",
    )
    vn_signer_may_draft = fields.Boolean(
        string="The signer may also draft",
        config_parameter="vn_document_outbound.signer_may_draft",
        help="Off: who drafts a document never signs it. The content approver and the "
        "format checker are never the drafter, whatever this setting.",
    )
