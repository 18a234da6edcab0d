# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import _, api, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)

# Two-factor login is required of these roles when the agency switches it on (R-SEC3,
# R-US4): the heads of agency sign, the document administrators hold the keys and the
# settings.
TOTP_ENFORCE_PARAM = "vn_document_base.totp_enforce"
TOTP_ENFORCED_GROUPS = (
    "vn_document_base.group_vn_document_agency_head",
    "vn_document_base.group_vn_document_admin",
)
# The account policy of the suite (R-SEC3), written once into the parameters that Odoo
# and OCA's password_security read; an administrator may change them afterwards
# (Settings).
ACCOUNT_POLICY_MARKER = "vn_document_base.account_policy_applied"
ACCOUNT_POLICY = {
    # password_security and core auth_password_policy (checked when a password is set or
    # changed)
    "auth_password_policy.minlength": "10",
    "password_security.lower": "1",
    "password_security.upper": "1",
    "password_security.numeric": "1",
    "password_security.special": "1",
    "password_security.history": "5",
    "password_security.expiration_days": "90",
    "password_security.minimum_hours": "24",
    # no public sign-up: accounts are created by the administrator (auth_signup)
    "auth_signup.invitation_scope": "b2b",
    # login throttling (core): after 5 failures from one address, 5 minutes per further
    # attempt
    "base.login_cooldown_after": "5",
    "base.login_cooldown_duration": "300",
    # two-factor login of signers and administrators: off until the agency switches it
    # on
    TOTP_ENFORCE_PARAM: "False",
}
# Odoo's own demo accounts (base demo data): login "demo" and the portal user "portal".
ODOO_DEMO_USERS = ("base.user_demo", "base.demo_user0")


class ResUsers(models.Model):
    """Accounts are disabled, never deleted, and hand their work over (R-US2, R-US3);
    two-factor login for signers and administrators when the agency requires it
    (R-SEC3)."""

    _inherit = "res.users"

    # ------------------------------------------------------------------
    # First impressions: a suite user lands on their documents, without the chatbot
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users._vn_apply_suite_defaults()
        return users

    def write(self, vals):
        res = super().write(vals)
        if "group_ids" in vals:
            self._vn_apply_suite_defaults()
        return res

    @api.model
    def _vn_home_action_xmlid(self):
        """The suite's home action (an addon with the documents' lists sets it)."""
        return False

    @api.model
    def _vn_apply_suite_defaults_to_all(self):
        """The users that exist when an addon giving the home action is installed."""
        self.search([("share", "=", False)])._vn_apply_suite_defaults()

    def _vn_apply_suite_defaults(self):
        """Internal users of the suite open on its home action, unless they have one of
        their own, and OdooBot (mail_bot, when installed) does not start its
        onboarding chat over their documents."""
        xmlid = self._vn_home_action_xmlid()
        home = self.env.ref(xmlid, raise_if_not_found=False) if xmlid else None
        for user in self:
            if user.share or not user.has_group(
                "vn_document_base.group_vn_document_staff"
            ):
                continue
            vals = {}
            if home and not user.action_id:
                vals["action_id"] = home.id
            if "odoobot_state" in user._fields and user.odoobot_state in (
                False,
                "not_initialized",
            ):
                vals["odoobot_state"] = "disabled"
            if vals:
                user.sudo().write(vals)

    # ------------------------------------------------------------------
    # Account policy (data/vn_account_data.xml calls these at install and update)
    # ------------------------------------------------------------------
    @api.model
    def _vn_apply_account_policy(self):
        """Write the suite's account policy once; later updates keep the administrator's
        choices."""
        params = self.env["ir.config_parameter"].sudo()
        if params.get_param(ACCOUNT_POLICY_MARKER):
            return False
        for key, value in ACCOUNT_POLICY.items():
            params.set_param(key, value)
        params.set_param(ACCOUNT_POLICY_MARKER, "1")
        return True

    @api.model
    def _vn_deactivate_odoo_demo_users(self):
        """Odoo's own demo accounts (``demo``, ``portal``) never log in to a database of
        the suite."""
        users = self.browse()
        for xmlid in ODOO_DEMO_USERS:
            users |= self.env.ref(xmlid, raise_if_not_found=False) or self.browse()
        users = users.sudo().filtered("active")
        if users:
            users.write({"active": False})
            _logger.info(
                "Odoo demo accounts disabled: %s", ", ".join(users.mapped("login"))
            )
        return True

    # ------------------------------------------------------------------
    # Two-factor login (auth_totp, auth_totp_mail)
    # ------------------------------------------------------------------
    def _vn_totp_required(self):
        """True when the agency requires two-factor login and this account signs or
        administers."""
        self.ensure_one()
        value = self.env["ir.config_parameter"].sudo().get_param(TOTP_ENFORCE_PARAM)
        if str(value).strip().lower() not in ("true", "1"):
            return False
        user = self.sudo()
        return any(user._has_group(xmlid) for xmlid in TOTP_ENFORCED_GROUPS)

    def _mfa_type(self):
        """Reuse auth_totp_mail's enforcement: without an authenticator app, a code by
        e-mail. The login stops at /web/login/totp and RPC with the password is refused
        (API keys only)."""
        mfa = super()._mfa_type()
        if mfa is None and self._vn_totp_required():
            return "totp_mail"
        return mfa

    def _update_last_login(self):
        res = super()._update_last_login()
        self.env["vn.user.login.day"].sudo()._vn_record(self.env.user)
        return res

    def _session_token_get_values(self):
        """Sessions opened before two-factor login was required of this account end when
        it is."""
        values = super()._session_token_get_values()
        if values and self._vn_totp_required():
            values = (*values, ("vn_totp_required", True))
        return values

    @api.ondelete(at_uninstall=False)
    def _unlink_except_vn_keep_history(self):
        raise UserError(
            _(
                "Accounts are never deleted, so that the processing history stays "
                "complete. "
                'Disable the account instead (button "Disable and hand over work").'
            )
        )

    def action_archive(self):
        """Plain archiving is allowed only for accounts with nothing left to hand
        over."""
        if not self.env.context.get("vn_handover_done"):
            busy = self.filtered(lambda user: user._vn_open_work_count())
            if busy:
                raise UserError(
                    _(
                        '%(names)s still has open work. Use "Disable and hand over '
                        'work" to '
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
        """How many open items would be handed over; addons add theirs via
        _vn_handover_work."""
        self.ensure_one()
        return (
            self.env["mail.activity"].sudo().search_count([("user_id", "=", self.id)])
        )

    def _vn_handover_work(self, successor):
        """Give ``successor`` the open work of this account.

        Returns lines for the handover record, such as ``"3 activities"``.
        Addons that assign work to people override this, call ``super()``
        and add their own lines.
        """
        self.ensure_one()
        activities = (
            self.env["mail.activity"].sudo().search([("user_id", "=", self.id)])
        )
        if activities:
            activities.write({"user_id": successor.id})
        return [_("%(count)s planned activities", count=len(activities))]
