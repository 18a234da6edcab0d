# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResCompany(models.Model):
    """What the agency's signature looks like and how its outgoing documents are
    numbered."""

    _inherit = "res.company"

    vn_seal_image = fields.Image(
        string="Seal image",
        max_width=1200,
        max_height=1200,
        help="The agency's seal: red, PNG with a transparent background "
        "(ND 30, Phụ lục I, ô 8).",
    )
    vn_seal_diameter_mm = fields.Float(
        string="Seal diameter (mm)",
        default=35.0,
        help="The seal image is placed at the seal's real size.",
    )
    vn_place_name = fields.Char(
        string="Place name on documents",
        help='The place in the date line, e.g. "Phường Bến Thành" in '
        '"Phường Bến Thành, ngày 05 tháng 3 năm 2026".',
    )
