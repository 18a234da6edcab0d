# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class VnIncomingRecallWizard(models.TransientModel):
    """The clerk records a recall the sender announced outside the platform (phone,
    official letter)."""

    _name = "vn.incoming.recall.wizard"
    _description = "Record the recall of an incoming document"

    document_id = fields.Many2one("vn.document.incoming", required=True, readonly=True)
    reason = fields.Text(
        string="Recall notice",
        required=True,
        help="What the sender asked, when and how.",
    )

    def action_confirm(self):
        self.document_id._vn_recall(self.reason)
        return {"type": "ir.actions.act_window_close"}
