# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class VnOutgoingRecallWizard(models.TransientModel):
    _name = "vn.outgoing.recall.wizard"
    _description = "Recall an issued document"

    document_id = fields.Many2one(
        "vn.document.outgoing", required=True, ondelete="cascade"
    )
    reason = fields.Text(required=True)

    def action_recall(self):
        self.ensure_one()
        self.document_id._vn_recall(self.reason)
        return {"type": "ir.actions.act_window_close"}
