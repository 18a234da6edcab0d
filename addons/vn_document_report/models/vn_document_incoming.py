# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Indexes the period reports need over a million documents (R-RP2): a period's
documents of the agency, or of one unit, without reading the whole table."""

from odoo import models


class VnDocumentIncoming(models.Model):
    _inherit = "vn.document.incoming"

    _vn_report_company_index = models.Index("(company_id, registered_on)")
    _vn_report_unit_index = models.Index("(handling_department_id, registered_on)")
