# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, fields, models
from odoo.exceptions import UserError

from odoo.addons.vn_document_base.tools.legal import legal


class VnAssignmentPassWizard(models.TransientModel):
    """A head of department passes the unit's part to one of its people."""

    _name = "vn.assignment.pass.wizard"
    _description = "Pass a unit's assignment to a person"

    assignment_id = fields.Many2one(
        "vn.document.assignment", required=True, readonly=True
    )
    user_id = fields.Many2one(
        "res.users", string="Person", required=True, domain=[("share", "=", False)]
    )
    deadline = fields.Date()
    note = fields.Text(string="Instructions")

    def action_confirm(self):
        self.ensure_one()
        line = self.assignment_id
        if not line.department_id or line.state != "open":
            raise UserError(_("Only an open assignment of a unit can be passed on."))
        if line.deadline and self.deadline and self.deadline > line.deadline:
            raise UserError(
                _(
                    "The person's deadline cannot be later than the unit's (%(date)s).",
                    date=line.deadline,
                )
            )
        if (
            self.env.user != line.department_id.manager_id.user_id
            and not self.env.user.has_group(
                "vn_document_base.group_vn_document_agency_head"
            )
        ):
            raise UserError(
                _(
                    "Only the head of %(unit)s can pass its part on.",
                    unit=line.department_id.display_name,
                )
            )
        # Heads of department cannot write documents; the check above allows this step.
        line = line.sudo()
        doc = line.document_id
        self.env["vn.document.assignment"].sudo().create(
            {
                "document_id": doc.id,
                "role": line.role,
                "user_id": self.user_id.id,
                "parent_id": line.id,
                "deadline": self.deadline or line.deadline,
            }
        )
        line.state = "passed"
        doc._vn_notify_event("in_progress")
        doc._vn_activity_update(
            feedback=_("Passed to %(name)s", name=self.user_id.name)
        )
        doc._trail(
            legal(doc).env._(
                "%(unit)s passed its part to %(name)s",
                unit=line.department_id.display_name,
                name=self.user_id.name,
            ),
            self.note,
        )
        return {"type": "ir.actions.act_window_close"}
