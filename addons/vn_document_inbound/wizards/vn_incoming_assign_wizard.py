# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class VnIncomingAssignWizard(models.TransientModel):
    """The head's directive: one lead, co-operating parties and people informed, with
    deadlines (R-IN9)."""

    _name = "vn.incoming.assign.wizard"
    _description = "Direct and assign an incoming document"

    document_id = fields.Many2one("vn.document.incoming", required=True, readonly=True)
    directive = fields.Text()
    lead_department_id = fields.Many2one("hr.department", string="Lead unit")
    lead_user_id = fields.Many2one(
        "res.users", string="Lead person", domain=[("share", "=", False)]
    )
    deadline_days = fields.Integer(
        string="Deadline in working days",
        help="Counted on the agency's calendar, public holidays excluded.",
    )
    deadline = fields.Date(compute="_compute_deadline", store=True, readonly=False)
    cooperate_deadline = fields.Date(
        string="Co-operation deadline",
        help="Empty: the lead's deadline. Usually earlier, so the lead can use the "
        "input.",
    )
    cooperate_department_ids = fields.Many2many(
        "hr.department", "vn_assign_wiz_coop_dept_rel", string="Co-operating units"
    )
    cooperate_user_ids = fields.Many2many(
        "res.users",
        "vn_assign_wiz_coop_user_rel",
        string="Co-operating people",
        domain=[("share", "=", False)],
    )
    inform_user_ids = fields.Many2many(
        "res.users",
        "vn_assign_wiz_inform_user_rel",
        string="For information",
        domain=[("share", "=", False)],
    )

    @api.depends("deadline_days", "document_id")
    def _compute_deadline(self):
        for wizard in self:
            if wizard.deadline_days > 0:
                wizard.deadline = wizard.document_id.company_id.vn_add_working_days(
                    fields.Date.context_today(wizard), wizard.deadline_days
                )
            elif not wizard.deadline:
                wizard.deadline = False

    def _lines(self):
        if bool(self.lead_department_id) == bool(self.lead_user_id):
            raise UserError(_("Choose the lead: one unit or one person."))
        lines = [
            {
                "role": "lead",
                "department_id": self.lead_department_id.id,
                "user_id": self.lead_user_id.id,
                "deadline": self.deadline,
            }
        ]
        cooperate_deadline = self.cooperate_deadline or self.deadline
        if cooperate_deadline and self.deadline and cooperate_deadline > self.deadline:
            raise UserError(
                _("Co-operating parties must finish no later than the lead.")
            )
        lines += [
            {
                "role": "cooperate",
                "department_id": dept.id,
                "deadline": cooperate_deadline,
            }
            for dept in self.cooperate_department_ids
        ]
        lines += [
            {"role": "cooperate", "user_id": user.id, "deadline": cooperate_deadline}
            for user in self.cooperate_user_ids
        ]
        lines += [
            {"role": "inform", "user_id": user.id} for user in self.inform_user_ids
        ]
        return [
            {k: v for k, v in line.items() if v} | {"role": line["role"]}
            for line in lines
        ]

    def action_confirm(self):
        self.ensure_one()
        self.document_id._vn_assign(self._lines(), self.directive)
        return {"type": "ir.actions.act_window_close"}
