# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, models
from odoo.exceptions import AccessError, UserError

# What makes an attachment what it is, or who may fetch it: none of it changes on a
# checked original (R-SEC3). ``public`` and ``access_token`` would publish it to
# anonymous visitors; ``type``/``url`` would swap its content;
# ``res_model``/``res_id``/``res_field`` would move it to another document and so under
# other access rules.
PROTECTED_FIELDS = {
    "raw",
    "datas",
    "db_datas",
    "store_fname",
    "file_size",
    "checksum",
    "res_model",
    "res_id",
    "res_field",
    "public",
    "access_token",
    "type",
    "url",
    "mimetype",
    "company_id",
}


class IrAttachment(models.Model):
    """The content of a checked original cannot change, be published or disappear
    (R-SEC3), and a document that is frozen takes no unchecked file."""

    _inherit = "ir.attachment"

    def _vn_protected(self):
        if not self.ids:
            return self.browse()
        files = (
            self.env["vn.document.file"]
            .sudo()
            .search([("attachment_id", "in", self.ids)])
        )
        # the searchable copies of the originals (OCR) are kept the same way
        texts = (
            self.env["vn.file.text"]
            .sudo()
            .search([("ocr_attachment_id", "in", self.ids)])
        )
        return files.attachment_id | texts.ocr_attachment_id

    @api.model
    def _vn_check_target_open(self, res_model, res_id):
        """Refuse an unchecked file on a document that takes files only through the
        checks."""
        if self.env.su or not res_model or not res_id or res_model not in self.env:
            return
        target = self.env[res_model]
        if not hasattr(target, "_vn_takes_unchecked_files"):
            return
        record = target.sudo().browse(res_id).exists()
        if record and not record._vn_takes_unchecked_files():
            raise AccessError(
                _(
                    "%(doc)s takes files only through the file checks.",
                    doc=record.display_name,
                )
            )

    def _postprocess_contents(self, values):
        # A file uploaded to a document is an original to check and keep as it came:
        # Odoo's resize of large images would change a scan's pixels (its resolution
        # is what R-IN7 judges) and the bytes its hash stands for.
        model = values.get("res_model")
        if model in self.env and getattr(self.env[model], "_vn_owns_files", False):
            return values
        return super()._postprocess_contents(values)

    @api.model
    def _index(self, bin_data, file_type, checksum=None):
        # A technical payload (an exchange package) is not a document to search: its
        # text, megabytes of base64, would only fill the index column.
        if self.env.context.get("vn_attachment_no_index"):
            return None
        return super()._index(bin_data, file_type, checksum=checksum)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._vn_check_target_open(vals.get("res_model"), vals.get("res_id"))
        return super().create(vals_list)

    def write(self, vals):
        if PROTECTED_FIELDS & set(vals) and self._vn_protected():
            raise UserError(
                _(
                    "This file is a checked original: it cannot be changed, moved or "
                    "published."
                )
            )
        if "res_model" in vals or "res_id" in vals:
            for attachment in self:
                self._vn_check_target_open(
                    vals.get("res_model", attachment.res_model),
                    vals.get("res_id", attachment.res_id),
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_vn_original(self):
        if self._vn_protected():
            raise UserError(_("This file is a checked original and cannot be deleted."))
