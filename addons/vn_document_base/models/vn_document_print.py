# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, models
from odoo.exceptions import UserError


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
            "target": "download",
        }
