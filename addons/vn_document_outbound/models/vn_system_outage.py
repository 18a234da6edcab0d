# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, fields, models


class VnSystemOutage(models.Model):
    """The outgoing documents issued on paper during the outage and entered
    afterwards (R-OP1)."""

    _inherit = "vn.system.outage"

    outgoing_ids = fields.One2many(
        "vn.document.outgoing", "outage_id", string="Outgoing documents entered late"
    )
    outgoing_count = fields.Integer(
        string="Outgoing entered late", compute="_compute_outgoing_count"
    )

    def _compute_outgoing_count(self):
        # counted with the reader's rights: what he may not see, he does not count
        counts = dict(
            self.env["vn.document.outgoing"]._read_group(
                [("outage_id", "in", self.ids)], ["outage_id"], ["__count"]
            )
        )
        for outage in self:
            outage.outgoing_count = counts.get(outage, 0)

    def action_view_outgoing(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Outgoing documents entered late"),
            "res_model": "vn.document.outgoing",
            "view_mode": "list,form",
            "domain": [("outage_id", "=", self.id)],
            "context": {"create": False},
        }
