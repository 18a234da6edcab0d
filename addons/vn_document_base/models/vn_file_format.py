# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class VnFileFormat(models.Model):
    """A file format the agency accepts (TT 39/2017 list), by real type and
    extension."""

    _name = "vn.file.format"
    _description = "Accepted file format"
    _order = "sequence, name"

    name = fields.Char(string="Format", required=True)
    mimetypes = fields.Char(
        string="MIME types",
        required=True,
        help="Comma-separated types as libmagic reports them for this format.",
    )
    extensions = fields.Char(
        required=True,
        help="Comma-separated, without dot: pdf or docx.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    @api.model
    def _split(self, value):
        return {
            part.strip().lower().lstrip(".")
            for part in (value or "").split(",")
            if part.strip()
        }

    @api.model
    def _match(self, extension, mimetype):
        """The active format that allows this extension and this real MIME type."""
        extension, mimetype = (extension or "").lower(), (mimetype or "").lower()
        for fmt in self.sudo().search_fetch([], ["extensions", "mimetypes"]):
            if extension in self._split(fmt.extensions) and mimetype in self._split(
                fmt.mimetypes
            ):
                return fmt
        return self.browse()
