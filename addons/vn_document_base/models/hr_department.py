# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HrDepartment(models.Model):
    """Internal units keep the short name used in symbols such as 45/UBND-VP."""

    _inherit = "hr.department"

    vn_short_name = fields.Char(
        string="Short name", help="Abbreviation of the unit, for example VP or KT."
    )
