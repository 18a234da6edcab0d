# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

LEGAL_VALUES = [
    ("original", "Original (bản gốc)"),
    ("certified_copy", "Certified copy (bản sao y)"),
    ("reference", "For reference only"),
]


class VnDocumentSignature(models.Model):
    """One digital signature found in a checked PDF and pyHanko's verdict on it."""

    _name = "vn.document.signature"
    _description = "Digital signature of a file"
    _inherit = "vn.document.child.mixin"
    _order = "file_id, sequence"
    _vn_parent_field = "file_id"

    file_id = fields.Many2one(
        "vn.document.file", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(
        string="Order", help="Signatures in the order they were applied."
    )
    field_name = fields.Char(string="Signature field")
    signer_name = fields.Char(string="Signer")
    organisation = fields.Char()
    title = fields.Char()
    signer_kind = fields.Selection(
        [("organisation", "Organisation"), ("individual", "Individual")],
        string="Certificate of",
    )
    issuer = fields.Char()
    serial_number = fields.Char(string="Serial number")
    signing_time = fields.Datetime(string="Signing time")
    coverage = fields.Char()
    modification_level = fields.Char(string="Changes after signing")
    intact = fields.Boolean()
    trusted = fields.Boolean()
    revoked = fields.Boolean()
    is_valid = fields.Boolean(
        string="Valid", help="pyHanko's bottom line for this signature."
    )
    reason = fields.Char(string="Result")
