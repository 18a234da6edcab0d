# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Roles assigned by group (R-US1): nothing bypasses a role.

OCA base_user_role gives users exactly their roles' groups, but a group's form still
adds users to it directly (OCA/server-backend #459). The suite's groups are therefore
closed to direct membership changes by clients: only the role mechanism (whose writes
never pass through these overrides, see ``res.users.set_groups_from_roles``) and the
superuser (module data, test fixtures) change them.
"""

from odoo import _, api, fields, models
from odoo.api import SUPERUSER_ID
from odoo.exceptions import UserError

SUITE_CATEGORY = "vn_document_base.module_category_vn_document"
USER_FIELDS = ("user_ids", "all_user_ids")


def role_bypass_error(env):
    return UserError(
        env._(
            "Access to official documents is given by roles only: assign a role "
            "instead (user form, tab User Roles)."
        )
    )


class ResGroups(models.Model):
    _inherit = "res.groups"

    @api.model
    def _vn_suite_groups(self):
        """The suite's groups: those of the Official Documents category."""
        category = self.env.ref(SUITE_CATEGORY, raise_if_not_found=False)
        if not category:
            return self.browse()
        return (
            self.sudo()
            .with_context(active_test=False)
            .search([("privilege_id.category_id", "=", category.id)])
        )

    def _vn_grants_suite_access(self):
        """True when a member of one of these groups gets a suite group."""
        return bool(self.sudo().all_implied_ids & self._vn_suite_groups())

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(
            vals.get(name) for vals in vals_list for name in USER_FIELDS
        ):
            groups = super().create(
                [
                    {k: v for k, v in vals.items() if k not in USER_FIELDS}
                    for vals in vals_list
                ]
            )
            if groups._vn_grants_suite_access():
                raise role_bypass_error(self.env)
            for group, vals in zip(groups, vals_list, strict=True):
                group.write({k: v for k, v in vals.items() if k in USER_FIELDS})
            return groups
        return super().create(vals_list)

    def write(self, vals):
        if (
            not self.env.su
            and any(name in vals for name in USER_FIELDS)
            and self._vn_grants_suite_access()
        ):
            raise role_bypass_error(self.env)
        return super().write(vals)


class ResUsersRole(models.Model):
    _inherit = "res.users.role"

    # OCA writes a role's group fields as superuser for access managers: members are
    # given through role lines only.
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(
            vals.get(name) for vals in vals_list for name in USER_FIELDS
        ):
            raise role_bypass_error(self.env)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and any(name in vals for name in USER_FIELDS):
            raise role_bypass_error(self.env)
        return super().write(vals)


class ResUsersRoleLine(models.Model):
    """Role lines take effect at once, dated in the agency's time zone, and every
    change of them waits for a second administrator's confirmation (ND 30 Phụ lục VI
    III.3.c)."""

    _inherit = "res.users.role.line"

    @api.depends("date_from", "date_to")
    def _compute_is_enabled(self):
        today = self._vn_today()
        for line in self:
            line.is_enabled = not (
                (line.date_from and line.date_from > today)
                or (line.date_to and line.date_to < today)
            )

    @api.model
    def _vn_today(self):
        tz = self.env.company.partner_id.tz or "Asia/Ho_Chi_Minh"
        return fields.Date.context_today(self.with_context(tz=tz))

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        for line in lines:
            line._vn_record_change(
                _(
                    "Role %(role)s given%(dates)s",
                    role=line.role_id.name,
                    dates=line._vn_dates_text(),
                )
            )
        lines.user_id._vn_sync_roles()
        return lines

    def write(self, vals):
        before = {line: line._vn_dates_text() for line in self}
        roles = {line: line.role_id for line in self}
        users = {line: line.user_id for line in self}
        res = super().write(vals)
        for line in self:
            if users[line] != line.user_id:
                # A line moved to another account: both accounts' rights change.
                for user, text in (
                    (users[line], _("Role %(role)s removed", role=roles[line].name)),
                    (line.user_id, _("Role %(role)s given", role=line.role_id.name)),
                ):
                    line._vn_record_change(text, user)
                continue
            if roles[line] != line.role_id:
                text = _(
                    "Role %(old)s replaced by %(new)s%(dates)s",
                    old=roles[line].name,
                    new=line.role_id.name,
                    dates=line._vn_dates_text(),
                )
            elif before[line] != line._vn_dates_text():
                text = _(
                    "Role %(role)s: dates changed from %(old)s to %(new)s",
                    role=line.role_id.name,
                    old=before[line] or _(" (no dates)"),
                    new=line._vn_dates_text() or _(" (no dates)"),
                )
            else:
                continue
            line._vn_record_change(text)
        (self.user_id | self.env["res.users"].union(*users.values()))._vn_sync_roles()
        return res

    def unlink(self):
        for line in self:
            line._vn_record_change(_("Role %(role)s removed", role=line.role_id.name))
        return super().unlink()

    def _vn_dates_text(self):
        self.ensure_one()
        parts = []
        if self.date_from:
            parts.append(_(" from %(date)s", date=self.date_from))
        if self.date_to:
            parts.append(_(" until %(date)s", date=self.date_to))
        return "".join(parts)

    def _vn_record_change(self, description, user=None):
        """A pending access change, unless the superuser loads data (module data,
        test fixtures)."""
        self.ensure_one()
        if self.env.uid == SUPERUSER_ID:
            return
        self.env["vn.access.change"].sudo()._vn_record(
            user or self.user_id, description
        )
