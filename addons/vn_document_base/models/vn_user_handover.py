# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class VnUserHandover(models.Model):
    """The history of an account's life: joined, moved, left (its open work handed
    over), re-enabled (R-US2, R-US3). Written only by the lifecycle wizards."""

    _name = "vn.user.handover"
    _description = "Account event"
    _order = "date desc, id desc"

    kind = fields.Selection(
        [
            ("joined", "Joined"),
            ("moved", "Changed position"),
            ("left", "Left (disabled)"),
            ("re_enabled", "Re-enabled"),
        ],
        required=True,
        readonly=True,
        default="left",
        index=True,
    )
    user_id = fields.Many2one(
        "res.users", string="Account", required=True, readonly=True, index=True
    )
    department_id = fields.Many2one("hr.department", string="Unit", readonly=True)
    roles = fields.Char(readonly=True)
    effective_date = fields.Date(readonly=True)
    successor_id = fields.Many2one("res.users", readonly=True)
    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    done_by_id = fields.Many2one(
        "res.users",
        string="Done by",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
    )
    reason = fields.Char(required=True, readonly=True)
    summary = fields.Text(string="Work handed over", readonly=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        default=lambda self: self.env.company,
    )

    @api.model
    def _vn_record_event(self, kind, user, reason, **values):
        """The lifecycle wizards' record of one step (clients never write it)."""
        return self.sudo().create(
            {
                "kind": kind,
                "user_id": user.id,
                "reason": reason,
                "company_id": user.company_id.id,
                "department_id": user.sudo().employee_id.department_id.id,
                "roles": ", ".join(
                    user.sudo()
                    .role_line_ids.filtered(
                        lambda ln: not ln.date_to or ln.date_to >= ln._vn_today()
                    )
                    .mapped("role_id.name")
                ),
                **values,
            }
        )
