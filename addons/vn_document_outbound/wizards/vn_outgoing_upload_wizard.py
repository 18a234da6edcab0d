# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo import fields, models


class VnOutgoingUploadWizard(models.TransientModel):
    """Upload a draft, the final text or an attachment; every upload is kept as a
    version (R-OUT2)."""

    _name = "vn.outgoing.upload.wizard"
    _description = "Upload a version of an outgoing document"

    document_id = fields.Many2one(
        "vn.document.outgoing", required=True, ondelete="cascade"
    )
    kind = fields.Selection(
        [
            ("draft", "Draft"),
            ("final", "Final text (for signing)"),
            ("attachment", "Attachment"),
        ],
        required=True,
        default="draft",
    )
    file = fields.Binary(required=True)
    filename = fields.Char(string="File name", required=True)
    note = fields.Char()

    def action_upload(self):
        self.ensure_one()
        self.document_id._vn_add_version(
            self.filename, base64.b64decode(self.file), self.kind, self.note
        )
        return {"type": "ir.actions.act_window_close"}
