# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import UserError

from ..tools import pdf_mark
from ..tools.legal import legal, vn_now


class IrActionsReport(models.Model):
    """Every QWeb PDF the system prints carries the print mark on each page (ND 30 Phụ
    lục VI III.6.k). Stored copies (``attachment``/``attachment_use``) are made from
    the unmarked streams before this runs, so one user's mark is never kept for the
    next; the mark goes on the bytes handed out."""

    _inherit = "ir.actions.report"

    def _render_qweb_pdf(self, report_ref, res_ids=None, data=None):
        content, kind = super()._render_qweb_pdf(report_ref, res_ids=res_ids, data=data)
        if kind == "pdf" and content:
            content = self._vn_mark_pdf(content)
        return content, kind

    @api.model
    def _vn_print_mark_text(self, company=None):
        """The mark's line, in Vietnamese and Vietnam time whoever prints."""
        company = company or self.env.company
        return legal(self).env._(
            "Printed from the document management system – %(agency)s – "
            "%(user)s – %(time)s",
            agency=company.name,
            user=self.env.user.name,
            time=vn_now().strftime("%d/%m/%Y %H:%M"),
        )

    @api.model
    def _vn_mark_pdf(self, data, company=None):
        """``data`` with the print mark on every page; a ``UserError`` (nothing
        handed out) when the PDF cannot be marked."""
        try:
            return pdf_mark.mark_pdf(data, self._vn_print_mark_text(company))
        except pdf_mark.PdfMarkError as error:
            raise UserError(self._vn_mark_error(error.reason)) from error

    @api.model
    def _vn_mark_error(self, reason):
        if reason == "encrypted":
            return self.env._(
                "This PDF is encrypted: a copy with the print mark cannot be made. "
                "Download the original instead."
            )
        if reason == "too_large":
            return self.env._(
                "This PDF is too large to be printed with the mark (at most "
                "%(pages)s pages).",
                pages=pdf_mark.MAX_PAGES,
            )
        if reason == "no_font":
            return self.env._(
                "The server has no font for the print mark (install fonts-dejavu-core)."
            )
        return self.env._("This PDF is damaged and cannot be printed with the mark.")
