# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, fields, models
from odoo.exceptions import UserError

from odoo.addons.vn_document_base.tools.legal import vn_now

from ..models.vn_edoc_report import PERIOD_KINDS, reports_on_agency
from ..tools import periods


class VnEdocReportWizard(models.TransientModel):
    """Generate the e-document report of a period for the agency or some units
    (R-RP1): a quarter (by default the last complete one), a half-year, a year or any
    two dates, in Vietnam time."""

    _name = "vn.edoc.report.wizard"
    _description = "Generate the e-document report"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    period_kind = fields.Selection(
        PERIOD_KINDS, string="Period", required=True, default="quarter"
    )
    year = fields.Integer(
        required=True,
        default=lambda self: periods.last_complete_quarter(vn_now().date())[0],
    )
    quarter = fields.Selection(
        [("1", "I"), ("2", "II"), ("3", "III"), ("4", "IV")],
        default=lambda self: str(periods.last_complete_quarter(vn_now().date())[1]),
    )
    half = fields.Selection([("1", "First half"), ("2", "Second half")], default="1")
    date_from = fields.Date(string="From")
    date_to = fields.Date(string="To")
    department_ids = fields.Many2many(
        "hr.department",
        string="Units",
        default=lambda self: self._vn_default_units(),
        help="Empty: the whole agency (heads of agency, follow-up officers, the "
        "document administrator).",
    )

    def _vn_default_units(self):
        """A head of unit (not of the agency) reports on the units he heads."""
        user = self.env.user
        if reports_on_agency(user):
            return self.env["hr.department"]
        return self.env["hr.department"]._vn_managed_by(user).with_env(self.env)

    def _vn_bounds(self):
        self.ensure_one()
        if self.period_kind != "custom" and not 1900 <= self.year <= 9999:
            raise UserError(_("Enter a valid year."))
        try:
            return periods.bounds(
                self.period_kind,
                self.year,
                int(self.quarter if self.period_kind == "quarter" else self.half or 1),
                self.date_from,
                self.date_to,
            )
        except (ValueError, TypeError):
            raise UserError(
                _("Choose the first and the last day of the period, in that order.")
            ) from None

    def action_generate(self):
        """A new version of the report; the rights on the units are checked by the
        report's service."""
        self.ensure_one()
        date_from, date_to = self._vn_bounds()
        if date_from > vn_now().date():
            raise UserError(_("The period has not begun yet."))
        report = self.env["vn.edoc.report"]._vn_generate(
            self.company_id,
            self.period_kind,
            date_from,
            date_to,
            self.department_ids,
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "vn.edoc.report",
            "res_id": report.id,
            "view_mode": "form",
            "target": "current",
        }
