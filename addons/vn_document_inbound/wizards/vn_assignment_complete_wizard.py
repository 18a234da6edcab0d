# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo import _, fields, models
from odoo.exceptions import UserError

from odoo.addons.vn_document_base.tools.legal import legal


class VnAssignmentCompleteWizard(models.TransientModel):
    """The person handling proposes or completes, with a result."""

    _name = "vn.assignment.complete.wizard"
    _description = "Complete an assignment"

    assignment_id = fields.Many2one(
        "vn.document.assignment", required=True, readonly=True
    )
    result = fields.Text(required=True)
    result_file = fields.Binary(
        string="Result file",
        help="A proposal or draft; it goes through the file checks.",
    )
    result_filename = fields.Char()

    def action_confirm(self):
        self.ensure_one()
        line = self.assignment_id
        if line.state != "open":
            raise UserError(_("This assignment is not open."))
        if self.env.user != line._responsible_user() and not self.env.user.has_group(
            "vn_document_base.group_vn_document_agency_head"
        ):
            raise UserError(_("Only the person assigned can complete this assignment."))
        # Staff cannot write documents; the check above is what allows this step.
        line = line.sudo()
        done = {
            "state": "done",
            "result": self.result,
            "done_date": fields.Datetime.now(),
        }
        (line | line.parent_id).write(done)
        doc = line.document_id
        if self.result_file:
            stored = (
                self.env["vn.document.file"]
                .sudo()
                ._vn_store_checked(
                    self.result_filename or "ket-qua",
                    base64.b64decode(self.result_file),
                    doc,
                )
            )
            line.result_file_id = stored
        doc._trail(
            legal(doc).env._("Completed by %(name)s", name=self.env.user.name),
            self.result,
        )
        doc._vn_check_completion(feedback=self.result)
        return {"type": "ir.actions.act_window_close"}
