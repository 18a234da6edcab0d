# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Indexes the period reports need over a million documents (R-RP2): a period's
documents of the agency, or of one unit, without reading the whole table."""

from odoo import models


class VnDocumentIncoming(models.Model):
    _inherit = "vn.document.incoming"

    _vn_report_company_index = models.Index("(company_id, registered_on)")
    _vn_report_unit_index = models.Index("(handling_department_id, registered_on)")
    # The open documents by deadline: the dashboard's overdue figures read this index
    # only (vn.report.document.stat, is_overdue), not the million documents.
    _vn_report_open_index = models.Index(
        "((COALESCE(done_deadline, deadline))) INCLUDE (handling_department_id,"
        " handling_user_id, company_id, state, recalled_on, channel, registered_on,"
        " done_on, done_deadline, deadline)"
        " WHERE registered_on IS NOT NULL AND done_on IS NULL"
    )
