# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError

from .res_users_role import role_bypass_error

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

    vn_access_change_pending = fields.Boolean(
        string="Access change to confirm",
        compute="_compute_vn_access_change_pending",
        groups="base.group_erp_manager",
    )

    def _compute_vn_access_change_pending(self):
        pending = (
            self.env["vn.access.change"]
            .sudo()
            .search([("user_id", "in", self.ids), ("state", "=", "pending")])
            .user_id
        )
        for user in self:
            user.vn_access_change_pending = user in pending

    # ------------------------------------------------------------------
    # Roles only (R-US1): suite groups are not written directly by clients. The role
    # mechanism writes groups below this class (base_user_role's
    # set_groups_from_roles calls the ORM's write), so it never meets this check.
    # ------------------------------------------------------------------
    @api.model
    def _vn_group_ids_after(self, current, commands):
        """The explicit group ids after applying the x2many ``commands``."""
        ids = set(current)
        if isinstance(commands, models.BaseModel):
            return set(commands.ids)
        for command in commands or ():
            if isinstance(command, int):
                ids.add(command)
            elif command[0] in (Command.UNLINK, Command.DELETE):
                ids.discard(command[1])
            elif command[0] == Command.LINK:
                ids.add(command[1])
            elif command[0] == Command.CLEAR:
                ids = set()
            elif command[0] == Command.SET:
                ids = set(command[2])
        return ids

    def _vn_check_group_write(self, commands):
        if self.env.su:
            return
        groups = self.env["res.groups"].sudo()
        suite = groups._vn_suite_groups()
        for user in self or [self.browse()]:
            current = user.sudo().group_ids
            after = groups.browse(self._vn_group_ids_after(current.ids, commands))
            if (current.all_implied_ids & suite) != (after.all_implied_ids & suite):
                raise role_bypass_error(self.env)

    # ------------------------------------------------------------------
    # First impressions: a suite user lands on their documents, without the chatbot
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if "group_ids" in vals:
                self.browse()._vn_check_group_write(vals["group_ids"])
        users = super().create(vals_list)
        users._vn_apply_suite_defaults()
        return users

    def write(self, vals):
        if "group_ids" in vals:
            self._vn_check_group_write(vals["group_ids"])
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
        return self._vn_wizard_action(
            "vn.user.disable.wizard", _("Disable and hand over work")
        )

    @api.model
    def _vn_roles_from_groups(self):
        """Role lines for the accounts that hold suite groups without roles (an update
        from the groups-only version). Odoo's technical administrators are left
        alone. Returns the accounts converted."""
        Role = self.env["res.users.role"].sudo()
        suite = self.env["res.groups"]._vn_suite_groups()
        roles = {}
        for role in Role.search([]):
            groups = role.implied_ids & suite
            if len(groups) == 1:
                roles.setdefault(groups, role)
        users = (
            self.sudo()
            .with_context(active_test=False)
            .search([("share", "=", False), ("role_line_ids", "=", False)])
            .filtered(lambda u: not u._is_superuser() and u.group_ids & suite)
        )
        # Odoo's own administrators (group given directly, not through the suite's
        # administrator group) keep their groups.
        system = self.env.ref("base.group_system")
        users = users.filtered(lambda u: system not in u.group_ids)
        for user in users:
            given = [role for group, role in roles.items() if group <= user.group_ids]
            if given:
                self.env["res.users.role.line"].sudo().create(
                    [{"user_id": user.id, "role_id": role.id} for role in given]
                )
        return users

    def _vn_sync_roles(self):
        """Apply the role lines at once (OCA waits for its cron when a line is written
        outside the user form)."""
        users = self.sudo().exists()
        users.set_groups_from_roles(force=True)
        users._vn_apply_suite_defaults()

    def _vn_end_roles(self, last_day, roles=None):
        """End this account's role lines (of ``roles``, or all) on ``last_day``; lines
        starting later are removed, they never applied."""
        self.ensure_one()
        lines = self.with_context(active_test=False).role_line_ids
        if roles is not None:
            lines = lines.filtered(lambda ln: ln.role_id in roles)
        for line in lines:
            if line.date_to and line.date_to <= last_day:
                continue
            if line.date_from and line.date_from > last_day:
                line.unlink()
            else:
                line.date_to = last_day

    def _vn_place_in_unit(self, department):
        """The employee of this account in its agency, in ``department``."""
        self.ensure_one()
        employee = self.sudo().employee_ids.filtered(
            lambda emp: emp.company_id == self.company_id
        )[:1]
        if employee:
            employee.department_id = department
        else:
            self.env["hr.employee"].sudo().create(
                {
                    "name": self.name,
                    "user_id": self.id,
                    "work_email": self.email,
                    "department_id": department.id,
                    "company_id": self.company_id.id,
                }
            )

    def _vn_give_roles(self, roles, first_day):
        """Give ``roles`` from ``first_day`` (a role held before is taken up again on
        its line: one line per role and account)."""
        self.ensure_one()
        lines = self.with_context(active_test=False).role_line_ids
        for role in roles:
            line = lines.filtered(lambda ln, role=role: ln.role_id == role)
            if line:
                line.write({"date_from": first_day, "date_to": False})
            else:
                self.env["res.users.role.line"].create(
                    {"user_id": self.id, "role_id": role.id, "date_from": first_day}
                )

    def action_vn_move(self):
        self.ensure_one()
        return self._vn_wizard_action("vn.user.move.wizard", _("Change of position"))

    def action_vn_enable(self):
        self.ensure_one()
        return self._vn_wizard_action(
            "vn.user.enable.wizard", _("Re-enable the account")
        )

    def _vn_wizard_action(self, model, name):
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
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
