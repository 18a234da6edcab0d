# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError


class IrFilters(models.Model):
    """Saved searches shared with a unit (ND 30 Phụ lục VI III.6.e).

    Odoo's favourites are private (``user_ids`` = the owner) or shared with everyone
    (``user_ids`` empty). A private favourite may also name one of its owner's units
    (``vn_department_id``): the members of that unit and of its sub-units receive it in
    ``get_filters`` and may read it (record rule "shared with my unit"), but only its
    owner or an administrator changes or deletes it.
    """

    _inherit = "ir.filters"

    vn_department_id = fields.Many2one(
        "hr.department",
        string="Shared with the unit",
        index="btree_not_null",
        ondelete="set null",
        help="The members of this unit and of its sub-units receive the saved search. "
        "Only its owner changes it.",
    )
    vn_owner_id = fields.Many2one(
        "res.users", string="Owner", related="create_uid", readonly=True
    )

    @api.constrains("vn_department_id", "user_ids")
    def _check_vn_department_owner(self):
        for saved in self.filtered("vn_department_id"):
            if len(saved.user_ids) != 1:
                raise ValidationError(
                    self.env._("A search shared with a unit belongs to one user.")
                )

    def _vn_check_own_unit(self):
        """A user shares a search only with one of his own units. Not a constraint:
        constraints run as superuser, this check needs the acting user."""
        if self.env.su or self.env.user.has_group("base.group_erp_manager"):
            return
        units = self.env.user.sudo().employee_ids.department_id
        if any(
            f.vn_department_id not in units for f in self.filtered("vn_department_id")
        ):
            raise ValidationError(
                self.env._("Share a search only with one of your own units.")
            )

    def _vn_check_owner(self):
        """Only the owner (or an administrator) changes a search shared with a unit:
        its members read it through the record rule, they do not own it."""
        if self.env.su or self.env.user.has_group("base.group_erp_manager"):
            return
        foreign = self.filtered(
            lambda f: f.vn_department_id and f.create_uid != self.env.user
        )
        if foreign:
            raise AccessError(
                self.env._("Only the owner of a shared search may change it.")
            )

    @api.model_create_multi
    def create(self, vals_list):
        for values in vals_list:
            if values.get("vn_department_id") and not values.get("user_ids"):
                # a unit's search is the creator's own favourite
                values["user_ids"] = [fields.Command.set([self.env.uid])]
        records = super().create(vals_list)
        records._vn_check_own_unit()
        return records

    def write(self, vals):
        self._vn_check_owner()
        result = super().write(vals)
        if vals.get("vn_department_id"):
            self._vn_check_own_unit()
        return result

    def unlink(self):
        self._vn_check_owner()
        return super().unlink()

    @api.model
    def get_filters(
        self,
        model,
        action_id=None,
        embedded_action_id=None,
        embedded_parent_res_id=None,
    ):
        """Odoo's favourites plus the searches shared with the user's units."""
        result = super().get_filters(
            model, action_id, embedded_action_id, embedded_parent_res_id
        )
        seen = {row["id"] for row in result}
        shared = self.with_context(**self.env["res.users"].context_get()).search_read(
            self._get_action_domain(
                action_id, embedded_action_id, embedded_parent_res_id
            )
            + [("model_id", "=", model), ("vn_department_id", "!=", False)]
            + self._vn_unit_domain(),
            [
                "name",
                "is_default",
                "domain",
                "context",
                "user_ids",
                "sort",
                "embedded_action_id",
                "embedded_parent_res_id",
            ],
        )
        # a unit's search is never the default of another member's list
        for row in shared:
            row["is_default"] = row["is_default"] and self.env.uid in row["user_ids"]
        return result + [row for row in shared if row["id"] not in seen]

    @api.model
    def _vn_unit_domain(self):
        """The searches shared with the user's units or one of their parents."""
        units = self.env.user.sudo().employee_ids.department_id
        return [("vn_department_id", "parent_of", units.ids)]
