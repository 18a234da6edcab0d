# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo import fields, models


class VnOutgoingPaperIssueWizard(models.TransientModel):
    """Enter an outgoing document issued on paper during an outage (R-OP1): the
    outage, the real date and time of issue, the scan of the signed and stamped
    original. The service checks and numbers it."""

    _name = "vn.outgoing.paper.issue.wizard"
    _description = "Enter a paper original issued during an outage"

    document_id = fields.Many2one(
        "vn.document.outgoing", required=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="document_id.company_id")
    outage_id = fields.Many2one(
        "vn.system.outage",
        required=True,
        domain="[('company_id', '=', company_id)]",
    )
    issued_on = fields.Datetime(string="Really issued on", required=True)
    file = fields.Binary(string="Scan of the paper original", required=True)
    filename = fields.Char(string="File name", required=True)

    def action_enter(self):
        self.ensure_one()
        self.document_id._vn_enter_paper_issue(
            self.outage_id, self.issued_on, self.filename, base64.b64decode(self.file)
        )
        return {"type": "ir.actions.act_window_close"}
