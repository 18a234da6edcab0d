# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools.iap_block import strip_autocomplete_widgets


class ResCompany(models.Model):
    """The own agency: its identifier code and short name live on its partner."""

    _inherit = "res.company"

    vn_organ_code = fields.Char(
        related="partner_id.vn_organ_code", string="Identifier code", readonly=False
    )
    vn_short_name = fields.Char(
        related="partner_id.vn_short_name", string="Short name", readonly=False
    )
    vn_managing_body = fields.Char(
        related="partner_id.vn_managing_body", string="Managing body", readonly=False
    )
    # R-IN7: what becomes of a scan failing ND 30 Phụ lục I (vn.file.check._check_scan)
    vn_scan_policy = fields.Selection(
        [("warn", "Accept with a warning"), ("refuse", "Refuse")],
        string="Scans failing the digitisation rules",
        required=True,
        default="warn",
    )

    def _vn_users_of(self, group_xmlid):
        """The active users of this agency in the group ``group_xmlid`` (directly or
        implied)."""
        self.ensure_one()
        return self.env.ref(group_xmlid).all_user_ids.filtered(
            lambda user: self in user.company_ids
        )

    @api.private  # a service for the suite's code, not an RPC endpoint
    def vn_add_working_days(self, start, days):
        """The date ``days`` working days after ``start`` on the agency's calendar."""
        self.ensure_one()
        return self._vn_calendar().vn_add_working_days(start, days)

    @api.private  # a service for the suite's code, not an RPC endpoint
    def vn_count_working_days(self, start, end):
        """Working days after ``start`` up to and including ``end``."""
        self.ensure_one()
        return self._vn_calendar().vn_count_working_days(start, end)

    def _vn_calendar(self):
        calendar = self.resource_calendar_id
        if not calendar:
            raise UserError(
                _(
                    "The agency %(name)s has no working calendar; set one in its "
                    "settings.",
                    name=self.name,
                )
            )
        return calendar

    @api.model
    def _get_view(self, view_id=None, view_type="form", **options):
        arch, view = super()._get_view(view_id, view_type, **options)
        if view_type == "form":
            strip_autocomplete_widgets(arch)  # Odoo's IAP is blocked
        return arch, view
