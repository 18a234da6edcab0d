# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class VnOutgoingPaperCopyWizard(models.TransientModel):
    """Record the paper master copies printed and stamped from the signed e-document
    (R-OUT7)."""

    _name = "vn.outgoing.paper.copy.wizard"
    _description = "Record paper master copies"

    document_id = fields.Many2one(
        "vn.document.outgoing", required=True, ondelete="cascade"
    )
    count = fields.Integer(
        string="Copies printed and stamped", required=True, default=1
    )
    note = fields.Char()

    def action_record(self):
        self.ensure_one()
        self.document_id._vn_record_paper_copy(self.count, self.note)
        return {"type": "ir.actions.act_window_close"}
