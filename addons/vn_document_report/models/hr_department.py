# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HrDepartment(models.Model):
    _inherit = "hr.department"

    # The reports' rule for a head of unit (R-RP2): the units he manages and the units
    # under them. Searched when the query runs, so a new head sees his unit at once
    # (a record rule's evaluated domain is cached per user).
    vn_headed_by_me = fields.Boolean(
        string="Headed by me",
        compute="_compute_vn_headed_by_me",
        search="_search_vn_headed_by_me",
    )

    def _vn_managed_by(self, user, company=None):
        """The units ``user`` is the manager of (of ``company`` or without one), as
        superuser: who heads what is the reports' scope, not a record to read."""
        domain = [("manager_id.user_id", "=", user.id)]
        if company:
            domain.append(("company_id", "in", (company.id, False)))
        return self.sudo().search(domain)

    def _vn_headed_units(self):
        managed = self.with_context(active_test=False)._vn_managed_by(self.env.user)
        return (
            self.sudo()
            .with_context(active_test=False)
            .search([("id", "child_of", managed.ids)])
            if managed
            else self.browse()
        )

    def _compute_vn_headed_by_me(self):
        headed = set(self._vn_headed_units().ids)
        for unit in self:
            unit.vn_headed_by_me = unit.id in headed

    def _search_vn_headed_by_me(self, operator, value):
        if operator != "in":
            return NotImplemented
        headed = [("id", "in", self._vn_headed_units().ids)]
        if set(value) == {True}:
            return headed
        if set(value) == {False}:
            return ["!", *headed]
        return [(1, "=", 1)] if value else [(0, "=", 1)]
