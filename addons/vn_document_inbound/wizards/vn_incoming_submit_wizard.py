# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class VnIncomingSubmitWizard(models.TransientModel):
    _name = "vn.incoming.submit.wizard"
    _description = "Submit an incoming document to the head of the agency"

    document_id = fields.Many2one("vn.document.incoming", required=True, readonly=True)
    head_id = fields.Many2one(
        "res.users",
        string="Submit to",
        required=True,
        domain=lambda self: [
            (
                "all_group_ids",
                "in",
                self.env.ref("vn_document_base.group_vn_document_agency_head").ids,
            )
        ],
    )

    def action_confirm(self):
        self.document_id.action_submit(self.head_id)
        return {"type": "ir.actions.act_window_close"}
