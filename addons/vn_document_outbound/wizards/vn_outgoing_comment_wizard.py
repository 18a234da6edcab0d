# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class VnOutgoingCommentWizard(models.TransientModel):
    """A reviewer's comment, or sending the draft back to the drafter with what must
    change."""

    _name = "vn.outgoing.comment.wizard"
    _description = "Comment on an outgoing draft"

    document_id = fields.Many2one(
        "vn.document.outgoing", required=True, ondelete="cascade"
    )
    mode = fields.Selection(
        [("review", "Review comment"), ("return", "Send back to the drafter")],
        required=True,
        default="review",
    )
    comment = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        if self.mode == "review":
            self.document_id._vn_review(self.comment)
        else:
            self.document_id._vn_return_to_drafter(self.comment)
        return {"type": "ir.actions.act_window_close"}
