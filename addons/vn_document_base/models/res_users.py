from odoo import _, api, models
from odoo.exceptions import UserError


class ResUsers(models.Model):
    """Accounts are disabled, never deleted, and hand their work over (R-US2, R-US3)."""

    _inherit = "res.users"

    @api.ondelete(at_uninstall=False)
    def _unlink_except_vn_keep_history(self):
        raise UserError(
            _(
                "Accounts are never deleted, so that the processing history stays complete. "
                "Disable the account instead (button \"Disable and hand over work\")."
            )
        )

    def action_archive(self):
        """Plain archiving is allowed only for accounts with nothing left to hand over."""
        if not self.env.context.get("vn_handover_done"):
            busy = self.filtered(lambda user: user._vn_open_work_count())
            if busy:
                raise UserError(
                    _(
                        "%(names)s still has open work. Use \"Disable and hand over work\" to "
                        "choose who takes it over.",
                        names=", ".join(busy.mapped("name")),
                    )
                )
        return super().action_archive()

    def action_vn_disable(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Disable and hand over work"),
            "res_model": "vn.user.disable.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_user_id": self.id},
        }

    def _vn_open_work_count(self):
        """How many open items would be handed over; addons add theirs via _vn_handover_work."""
        self.ensure_one()
        return self.env["mail.activity"].sudo().search_count([("user_id", "=", self.id)])

    def _vn_handover_work(self, successor):
        """Give ``successor`` the open work of this account.

        Returns lines for the handover record, such as ``"3 activities"``.
        Addons that assign work to people override this, call ``super()``
        and add their own lines.
        """
        self.ensure_one()
        activities = self.env["mail.activity"].sudo().search([("user_id", "=", self.id)])
        if activities:
            activities.write({"user_id": successor.id})
        return [_("%(count)s planned activities", count=len(activities))]
