# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The account lifecycle (QĐ 3760 Art. 13.3, R-US1–R-US3): joining, change of
position and re-enabling; leaving is ``vn.user.disable.wizard``. Each step is recorded
in the account's history (``vn.user.handover``) and its role changes wait for a second
administrator (``vn.access.change``)."""

from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class VnUserJoinWizard(models.TransientModel):
    _name = "vn.user.join.wizard"
    _description = "A person joins the agency"

    name = fields.Char(string="Full name", required=True)
    login = fields.Char(required=True)
    email = fields.Char()
    department_id = fields.Many2one("hr.department", string="Unit", required=True)
    role_ids = fields.Many2many("res.users.role", string="Roles", required=True)
    date_from = fields.Date(
        string="Roles from", required=True, default=fields.Date.context_today
    )

    def action_confirm(self):
        self.ensure_one()
        if not self.role_ids:
            raise UserError(_("Choose at least one role."))
        user = self.env["res.users"].create(
            {
                "name": self.name,
                "login": self.login.strip(),
                "email": self.email,
                "company_id": self.env.company.id,
                "company_ids": [fields.Command.set(self.env.company.ids)],
            }
        )
        user._vn_give_roles(self.role_ids, self.date_from)
        user._vn_place_in_unit(self.department_id)
        self.env["vn.user.handover"]._vn_record_event(
            "joined", user, _("Joined"), effective_date=self.date_from
        )
        return self._vn_next_action(user)

    def _vn_next_action(self, user):
        """Where the administrator goes next: the new account (addons add steps,
        such as binding a signing key)."""
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.users",
            "res_id": user.id,
            "view_mode": "form",
            "views": [(self.env.ref("base.view_users_form").id, "form")],
            "target": "current",
        }


class VnUserMoveWizard(models.TransientModel):
    _name = "vn.user.move.wizard"
    _description = "Change of position"

    user_id = fields.Many2one(
        "res.users", string="Account", required=True, readonly=True
    )
    department_id = fields.Many2one("hr.department", string="New unit")
    role_ids = fields.Many2many(
        "res.users.role",
        "vn_user_move_wizard_new_role_rel",
        string="New roles",
        required=True,
    )
    end_role_ids = fields.Many2many(
        "res.users.role",
        "vn_user_move_wizard_end_role_rel",
        string="Roles that end",
        compute="_compute_end_role_ids",
        store=True,
        readonly=False,
        help="They end the day before the effective date.",
    )
    date = fields.Date(
        string="Effective date", required=True, default=fields.Date.context_today
    )
    successor_id = fields.Many2one(
        "res.users",
        domain="[('id', '!=', user_id), ('share', '=', False)]",
        help="Takes over the open work of the account.",
    )
    open_work_count = fields.Integer(
        string="Open items", compute="_compute_open_work_count"
    )
    note = fields.Char(string="Details")

    @api.depends("user_id")
    def _compute_end_role_ids(self):
        for wizard in self:
            wizard.end_role_ids = wizard.user_id.role_line_ids.filtered(
                "is_enabled"
            ).role_id

    @api.depends("user_id")
    def _compute_open_work_count(self):
        for wizard in self:
            wizard.open_work_count = (
                wizard.user_id._vn_open_work_count() if wizard.user_id else 0
            )

    def action_confirm(self):
        self.ensure_one()
        user = self.user_id
        if not user.active:
            raise UserError(_("%(name)s is disabled.", name=user.name))
        if self.open_work_count and self.successor_id == user:
            raise UserError(_("The successor must be another active account."))
        if self.successor_id and not self.successor_id.active:
            raise UserError(_("The successor must be another active account."))
        if self.open_work_count and not self.successor_id:
            raise UserError(
                _("Choose who takes over the open work of %(name)s.", name=user.name)
            )
        user._vn_end_roles(
            self.date - timedelta(days=1), self.end_role_ids - self.role_ids
        )
        held = user.role_line_ids.filtered(
            lambda ln: not ln.date_to or ln.date_to >= self.date
        ).role_id
        user._vn_give_roles(self.role_ids - held, self.date)
        if self.department_id:
            user._vn_place_in_unit(self.department_id)
        lines = user._vn_handover_work(self.successor_id) if self.successor_id else []
        self.env["vn.user.handover"]._vn_record_event(
            "moved",
            user,
            self.note or _("Change of position"),
            effective_date=self.date,
            successor_id=self.successor_id.id,
            summary="\n".join(lines),
        )
        return {"type": "ir.actions.act_window_close"}


class VnUserEnableWizard(models.TransientModel):
    _name = "vn.user.enable.wizard"
    _description = "Re-enable an account"

    user_id = fields.Many2one(
        "res.users", string="Account", required=True, readonly=True
    )
    reason = fields.Char(required=True)
    role_ids = fields.Many2many("res.users.role", string="Roles", required=True)
    department_id = fields.Many2one("hr.department", string="Unit")

    def action_confirm(self):
        self.ensure_one()
        user = self.user_id.with_context(active_test=False)
        if user.active:
            raise UserError(_("%(name)s is not disabled.", name=user.name))
        if not (self.reason or "").strip() or not self.role_ids:
            raise UserError(_("Give the reason and choose the roles again."))
        user.action_unarchive()
        today = self.env["res.users.role.line"]._vn_today()
        user._vn_give_roles(self.role_ids, today)
        if self.department_id:
            user._vn_place_in_unit(self.department_id)
        self.env["vn.user.handover"]._vn_record_event(
            "re_enabled", user, self.reason.strip(), effective_date=today
        )
        return {"type": "ir.actions.act_window_close"}
