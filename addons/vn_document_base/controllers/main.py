# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.http import request


class VnDocumentFileController(http.Controller):
    """Downloads of checked originals, in a read-write transaction so that each is
    logged."""

    @http.route(
        "/vn_document/file/<int:file_id>", type="http", auth="user", readonly=False
    )
    def download(self, file_id, **kwargs):
        record = request.env["vn.document.file"].browse(file_id).exists()
        if not record or not record.attachment_id:
            raise request.not_found()
        attachment = record.attachment_id
        attachment.check_access("read")  # follows the document's own access rules
        stream = request.env["ir.binary"]._get_stream_from(attachment, "raw")
        return stream.get_response(as_attachment=True)

    @http.route(
        "/vn_document/file_text/<int:text_id>", type="http", auth="user", readonly=False
    )
    def download_text_copy(self, text_id, **kwargs):
        """The searchable copy (OCR) of a stored original, logged like the original."""
        record = request.env["vn.file.text"].browse(text_id).exists()
        if not record or not record.ocr_attachment_id:
            raise request.not_found()
        attachment = record.ocr_attachment_id
        attachment.check_access("read")  # follows the document's own access rules
        stream = request.env["ir.binary"]._get_stream_from(attachment, "raw")
        return stream.get_response(as_attachment=True)
