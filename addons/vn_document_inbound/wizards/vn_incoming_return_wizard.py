# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class VnIncomingReturnWizard(models.TransientModel):
    _name = "vn.incoming.return.wizard"
    _description = "Return an incoming document to its sender"

    document_id = fields.Many2one("vn.document.incoming", required=True, readonly=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.document_id._vn_return(self.reason)
        return {"type": "ir.actions.act_window_close"}
