# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _vn_open_case_files(self):
        """The case files this account builds and has not closed yet."""
        return (
            self.env["vn.case.file"]
            .sudo()
            .search([("creator_id", "=", self.id), ("state", "=", "open")])
        )

    def _vn_open_work_count(self):
        return super()._vn_open_work_count() + len(self._vn_open_case_files())

    def _vn_handover_work(self, successor):
        """Open case files go to the successor, who goes on building them (R-US3)."""
        lines = super()._vn_handover_work(successor)
        cases = self._vn_open_case_files()
        cases.write({"creator_id": successor.id})
        for case in cases:
            case._trail(
                self.env._(
                    "Handed over from %(old)s to %(new)s",
                    old=self.name,
                    new=successor.name,
                )
            )
        return lines + [self.env._("%(count)s open case files", count=len(cases))]
