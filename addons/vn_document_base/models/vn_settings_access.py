# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# pylint: disable=consider-merging-classes-inherited
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

# Idle sessions end after this delay (auth_session_timeout reads the parameter, in
# seconds). 30 minutes: NIST SP 800-63B (AAL2) asks for re-authentication after 30
# minutes of inactivity; a shorter delay cuts clerks off in the middle of registering
# a paper batch, a longer one leaves unattended sessions open in shared offices.
SESSION_TIMEOUT_PARAM = "inactive_session_time_out_delay"
SESSION_TIMEOUT_DEFAULT_MINUTES = 30


class ResConfigSettingsSuiteAdmin(models.TransientModel):
    """The suite's settings for a document administrator who is not an Odoo system
    administrator: he saves the suite's own settings (the vn_* fields of the suite's
    addons) and nothing else: no module to install, no group to imply, no parameter
    of another application (issue 14)."""

    _inherit = "res.config.settings"

    vn_session_timeout_minutes = fields.Integer(
        string="End idle sessions after (minutes)",
        default=SESSION_TIMEOUT_DEFAULT_MINUTES,
        help="A session without activity for this long is logged out. 0: never.",
    )

    @api.model
    def get_values(self):
        values = super().get_values()
        seconds = (
            self.env["ir.config_parameter"].sudo().get_param(SESSION_TIMEOUT_PARAM)
        )
        try:
            values["vn_session_timeout_minutes"] = max(int(seconds) // 60, 0)
        except (TypeError, ValueError):
            values["vn_session_timeout_minutes"] = SESSION_TIMEOUT_DEFAULT_MINUTES
        return values

    @api.constrains("vn_session_timeout_minutes")
    def _check_vn_session_timeout_minutes(self):
        if any(s.vn_session_timeout_minutes < 0 for s in self):
            raise ValidationError(_("The idle delay cannot be negative."))

    def _vn_suite_only(self):
        return not self.env.su and not self.env.user._is_system()

    @api.model
    def _vn_suite_fields(self):
        return {
            name
            for name, field in self._fields.items()
            if name.startswith("vn_")
            and (field._module or "").startswith("vn_")
            # fields kept for Odoo's system group (the backup folders) stay as they are
            and self._has_field_access(field, "write")
        }

    def _vn_keep_suite_values(self, vals):
        allowed = self._vn_suite_fields()
        kept = {key: value for key, value in vals.items() if key in allowed}
        # the related settings of the agency apply to the user's current agency
        if vals.get("company_id") == self.env.company.id:
            kept["company_id"] = vals["company_id"]
        return kept

    @api.model_create_multi
    def create(self, vals_list):
        if self._vn_suite_only():
            # Every other value the client sends (the form sends them all) is
            # dropped: the record keeps the current settings, which saving rewrites
            # unchanged.
            vals_list = [self._vn_keep_suite_values(vals) for vals in vals_list]
        return super().create(vals_list)

    def write(self, vals):
        if self._vn_suite_only():
            vals = self._vn_keep_suite_values(vals)
        return super().write(vals)

    def set_values(self):
        result = None
        if self._vn_suite_only():
            self._vn_set_suite_parameters()
        else:
            result = super().set_values()
        minutes = max(self.vn_session_timeout_minutes, 0)
        params = self.env["ir.config_parameter"].sudo()
        if params.get_param(SESSION_TIMEOUT_PARAM) != str(minutes * 60):
            params.set_param(SESSION_TIMEOUT_PARAM, str(minutes * 60))
        return result

    def _vn_set_suite_parameters(self):
        """Odoo's saving of ir.config_parameter settings, for the suite's fields
        only."""
        params = self.env["ir.config_parameter"].sudo()
        suite = self._vn_suite_fields()
        for name, key in self._get_classified_fields()["config"]:
            if name not in suite:
                continue
            field, value = self._fields[name], self[name]
            if field.type == "char":
                value = (value or "").strip() or False
            elif field.type in ("integer", "float"):
                value = repr(value) if value else False
            elif field.type == "many2one":
                value = value.id
            if params.get_param(key) not in (str(value), value):
                params.set_param(key, value)

    def execute(self):
        if not self._vn_suite_only():
            return super().execute()
        self.ensure_one()
        if not self.env.user.has_group("vn_document_base.group_vn_document_admin"):
            raise AccessError(_("Only administrators can change the settings"))
        self.set_values()
        return {"type": "ir.actions.client", "tag": "reload"}

    @api.model
    def _vn_apply_session_timeout_default(self):
        """Once per database (install or the update that brings auth_session_timeout):
        the suite's idle delay replaces the module's 2 hours; an administrator's later
        choice stays."""
        params = self.env["ir.config_parameter"].sudo()
        marker = "vn_document_base.session_timeout_applied"
        if not params.get_param(marker):
            params.set_param(
                SESSION_TIMEOUT_PARAM, str(SESSION_TIMEOUT_DEFAULT_MINUTES * 60)
            )
            params.set_param(marker, "1")

    def _compute_display_name(self):
        if not self._vn_suite_only():
            return super()._compute_display_name()
        # Odoo's searches the window actions, closed to a non-system user; the name of
        # the first settings action is read as superuser.
        action = (
            self.env["ir.actions.act_window"]
            .sudo()
            .search([("res_model", "=", self._name)], limit=1)
        )
        self.display_name = action.name or self._name
