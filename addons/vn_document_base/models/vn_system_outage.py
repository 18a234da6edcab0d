# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools.legal import vn_local_date


class VnSystemOutage(models.Model):
    """An incident that stopped the system (QĐ 3760 Điều 13.4, R-OP1): when it began and
    ended, what happened and when it was reported. The quarterly report counts them."""

    _name = "vn.system.outage"
    _description = "System outage"
    _inherit = "mail.thread"
    _order = "start desc, id desc"

    company_id = fields.Many2one(
        "res.company",
        string="Agency",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    start = fields.Datetime(string="Began", required=True, tracking=True, index=True)
    end = fields.Datetime(string="Ended", tracking=True)
    description = fields.Text(string="What happened", required=True, tracking=True)
    reported_on = fields.Datetime(string="Reported on", tracking=True)
    reported_to = fields.Char(
        string="Reported to", tracking=True, help="For example the Department."
    )
    duration_hours = fields.Float(
        string="Duration (hours)",
        compute="_compute_duration_hours",
        store=True,
        digits=(16, 2),
    )

    @api.depends("start", "end")
    def _compute_duration_hours(self):
        for outage in self:
            outage.duration_hours = (
                (outage.end - outage.start).total_seconds() / 3600
                if outage.start and outage.end
                else 0.0
            )

    @api.constrains("start", "end")
    def _check_dates(self):
        for outage in self:
            if outage.end and outage.end < outage.start:
                raise ValidationError(_("An outage cannot end before it began."))

    def _vn_check_real_date(self, when):
        """A document entered late (R-OP1) carries its real date, which lies within
        the outage it was handled on paper during."""
        self.ensure_one()
        end = self.end or fields.Datetime.now()
        if not when or when < self.start or when > end:
            raise ValidationError(
                _(
                    "The real date of a document entered late must lie within the "
                    "outage (%(start)s to %(end)s).",
                    start=fields.Datetime.to_string(
                        fields.Datetime.context_timestamp(self, self.start)
                    ),
                    end=fields.Datetime.to_string(
                        fields.Datetime.context_timestamp(self, end)
                    ),
                )
            )

    def _vn_register_mark(self):
        """The mark printed in the register books next to a document entered late
        (Vietnamese: legal text)."""
        self.ensure_one()
        start, end = vn_local_date(self.start), self.end and vn_local_date(self.end)
        if end and end != start:
            return (
                f"Vào sổ muộn (sự cố từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y})"
            )
        return f"Vào sổ muộn (sự cố ngày {start:%d/%m/%Y})"
