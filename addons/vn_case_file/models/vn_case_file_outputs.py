# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# PLACEHOLDER: replaced by the outputs (catalogues, exports).
from odoo import models


class VnCaseFile(models.Model):
    _inherit = "vn.case.file"

    def action_export_catalogue_xlsx(self):
        raise NotImplementedError

    def action_export_pdf(self):
        raise NotImplementedError

    def action_export_xml(self):
        raise NotImplementedError

    def action_export_file_list_xlsx(self):
        raise NotImplementedError


class VnCaseFileHandover(models.Model):
    _inherit = "vn.case.file.handover"

    def action_export_catalogue_xlsx(self):
        raise NotImplementedError
