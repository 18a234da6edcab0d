# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

# Files kept for fewer years stay with the unit (ND 30 Điều 31.3.c).
HANDOVER_MIN_YEARS = 5


class VnRetentionPeriod(models.Model):
    """Retention period (thời hạn bảo quản) with its TT 05/2025 ``maintenance`` code.

    Data, not code: the document administrator edits the periods and their legal
    basis (TT 10/2022/TT-BNV, the agency's own retention table)."""

    _name = "vn.retention.period"
    _description = "Retention period"
    _order = "code"

    code = fields.Char(
        required=True, size=2, help="TT 05/2025 code list 'maintenance' (01 to 07)."
    )
    name = fields.Char(required=True, translate=False)
    years = fields.Integer(help="Empty for permanent retention.")
    permanent = fields.Boolean()
    legal_basis = fields.Char(
        help="The text that sets this period, e.g. TT 10/2022/TT-BNV, Phụ lục I."
    )
    description = fields.Text(string="Notes")
    active = fields.Boolean(default=True)
    handed_over = fields.Boolean(
        string="Handed over to the archive",
        compute="_compute_handed_over",
        search="_search_handed_over",
        help="Files kept permanently or for 5 years or more go to the agency archive "
        "(ND 30 Điều 31.3.c).",
    )

    _code_unique = models.Constraint(
        "UNIQUE(code)", "Another retention period uses this code."
    )

    @api.constrains("code", "years", "permanent")
    def _check_period(self):
        for period in self:
            if not (period.code.isdigit() and 1 <= int(period.code) <= 7):
                raise ValidationError(_("The TT 05/2025 retention code is 01 to 07."))
            if period.permanent and period.years:
                raise ValidationError(
                    _("A permanent retention period has no number of years.")
                )
            if period.years < 0:
                raise ValidationError(_("The number of years cannot be negative."))

    @api.depends("years", "permanent")
    def _compute_handed_over(self):
        for period in self:
            period.handed_over = period.permanent or period.years >= HANDOVER_MIN_YEARS

    def _search_handed_over(self, operator, value):
        # Odoo 19 gives a boolean's search as "in" / "not in" [True].
        if operator not in ("in", "not in"):
            return NotImplemented
        domain = Domain("permanent", "=", True) | Domain(
            "years", ">=", HANDOVER_MIN_YEARS
        )
        return domain if operator == "in" else ~domain

    def _vn_disposal_year(self, end_year):
        """The first year the file may be reviewed for disposal (end year + years);
        0 when kept permanently or the period has no number of years."""
        self.ensure_one()
        if self.permanent or not self.years or not end_year:
            return 0
        return end_year + self.years
