# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class IrBinary(models.AbstractModel):
    """Downloads of checked originals are logged, whichever URL serves them."""

    _inherit = "ir.binary"

    def _record_to_stream(self, record, field_name):
        stream = super()._record_to_stream(record, field_name)
        if record._name == "ir.attachment" and field_name in (
            "raw",
            "datas",
            "db_datas",
        ):
            file = (
                self.env["vn.document.file"]
                .sudo()
                .search([("attachment_id", "=", record.id)], limit=1)
            )
            if not file:
                # a searchable copy (OCR) is the original's content too
                file = (
                    self.env["vn.file.text"]
                    .sudo()
                    .search([("ocr_attachment_id", "=", record.id)], limit=1)
                    .file_id
                )
            if file:
                self.env["vn.document.access.log"]._log(
                    "download", file.res_model, file.res_id, file
                )
        elif (
            hasattr(record, "_vn_opens")
            and record._vn_opens([field_name])
            and not self.env.su
        ):
            # A binary field of the document itself (a preview) served by /web/content
            # or /web/image.
            self.env["vn.document.access.log"]._log("download", record._name, record.id)
        return stream
