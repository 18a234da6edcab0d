# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class VnCaseFile(models.Model):
    _inherit = "vn.case.file"

    @api.model
    def _vn_demo_load(self):
        """Demo data only: the staff member's planned file opened from this year's
        plan, holding the incoming decision and the issued notice of the demo."""
        ref = self.env.ref
        staff = ref("vn_document_base.user_staff_demo")
        item = ref("vn_case_file.vn_file_plan_item_3_demo")
        case = self.with_user(staff)._vn_open_from_plan(item)
        case.with_user(staff).language = "Tiếng Việt"
        documents = [
            self.env["vn.document.incoming"].search(
                [("state", "=", "done")], order="id", limit=1
            ),
            self.env["vn.document.outgoing"].search(
                [("state", "=", "issued")], order="id", limit=1
            ),
        ]
        # Put in by the service: the demo's staff member is not assigned these.
        case.sudo()._vn_add_lines([doc for doc in documents if doc])
