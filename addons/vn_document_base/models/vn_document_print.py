# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, models
from odoo.exceptions import UserError

PDF = "application/pdf"


class VnDocumentFile(models.Model):
    _inherit = "vn.document.file"

    def _vn_print_data(self):
        """A copy of this PDF original with the print mark on every page (ND 30 Phụ
        lục VI III.6.k), logged as printed. The caller has checked that the user may
        download the original; the original's bytes are only read."""
        self.ensure_one()
        self._vn_check_printable()
        data = self.env["ir.actions.report"]._vn_mark_pdf(
            self.attachment_id.sudo().raw, self.company_id
        )
        self.env["vn.document.access.log"]._log(
            "print", self.res_model, self.res_id, self
        )
        return data

    def _vn_check_printable(self):
        if not self.attachment_id:
            raise UserError(_("The content of this file was destroyed."))
        if self.mimetype != PDF:
            raise UserError(
                _(
                    "The main file %(name)s is not a PDF (%(type)s): only a PDF can "
                    "be printed with the mark. Download the original instead.",
                    name=self.name,
                    type=self.mimetype or "?",
                )
            )


class VnDocumentPrintMixin(models.AbstractModel):
    """The "Print" button of a document: a copy of its main PDF with the print mark
    (III.6.k), for whoever may download that PDF (the route checks it again)."""

    _name = "vn.document.print.mixin"
    _description = "Prints the main file of a document with the print mark"

    def _vn_print_file(self):
        """The ``vn.document.file`` the Print button prints."""
        raise NotImplementedError

    def action_print_copy(self):
        self.ensure_one()
        self.check_access("read")
        file = self._vn_print_file()
        if not file:
            raise UserError(_("This document has no main file to print."))
        file.check_access("read")
        file.attachment_id.check_access("read")  # the original download's rule
        file._vn_check_printable()
        return {
            "type": "ir.actions.act_url",
            "url": f"/vn_document/file/{file.id}/print",
            "target": "self",
        }
