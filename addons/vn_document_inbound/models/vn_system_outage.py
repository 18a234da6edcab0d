# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, fields, models


class VnSystemOutage(models.Model):
    """The incoming documents received on paper during the outage and entered
    afterwards (R-OP1)."""

    _inherit = "vn.system.outage"

    incoming_ids = fields.One2many(
        "vn.document.incoming", "outage_id", string="Incoming documents entered late"
    )
    incoming_count = fields.Integer(
        string="Incoming entered late", compute="_compute_incoming_count"
    )

    def _compute_incoming_count(self):
        # counted with the reader's rights: what he may not see, he does not count
        counts = dict(
            self.env["vn.document.incoming"]._read_group(
                [("outage_id", "in", self.ids)], ["outage_id"], ["__count"]
            )
        )
        for outage in self:
            outage.incoming_count = counts.get(outage, 0)

    def action_view_incoming(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Incoming documents entered late"),
            "res_model": "vn.document.incoming",
            "view_mode": "list,form",
            "domain": [("outage_id", "=", self.id)],
            "context": {"create": False},
        }
