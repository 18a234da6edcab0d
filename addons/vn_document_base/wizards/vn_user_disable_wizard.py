# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools.selection import selection_label


class VnUserDisableWizard(models.TransientModel):
    """Disable an account and hand its open work to a successor in one step."""

    _name = "vn.user.disable.wizard"
    _description = "Disable an account and hand over its work"

    user_id = fields.Many2one(
        "res.users", string="Account", required=True, readonly=True
    )
    successor_id = fields.Many2one(
        "res.users",
        domain="[('id', '!=', user_id), ('share', '=', False)]",
        help="Takes over the open work of the account.",
    )
    reason = fields.Selection(
        [
            ("leave", "Left the agency"),
            ("retire", "Retired"),
            ("transfer", "Transferred"),
            ("other", "Other"),
        ],
        required=True,
        default="leave",
    )
    note = fields.Char(string="Details")
    open_work_count = fields.Integer(
        string="Open items", compute="_compute_open_work_count"
    )

    @api.depends("user_id")
    def _compute_open_work_count(self):
        for wizard in self:
            wizard.open_work_count = (
                wizard.user_id._vn_open_work_count() if wizard.user_id else 0
            )

    def action_confirm(self):
        self.ensure_one()
        user = self.user_id
        if user == self.env.user:
            raise UserError(_("You cannot disable your own account."))
        if not user.active:
            raise UserError(_("%(name)s is already disabled.", name=user.name))
        if self.open_work_count and not self.successor_id:
            raise UserError(
                _("Choose who takes over the open work of %(name)s.", name=user.name)
            )
        if self.successor_id and (
            not self.successor_id.active or self.successor_id == user
        ):
            raise UserError(_("The successor must be another active account."))
        lines = user._vn_handover_work(self.successor_id) if self.successor_id else []
        reason = selection_label(self, "reason")
        # The roles end today: the account keeps no access (R-US2).
        user._vn_end_roles(self.env["res.users.role.line"]._vn_today())
        self.env["vn.user.handover"]._vn_record_event(
            "left",
            user,
            f"{reason}: {self.note}" if self.note else reason,
            successor_id=self.successor_id.id,
            summary="\n".join(lines),
        )
        user.with_context(vn_handover_done=True).action_archive()
        return {"type": "ir.actions.act_window_close"}
