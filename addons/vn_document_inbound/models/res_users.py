# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _vn_home_action_xmlid(self):
        return "vn_document_inbound.vn_document_incoming_action"

    def _vn_open_work_count(self):
        count = super()._vn_open_work_count()
        return count + self.env["vn.document.assignment"].sudo().search_count(
            [("user_id", "=", self.id), ("state", "=", "open")]
        )

    def _vn_handover_work(self, successor):
        """Open assignments of incoming documents go to the successor (R-US3)."""
        lines = super()._vn_handover_work(successor)
        open_work = (
            self.env["vn.document.assignment"]
            .sudo()
            .search([("user_id", "=", self.id), ("state", "=", "open")])
        )
        for line in open_work:
            line.document_id._trail(
                _(
                    "Handed over from %(old)s to %(new)s",
                    old=self.name,
                    new=successor.name,
                )
            )
        open_work.write({"user_id": successor.id})
        return lines + [
            _("%(count)s incoming document assignments", count=len(open_work))
        ]
