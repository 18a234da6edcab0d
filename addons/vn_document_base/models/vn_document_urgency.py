# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class VnDocumentUrgency(models.Model):
    """Urgency level (độ khẩn) with its edXML Priority code."""

    _name = "vn.document.urgency"
    _description = "Urgency level"
    _order = "sequence, id"

    name = fields.Char(required=True)
    edxml_priority = fields.Integer(
        string="edXML Priority",
        required=True,
        help="0 Thường, 1 Khẩn, 2 Thượng khẩn, 3 Hỏa tốc.",
    )
    is_urgent = fields.Boolean(
        string="Urgent",
        help="Urgent documents are flagged in red, listed first and handled at once "
        "(R-IN11).",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _edxml_priority_unique = models.UniqueIndex(
        "(edxml_priority) WHERE active",
        "Another active urgency level uses this edXML priority.",
    )
