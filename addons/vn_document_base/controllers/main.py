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
        return self._download("vn.document.file", file_id, "attachment_id")

    @http.route(
        "/vn_document/file_text/<int:text_id>", type="http", auth="user", readonly=False
    )
    def download_text_copy(self, text_id, **kwargs):
        """The searchable copy (OCR) of a stored original, logged like the original."""
        return self._download("vn.file.text", text_id, "ocr_attachment_id")

    def _download(self, model, record_id, attachment_field):
        record = request.env[model].browse(record_id).exists()
        if not record or not record[attachment_field]:
            raise request.not_found()
        attachment = record[attachment_field]
        attachment.check_access("read")  # follows the document's own access rules
        stream = request.env["ir.binary"]._get_stream_from(attachment, "raw")
        return stream.get_response(as_attachment=True)


class VnRegisterChainController(http.Controller):
    """The agency's register chain as JSON lines, for offline verification
    (tools/register_chain.py); document administrators only, each export logged."""

    @http.route(
        "/vn_document/register_chain/export", type="http", auth="user", readonly=False
    )
    def export_chain(self, **kwargs):
        env = request.env
        if not env.user.has_group("vn_document_base.group_vn_document_admin"):
            raise request.not_found()
        company = env.company
        env["vn.document.access.log"]._log("export", "res.company", company.id)
        lines = "".join(env["vn.register.chain"]._vn_export_lines(company))
        name = f"register-chain-{company.vn_organ_code or company.id}.jsonl"
        return request.make_response(
            lines,
            headers=[
                ("Content-Type", "application/x-ndjson; charset=utf-8"),
                ("Content-Disposition", http.content_disposition(name)),
            ],
        )
