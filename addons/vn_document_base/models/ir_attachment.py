from odoo import _, api, models
from odoo.exceptions import UserError

CONTENT_FIELDS = {"raw", "datas", "db_datas", "store_fname", "file_size", "checksum", "res_model", "res_id"}


class IrAttachment(models.Model):
    """The content of a checked original cannot change or disappear (R-SEC3)."""

    _inherit = "ir.attachment"

    def _vn_protected(self):
        if not self.ids:
            return self.browse()
        files = self.env["vn.document.file"].sudo().search([("attachment_id", "in", self.ids)])
        return files.attachment_id

    def write(self, vals):
        if CONTENT_FIELDS & set(vals) and self._vn_protected():
            raise UserError(_("This file is a checked original: its content cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_vn_original(self):
        if self._vn_protected():
            raise UserError(_("This file is a checked original and cannot be deleted."))
