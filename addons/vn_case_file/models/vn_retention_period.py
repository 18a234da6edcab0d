# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class VnRetentionPeriod(models.Model):
    """Retention period (thời hạn bảo quản) with its TT 05/2025 ``maintenance`` code."""

    _name = "vn.retention.period"
    _description = "Retention period"
    _order = "code"

    code = fields.Char(required=True, size=2)
    name = fields.Char(required=True)
    years = fields.Integer(help="Empty for permanent retention.")
    permanent = fields.Boolean()
    active = fields.Boolean(default=True)

    _code_unique = models.Constraint(
        "UNIQUE(code)", "Another retention period uses this code."
    )
