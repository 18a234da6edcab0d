# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

VERSION_KINDS = [
    ("draft", "Draft"),
    ("final", "Final text"),
    ("attachment", "Attachment"),
    ("prepared", "Prepared for signing"),
    ("signed", "Signed by the signer"),
    ("issued", "Issued original"),
    ("issued_attachment", "Issued attachment"),
]


class VnDocumentOutgoingVersion(models.Model):
    """Every file an outgoing document ever had, kept (R-OUT2): drafts, the final text,
    the PDF prepared for signing, each signed stage and the issued original."""

    _name = "vn.document.outgoing.version"
    _description = "Version of an outgoing document"
    _inherit = "vn.document.child.mixin"
    _order = "document_id, id"

    document_id = fields.Many2one(
        "vn.document.outgoing",
        required=True,
        index=True,
        ondelete="cascade",
    )
    number = fields.Integer(string="Version", readonly=True)
    kind = fields.Selection(VERSION_KINDS, required=True, readonly=True)
    file_id = fields.Many2one("vn.document.file", required=True, readonly=True)
    name = fields.Char(related="file_id.name", string="File name")
    sha256 = fields.Char(related="file_id.sha256")
    converted_from_id = fields.Many2one(
        "vn.document.file",
        string="Converted from",
        readonly=True,
        help="The DOCX or ODT text this PDF was made from.",
    )
    uploaded_by_id = fields.Many2one(
        "res.users", string="By", default=lambda self: self.env.user, readonly=True
    )
    create_date = fields.Datetime(string="Date", readonly=True)
    note = fields.Char()
    superseded = fields.Boolean(
        readonly=True,
        help="A later upload took its place; it is kept all the same.",
    )

    def action_download(self):
        return self.file_id.action_download()
