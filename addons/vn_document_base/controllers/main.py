# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.http import Stream, request

PDF = "application/pdf"


class VnDocumentFileController(http.Controller):
    """Downloads of checked originals, in a read-write transaction so that each is
    logged."""

    @http.route(
        "/vn_document/file/<int:file_id>", type="http", auth="user", readonly=False
    )
    def download(self, file_id, **kwargs):
        """The original, byte for byte (its signatures stay valid): no mark."""
        return self._download("vn.document.file", file_id, "attachment_id")

    @http.route(
        "/vn_document/file_text/<int:text_id>", type="http", auth="user", readonly=False
    )
    def download_text_copy(self, text_id, **kwargs):
        """The searchable copy (OCR) of a stored original, logged like the original;
        not the original, so it carries the print mark (III.6.k)."""
        return self._download("vn.file.text", text_id, "ocr_attachment_id", mark=True)

    @http.route(
        "/vn_document/file/<int:file_id>/print",
        type="http",
        auth="user",
        readonly=False,
    )
    def print_copy(self, file_id, **kwargs):
        """A copy of a PDF original with the print mark on every page (III.6.k), for
        whoever may download the original; logged as printed."""
        file = self._readable(request.env["vn.document.file"], file_id, "attachment_id")
        return self._pdf_response(file._vn_print_data(), file.name)

    def _readable(self, model, record_id, attachment_field):
        record = model.browse(record_id).exists()
        if not record or not record[attachment_field]:
            raise request.not_found()
        # follows the document's own access rules, as for the original
        record[attachment_field].check_access("read")
        return record

    def _download(self, model, record_id, attachment_field, mark=False):
        record = self._readable(request.env[model], record_id, attachment_field)
        attachment = record[attachment_field]
        stream = request.env["ir.binary"]._get_stream_from(attachment, "raw")
        if not mark or stream.mimetype != PDF:
            return stream.get_response(as_attachment=True)
        data = request.env["ir.actions.report"]._vn_mark_pdf(
            stream.read(), attachment.company_id or None
        )
        return self._pdf_response(data, stream.download_name)

    def _pdf_response(self, data, name):
        stream = Stream(
            type="data",
            data=data,
            mimetype=PDF,
            download_name=name,
            size=len(data),
            conditional=False,  # each copy carries its own time: never cached
            etag=False,
        )
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
