# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, fields, models


class VnUserJoinWizard(models.TransientModel):
    """Joining: the signing key is registered for the new account right after it is
    created (R-US4: a key has exactly one holder, it is never moved from another
    person)."""

    _inherit = "vn.user.join.wizard"

    vn_register_signing_key = fields.Boolean(
        string="Then register the signing key",
        help="After the account is created, the form of a new signing key opens with "
        "this person as its holder.",
    )

    def _vn_next_action(self, user):
        if not self.vn_register_signing_key:
            return super()._vn_next_action(user)
        return {
            "type": "ir.actions.act_window",
            "name": _("Signing key of %(name)s", name=user.name),
            "res_model": "vn.signing.key",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {"default_user_id": user.id, "default_name": user.name},
        }
