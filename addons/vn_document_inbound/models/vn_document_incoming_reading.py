# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# pylint: disable=consider-merging-classes-inherited
"""One-click registration (issue 16): what a document says of itself, in its text and
its certificates, pre-fills the incoming form. The clerk confirms or corrects and
registers; nothing is registered by the reading."""

import datetime
import io
import logging
import unicodedata

from markupsafe import Markup, escape

from odoo import _, api, fields, models

from odoo.addons.vn_document_base.models.vn_file_check import FileCheckError
from odoo.addons.vn_document_base.tools import ocr, text_extract
from odoo.addons.vn_document_base.tools.document_reader import read_document

_logger = logging.getLogger(__name__)

# The fields the reader returns, in the order the form shows them; each maps to the
# document's own field.
READ_FIELDS = {
    "code_number": "code_number",
    "code_notation": "code_notation",
    "issued_date": "issued_date",
    "document_type": "document_type_id",
    "subject": "subject",
    "organ_name": "organ_name",
    "signer_name": "signer_name",
    "signer_position": "signer_position",
    "urgency": "urgency_id",
    "page_count": "page_count",
}
# A scan uploaded in the form is read from the OCR of these pages only; the whole
# file gets its searchable copy in the background after it is stored.
OCR_TIMEOUT = 120
IMAGE_TYPES = ("image/jpeg", "image/png", "image/tiff")


def _plain(value):
    """Accent- and case-insensitive form of a value read or typed, to compare."""
    text = str(value or "")
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().split())


class VnDocumentIncoming(models.Model):
    _inherit = "vn.document.incoming"

    reading_result = fields.Json(
        string="Reading kept as evidence",
        readonly=True,
        copy=False,
        help="What the suite read from the main file (text and certificates), where "
        "each value came from, and where it disagrees with the document's metadata.",
    )
    reading_summary = fields.Html(
        string="Read from the document",
        compute="_compute_reading_summary",
        sanitize=False,  # built here from escaped parts only
    )
    reading_disagrees = fields.Boolean(
        string="Read values disagree", compute="_compute_reading_summary"
    )

    def _vn_workflow_field_names(self):
        return super()._vn_workflow_field_names() | {"reading_result"}

    # ------------------------------------------------------------------
    # The form: an upload pre-fills the empty fields
    # ------------------------------------------------------------------
    @api.onchange("upload_ids")
    def _onchange_upload_ids_read(self):
        """Read the first PDF or image uploaded and fill the fields still empty.

        The upload goes through every check first (type, malware, signatures): no
        parser reads a file the checks have not passed. Readable uploads only (those
        the user may read), as when the document is saved."""
        if self.arrival_number or (self.state and self.state != "received"):
            return None
        # onchange is callable by anyone who reads documents; reading (checks, OCR)
        # is work done for the one who receives them
        if not self.env["vn.document.incoming"].has_access("create"):
            return None
        upload = self._vn_first_readable_upload()
        if not upload:
            return None
        try:
            report = self.env["vn.file.check"].check(upload.name, upload.raw)
        except FileCheckError as error:
            return {"warning": {"title": _("File refused"), "message": str(error)}}
        if report["mimetype"] != "application/pdf" and (
            report["mimetype"] not in IMAGE_TYPES
        ):
            return None
        pages, text_source = self._vn_pages_of(upload.raw, report["mimetype"])
        result = self._vn_reading(pages, text_source, report["signatures"])
        result["file"] = report["filename"]
        self.update(self._vn_values_from_reading(result["fields"], only_empty=True))
        self.reading_result = result
        return None

    def _vn_first_readable_upload(self):
        # in a form's onchange the uploads are new records over the real ones
        ids = [upload._origin.id for upload in self.upload_ids if upload._origin]
        return self._vn_readable_uploads(ids)[:1] if ids else self.env["ir.attachment"]

    # ------------------------------------------------------------------
    # A stored main file (upload, e-mail, LGSP): read, fill, compare
    # ------------------------------------------------------------------
    def _adopt_main_file(self, stored):
        had_main_file = bool(self.main_file_id)
        result = super()._adopt_main_file(stored)
        if not had_main_file and self.main_file_id and not self.arrival_number:
            self._vn_read_main_file()
        return result

    def _vn_read_main_file(self):
        """Read the stored main file, fill what is empty and keep the reading, with
        its disagreements with the metadata already there (the edXML header of an
        LGSP package, what the clerk typed), as evidence of the service."""
        self.ensure_one()
        main = self.sudo().main_file_id
        if main.mimetype != "application/pdf" and main.mimetype not in IMAGE_TYPES:
            return
        pages, text_source = self._vn_stored_pages(main)
        if not pages:
            return  # a scan: read once its OCR is done (_vn_file_text_ready)
        signatures = [
            {
                "signer_name": s.signer_name,
                "organisation": s.organisation,
                "title": s.title,
                "signer_kind": s.signer_kind,
                "is_valid": s.is_valid,
            }
            for s in main.signature_ids
        ]
        result = self._vn_reading(
            pages, text_source, signatures, header=self._vn_reading_header()
        )
        result["file"] = main.name
        result["compared_with"] = "edxml" if self.channel == "lgsp" else "entered"
        values = self._vn_values_from_reading(result["fields"], only_empty=True)
        values["reading_result"] = result
        self.sudo().write(values)
        if result["disagreements"]:
            self._vn_note_disagreements(result)

    def _vn_stored_pages(self, main):
        """The pages of the stored main file as its text record holds them (read at
        storage, or by the OCR job for a scan), and their source; nothing yet while
        the scan waits for its OCR."""
        text = main.sudo().text_ids[:1]
        if text.state != "done" or not text.text:
            return [], "none"
        pages = text_extract.pages_of(text.text)
        return _first_and_last(pages), text.source

    def _vn_file_text_ready(self, file):
        """The OCR job read ``file``: a scanned main file of a document not yet
        registered is read now (vn.file.text calls this on the file's owner)."""
        self.ensure_one()
        if file == self.sudo().main_file_id and not self.arrival_number:
            self._vn_read_main_file()

    def _vn_reading_header(self):
        """What the document's metadata already claims, in the reader's terms."""
        self.ensure_one()
        header = {
            "code_number": self.code_number,
            "code_notation": self.code_notation,
            "issued_date": self.issued_date,
            "document_type": self.document_type_id.name,
            "subject": self.subject,
            "organ_name": self.organ_name,
            "signer_name": self.signer_name,
            "urgency": self.urgency_id.edxml_priority if self.urgency_id else None,
        }
        return {key: value for key, value in header.items() if value}

    def _vn_note_disagreements(self, result):
        lines = Markup("").join(
            Markup("<li>%s: %s ≠ %s</li>")
            % (
                self._vn_reading_label(item["field"]),
                item["document"],
                item["header"],
            )
            for item in result["disagreements"]
        )
        intro = (
            _("The edXML package and the document itself disagree:")
            if result.get("compared_with") == "edxml"
            else _("The metadata and the document itself disagree:")
        )
        self.sudo().message_post(
            body=Markup("<p>%s</p><ul>%s</ul>") % (intro, lines),
            subtype_xmlid="mail.mt_note",
        )

    # ------------------------------------------------------------------
    # Reading
    # ------------------------------------------------------------------
    @api.model
    def _vn_pages_of(self, data, mimetype):
        """The pages' text of an upload and where it came from ("layer" or "ocr"):
        the first and last pages, OCR'd when the PDF has no text layer."""
        if mimetype == "application/pdf":
            pages = self._vn_layer_pages(data)
            if text_extract.has_text_layer(pages):
                return pages, "layer"
            source = self._vn_pages_pdf(data)
        else:
            try:
                source = ocr.image_to_pdf(data)
            except ocr.OcrError:
                return [], "none"
        try:
            copy = ocr.ocr_pdf(source, timeout=OCR_TIMEOUT, pdfa=False)
        except ocr.OcrError as error:
            _logger.info("OCR for reading failed: %s", error)
            return [], "none"
        return text_extract.pdf_pages_text(copy), "ocr"

    @api.model
    def _vn_layer_pages(self, data):
        """The text layer of the first and last pages (the header and the
        signature block); the pages between are not needed to read the fields."""
        try:
            return _first_and_last(text_extract.pdf_pages_text(data))
        except Exception:  # a PDF the checks passed but pdfminer cannot read
            _logger.info("No text layer could be read", exc_info=True)
            return []

    @api.model
    def _vn_pages_pdf(self, data):
        """A PDF of the first and last pages of ``data`` (what OCR reads)."""
        import pikepdf

        with pikepdf.open(io.BytesIO(data)) as pdf:
            count = len(pdf.pages)
            keep = sorted({0, count - 1})
            out = pikepdf.new()
            for number in keep:
                out.pages.append(pdf.pages[number])
            buffer = io.BytesIO()
            out.save(buffer)
            return buffer.getvalue()

    @api.model
    def _vn_reading(self, pages, text_source, signatures, header=None):
        """The reader's result, made JSON-safe, with the text's source noted."""
        try:
            reading = read_document(pages, signatures=signatures, header=header)
        except Exception:  # the reader must never stop a receipt
            _logger.exception("Reading the document failed")
            reading = {"fields": {}, "disagreements": []}
        read = {}
        for name, item in reading.get("fields", {}).items():
            if name not in READ_FIELDS:
                continue
            item = dict(item)
            if item.get("source") == "text":
                item["source"] = text_source
            item["value"] = _json_value(item.get("value"))
            read[name] = item
        disagreements = [
            {
                "field": d["field"],
                "document": _json_value(d.get("document")),
                "header": _json_value(d.get("header")),
            }
            for d in reading.get("disagreements", [])
            if d.get("field") in READ_FIELDS
        ]
        return {"fields": read, "disagreements": disagreements}

    def _vn_values_from_reading(self, read, only_empty):
        """The document's values for what was read (fields still empty only, when
        ``only_empty``)."""
        values = {}
        for name, item in read.items():
            field_name = READ_FIELDS[name]
            if only_empty and self[field_name]:
                continue
            value = self._vn_field_value(name, item.get("value"))
            if value:
                values[field_name] = value
        if "organ_name" in values and not self.sender_id:
            sender = self._vn_sender_named(values["organ_name"])
            if sender:
                values["sender_id"] = sender.id
        return values

    def _vn_field_value(self, name, value):
        if value in (None, False, ""):
            return False
        field = self._fields[READ_FIELDS[name]]
        if name == "issued_date":
            return fields.Date.to_date(value)
        if name == "document_type":
            return (
                self.env["vn.document.type"]
                .search([("name", "=ilike", value)], limit=1)
                .id
            )
        if name == "urgency":
            return (
                self.env["vn.document.urgency"]
                .search([("edxml_priority", "=", int(value))], limit=1)
                .id
            )
        if name == "page_count":
            return int(value)
        text = " ".join(str(value).split())
        return text[: field.size] if field.size else text

    def _vn_sender_named(self, name):
        """The correspondent agency whose name is the one read (case and accents
        as written aside)."""
        wanted = _plain(name)
        candidates = self.env["res.partner"].search(
            [("is_company", "=", True), ("name", "=ilike", name)], limit=2
        )
        return candidates.filtered(lambda p: _plain(p.name) == wanted)[:1]

    # ------------------------------------------------------------------
    # What the form shows
    # ------------------------------------------------------------------
    @api.depends("reading_result")
    def _compute_reading_summary(self):
        for doc in self:
            result = doc.reading_result or {}
            doc.reading_disagrees = bool(result.get("disagreements"))
            doc.reading_summary = doc._vn_reading_table(result) if result else False

    def _vn_reading_table(self, result):
        sources = {
            "layer": _("text of the PDF"),
            "ocr": _("OCR of the scan"),
            "certificate": _("digital certificate"),
        }
        against = {d["field"]: d["header"] for d in result.get("disagreements", [])}
        header_label = (
            _("edXML package says")
            if result.get("compared_with") == "edxml"
            else _("Entered")
        )
        rows = []
        for name in READ_FIELDS:
            item = result.get("fields", {}).get(name)
            if not item:
                continue
            differs = name in against
            rows.append(
                Markup(
                    "<tr class='%s'><td>%s</td><td><strong>%s</strong></td>"
                    "<td>%s</td><td><small>%s</small></td><td>%s</td></tr>"
                )
                % (
                    "table-warning" if differs else "",
                    self._vn_reading_label(name),
                    self._vn_display_value(name, item.get("value")),
                    sources.get(item.get("source"), item.get("source") or ""),
                    item.get("evidence") or "",
                    Markup("%s: %s") % (header_label, against[name]) if differs else "",
                )
            )
        if not rows:
            return Markup("<p>%s</p>") % _("Nothing could be read from the file.")
        head = Markup(
            "<p>%s</p><table class='table table-sm o_vn_reading'><thead><tr>"
            "<th>%s</th><th>%s</th><th>%s</th><th>%s</th><th></th></tr></thead>"
        ) % (
            _("Read from %(file)s: check each value before registering.")
            % {"file": result.get("file") or ""},
            _("Field"),
            _("Value read"),
            _("From"),
            _("Line read"),
        )
        return head + Markup("<tbody>%s</tbody></table>") % Markup("").join(rows)

    def _vn_reading_label(self, name):
        return escape(self._fields[READ_FIELDS[name]]._description_string(self.env))

    def _vn_display_value(self, name, value):
        if name == "issued_date" and value:
            return fields.Date.to_date(value).strftime("%d/%m/%Y")
        if name == "urgency" and value not in (None, ""):
            urgency = self.env["vn.document.urgency"].search(
                [("edxml_priority", "=", int(value))], limit=1
            )
            return urgency.name or value
        return value


def _first_and_last(pages):
    """The pages the reader needs: the first (the header) and the last (the
    signature block)."""
    return pages[:1] + pages[-1:] if len(pages) > 1 else pages


def _json_value(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()[:10]
    return value
