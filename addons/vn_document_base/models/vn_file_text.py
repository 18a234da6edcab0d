# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# pylint: disable=consider-merging-classes-inherited
import logging
import os
import time
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..tools import ocr, text_extract
from .vn_content_search import content_vector_column

_logger = logging.getLogger(__name__)

PDF = "application/pdf"
IMAGES = ("image/jpeg", "image/png", "image/tiff")
DOCUMENTS = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (
        text_extract.docx_text
    ),
    "application/vnd.oasis.opendocument.text": text_extract.odt_text,
}
PLAIN = ("text/plain", "text/csv")
# A PDF up to this many pages has its text layer read while it is stored (about 0.1 s
# a page of dense text with pdfminer); a longer one in the background.
STORAGE_MAX_PAGES = 20
MAX_ATTEMPTS = 3
RETRY_MINUTES = (2, 15)  # after the first and the second failed attempt
OCR_TIMEOUT = 900  # seconds for one file

FAILURES = [
    ("timeout", "OCR took longer than the time limit"),
    ("input_file", "The file is not an image or PDF that can be read"),
    ("encrypted_pdf", "The PDF is encrypted"),
    ("already_done_ocr", "The PDF already has text that could not be read"),
    ("pdfa_conversion_failed", "The searchable copy could not be made in PDF/A"),
    ("invalid_config", "OCR is not set up on the server (language data missing?)"),
    ("unreadable", "The text of the document cannot be read"),
    ("failed", "OCR failed"),
]

ENABLED_PARAM = "vn_document_base.ocr_enabled"
LANGUAGE_PARAM = "vn_document_base.ocr_language"
JOBS_PARAM = "vn_document_base.ocr_jobs_per_run"
DEFAULT_LANGUAGE = "vie"
DEFAULT_JOBS = 5


class VnFileText(models.Model):
    """The text of one stored original and its searchable copy (issue 16, ND30.md §8).

    Made by the services only: at storage time for a PDF with a text layer, a DOCX,
    an ODT or plain text; by the OCR job for a scan (a PDF without a text layer, an
    image). The original is never changed: OCR gives a new two-layer PDF/A kept as an
    attachment of this record. Visible exactly when the file is (its document's
    access, ``vn.document.child.mixin``); nobody creates, changes or deletes it
    through the client (evidence, SECURITY.md).
    """

    _name = "vn.file.text"
    _description = "Text of a stored file"
    _inherit = "vn.document.child.mixin"
    _vn_parent_field = "file_id"
    _order = "id desc"
    _rec_name = "file_id"

    file_id = fields.Many2one(
        "vn.document.file",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        related="file_id.company_id", store=True, index=True, readonly=True
    )
    state = fields.Selection(
        [
            ("pending", "Waiting for OCR"),
            ("done", "Done"),
            ("failed", "Failed"),
            ("none", "No text to read"),
        ],
        required=True,
        readonly=True,
        default="pending",
        index=True,
    )
    source = fields.Selection(
        [
            ("layer", "PDF text layer"),
            ("ocr", "OCR"),
            ("document", "Document text"),
            ("plain", "Plain text"),
            ("none", "None"),
        ],
        readonly=True,
        default="none",
    )
    text = fields.Text(readonly=True, prefetch=False, help="Pages separated by \\f.")
    page_count = fields.Integer(string="Pages", readonly=True)
    seconds = fields.Float(readonly=True, digits=(16, 2))
    language = fields.Char(string="OCR language", readonly=True)
    attempts = fields.Integer(readonly=True)
    next_attempt_at = fields.Datetime(string="Next attempt", readonly=True)
    failure = fields.Selection(FAILURES, string="Reason", readonly=True)
    failure_detail = fields.Char(string="Details", readonly=True)
    done_at = fields.Datetime(string="Read on", readonly=True)
    ocr_attachment_id = fields.Many2one(
        "ir.attachment", string="Searchable copy", readonly=True, ondelete="restrict"
    )

    _file_unique = models.Constraint(
        "UNIQUE(file_id)", "A stored file has one text record."
    )
    _due_index = models.Index("(next_attempt_at, id) WHERE state = 'pending'")

    @api.private
    def init(self):
        # The searchable words of the text (issue 17): a generated column, current
        # whenever the text is written (OCR, recall), with its GIN index.
        content_vector_column(self.env)

    # ------------------------------------------------------------------
    # Settings
    # ------------------------------------------------------------------
    @api.model
    def _vn_settings(self):
        params = self.env["ir.config_parameter"].sudo()
        try:
            jobs = int(params.get_param(JOBS_PARAM) or DEFAULT_JOBS)
        except ValueError:
            jobs = DEFAULT_JOBS
        return {
            "enabled": params.get_param(ENABLED_PARAM, "True") != "False",
            "language": params.get_param(LANGUAGE_PARAM) or DEFAULT_LANGUAGE,
            "jobs": max(jobs, 1),
        }

    # ------------------------------------------------------------------
    # At storage time (same transaction as the stored original)
    # ------------------------------------------------------------------
    @api.model
    def _vn_take_text(self, file, data):
        """Read the text of the stored original ``file`` (``data``: its bytes) now
        when it has one that can be read cheaply; else leave it to the OCR job. Never
        refuses the file: a document whose text cannot be read is stored all the
        same, and the text record says why."""
        file = file.sudo()
        values = self._vn_read_now(file, data)
        # the same bytes already read by OCR: looked up only for what would need OCR
        # (reading a layer costs less than the look-up)
        same = (
            self._vn_same_content(file)
            if values.get("state") == "pending"
            else self.browse()
        )
        if same:
            values = same._vn_result_values()
        record = self.sudo().create(dict(values, file_id=file.id))
        if same.ocr_attachment_id:
            record.ocr_attachment_id = record._vn_copy_attachment(
                same.ocr_attachment_id.raw
            )
        if record.state == "pending" and self._vn_settings()["enabled"]:
            self._vn_cron()._trigger()
        return record

    def _vn_cron(self):
        return self.env.ref("vn_document_base.ir_cron_vn_file_text_ocr").sudo()

    @api.model
    def _vn_same_content(self, file):
        """The text already read for the same bytes (a checked original passed on to
        another document, the same scan stored twice): no second OCR of the same
        content."""
        return self.sudo().search(
            [
                ("file_id.sha256", "=", file.sha256),
                ("file_id", "!=", file.id),
                ("state", "=", "done"),
            ],
            limit=1,
        )

    def _vn_result_values(self):
        """This record's result, for a file of the same bytes (its searchable copy
        is a new attachment of the same bytes: the filestore keeps them once)."""
        self.ensure_one()
        return {
            "state": "done",
            "source": self.source,
            "text": self.text,
            "page_count": self.page_count,
            "language": self.language,
            "seconds": 0.0,
            "done_at": fields.Datetime.now(),
        }

    @api.model
    def _vn_read_now(self, file, data):
        started = time.perf_counter()
        mimetype = file.mimetype or ""
        values = {"state": "none", "source": "none"}
        try:
            if mimetype == PDF:
                values = self._vn_pdf_layer_values(file, data)
            elif mimetype in IMAGES:
                values = {"state": "pending"}
            elif mimetype in DOCUMENTS:
                values = self._vn_text_values(DOCUMENTS[mimetype](data), "document")
            elif mimetype in PLAIN:
                values = self._vn_text_values(text_extract.plain_text(data), "plain")
        except Exception as error:  # any damage of a stored file
            _logger.info("Text of %s not read: %s", file.name, error)
            values = {
                "state": "failed",
                "failure": "unreadable",
                "failure_detail": str(error)[:500],
            }
        values["seconds"] = time.perf_counter() - started
        return values

    @api.model
    def _vn_pdf_layer_values(self, file, data):
        """The text layer of a short PDF; a PDF without one (a scan) or a long one
        waits for the job (a long one may have a layer: the job reads it first)."""
        if file.page_count > STORAGE_MAX_PAGES:
            return {"state": "pending"}
        try:
            pages = text_extract.pdf_pages_text(data)
        except Exception as error:  # pdfminer on a damaged PDF
            # Ghostscript may still render it: OCR will tell
            _logger.info("No text layer read from %s: %s", file.name, error)
            return {"state": "pending"}
        if not text_extract.has_text_layer(pages):
            return {"state": "pending"}
        return self._vn_text_values(text_extract.PAGE_BREAK.join(pages), "layer")

    @api.model
    def _vn_text_values(self, text, source):
        return {
            "state": "done",
            "source": source,
            "text": text,
            "page_count": len(text_extract.pages_of(text)),
            "done_at": fields.Datetime.now(),
        }

    # ------------------------------------------------------------------
    # The OCR job (ir.cron, woken by _trigger when a scan is stored)
    # ------------------------------------------------------------------
    @api.model
    def _cron_ocr(self):
        """Read the waiting scans, one at a time, each in its own transaction: the
        row is taken with ``FOR UPDATE SKIP LOCKED`` (two workers never take the same
        file), its attempt counted and committed before OCR starts (a worker killed
        by OCR still counts an attempt), the result committed after."""
        settings = self._vn_settings()
        Cron = self.env["ir.cron"]
        if not settings["enabled"]:
            Cron._commit_progress(remaining=0)
            return
        Cron._commit_progress(remaining=min(self._vn_due_count(), settings["jobs"]))
        for _index in range(settings["jobs"]):
            record = self._vn_take_next()
            if not record:
                break
            claim = record._vn_claim()
            Cron._commit_progress()  # the attempt is counted even if OCR kills us
            record._vn_process(claim, settings["language"])
            if Cron._commit_progress(1) <= 0:
                break
        else:
            if self._vn_due_count():
                Cron._commit_progress(remaining=self._vn_due_count())
        self._vn_schedule_retries()

    def _vn_due_domain(self):
        return [
            ("state", "=", "pending"),
            "|",
            ("next_attempt_at", "=", False),
            ("next_attempt_at", "<=", fields.Datetime.now()),
        ]

    @api.model
    def _vn_due_count(self):
        return self.sudo().search_count(self._vn_due_domain())

    @api.model
    def _vn_take_next(self):
        """The next due row, locked for this transaction; rows another worker holds
        are skipped."""
        self.flush_model(["state", "next_attempt_at"])
        self.env.cr.execute(
            SQL(
                "SELECT id FROM vn_file_text WHERE state = 'pending' "
                "AND (next_attempt_at IS NULL OR next_attempt_at <= %s) "
                "ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED",
                fields.Datetime.now(),
            )
        )
        row = self.env.cr.fetchone()
        record = self.sudo().browse(row[0]) if row else self.sudo().browse()
        record.invalidate_recordset()
        return record

    def _vn_claim(self):
        """Count an attempt and hide the row from other workers while it is read
        (until the time limit has passed); returns what OCR needs, read now."""
        self.ensure_one()
        attempt = self.attempts + 1
        self.write(
            {
                "attempts": attempt,
                "next_attempt_at": fields.Datetime.now()
                + timedelta(seconds=OCR_TIMEOUT + self._vn_backoff(attempt)),
            }
        )
        file = self.file_id
        return {
            "data": file.attachment_id.raw if file.attachment_id else None,
            "mimetype": file.mimetype,
            "attempt": attempt,
        }

    @staticmethod
    def _vn_backoff(attempt):
        minutes = RETRY_MINUTES[min(attempt, len(RETRY_MINUTES)) - 1]
        return minutes * 60

    def _vn_process(self, claim, language):
        """Read the claimed file: its layer when it has one (a long PDF), else OCR;
        record the result or the failure."""
        self.ensure_one()
        started = time.perf_counter()
        if self.state != "pending" or not claim["data"]:
            if self.state == "pending":  # the content was destroyed meanwhile
                self.write({"state": "none", "next_attempt_at": False})
            return
        same = self._vn_same_content(self.file_id)
        if same:
            self.write(dict(same._vn_result_values(), next_attempt_at=False))
            if same.ocr_attachment_id:
                self.ocr_attachment_id = self._vn_copy_attachment(
                    same.ocr_attachment_id.raw
                )
            self._vn_tell_owner_ready()
            return
        if claim["attempt"] > MAX_ATTEMPTS:
            # earlier attempts never finished (the worker was killed)
            self._vn_record_failure("failed", "", claim["attempt"])
            return
        try:
            with self.env.cr.savepoint():
                values = self._vn_read_scan(claim, language)
        except ocr.OcrError as error:
            self._vn_record_failure(error.code, error.detail, claim["attempt"])
            return
        except text_extract.TextError as error:
            self._vn_record_failure("unreadable", str(error), claim["attempt"])
            return
        except Exception as error:  # a bug must not stop the other files
            _logger.exception("OCR of %s failed", self.file_id.name)
            self._vn_record_failure("failed", str(error), claim["attempt"])
            return
        values["seconds"] = time.perf_counter() - started
        self.write(dict(values, next_attempt_at=False, failure=False))
        self._vn_tell_owner_ready()

    def _vn_tell_owner_ready(self):
        """The owner document may read what the OCR found (one-click registration
        of a scan): it says so with ``_vn_file_text_ready``."""
        file = self.file_id
        owner = self.env[file.res_model].browse(file.res_id).exists()
        if owner and hasattr(owner, "_vn_file_text_ready"):
            owner.sudo()._vn_file_text_ready(file)

    def _vn_read_scan(self, claim, language):
        data = claim["data"]
        if claim["mimetype"] == PDF:
            try:
                pages = text_extract.pdf_pages_text(data)
            except Exception as error:  # pdfminer on a damaged PDF
                _logger.info("No text layer read from %s: %s", self.file_id.name, error)
                pages = []
            if text_extract.has_text_layer(pages):
                return self._vn_text_values(
                    text_extract.PAGE_BREAK.join(pages), "layer"
                )
            try:
                copy = ocr.ocr_pdf(data, language=language, timeout=OCR_TIMEOUT)
            except ocr.OcrError as error:
                if error.code != "already_done_ocr" or not pages:
                    raise
                # a few characters on a page (a stamp): that is the layer's text
                return self._vn_text_values(
                    text_extract.PAGE_BREAK.join(pages), "layer"
                )
        else:
            copy = ocr.ocr_image(data, language=language, timeout=OCR_TIMEOUT)
        try:
            pages = text_extract.pdf_pages_text(copy)
        except Exception as error:  # a copy pdfminer cannot read
            raise text_extract.TextError(str(error)) from error
        values = self._vn_text_values(text_extract.PAGE_BREAK.join(pages), "ocr")
        values["language"] = language
        values["ocr_attachment_id"] = self._vn_copy_attachment(copy).id
        return values

    def _vn_copy_attachment(self, data):
        """The searchable copy: a new attachment beside the original (never a change
        to it), owned by this text record so that it follows the document's
        access."""
        self.ensure_one()
        stem = os.path.splitext(self.file_id.name or "scan")[0]
        return (
            self.env["ir.attachment"]
            .sudo()
            .with_context(vn_attachment_no_index=True)
            .create(
                {
                    "name": f"{stem}.ocr.pdf",
                    "raw": data,
                    "mimetype": PDF,
                    "res_model": self._name,
                    "res_id": self.id,
                }
            )
        )

    def _vn_record_failure(self, code, detail, attempt):
        """Another attempt later, or after the last one: failed, told on the
        document's chatter and listed for the document administrators."""
        self.ensure_one()
        code = code if code in dict(FAILURES) else "failed"
        _logger.info("OCR of %s failed (%s): %s", self.file_id.name, code, detail)
        values = {"failure": code, "failure_detail": (detail or "")[:500]}
        if attempt < MAX_ATTEMPTS:
            values["next_attempt_at"] = fields.Datetime.now() + timedelta(
                seconds=self._vn_backoff(attempt)
            )
            self.write(values)
            return
        self.write(
            dict(
                values,
                state="failed",
                attempts=min(attempt, MAX_ATTEMPTS),
                next_attempt_at=False,
            )
        )
        self._vn_tell_owner()

    def _vn_tell_owner(self):
        """A note on the owner document's chatter, in the language of the person who
        stored the file."""
        file = self.file_id
        owner = self.env[file.res_model].browse(file.res_id).exists()
        if not owner or not hasattr(owner, "message_post"):
            return
        lang = file.checked_by_id.lang or self.env.lang
        record = self.with_context(lang=lang)
        reason = dict(record._fields["failure"]._description_selection(record.env))
        body = record.env._(
            "The text of %(file)s could not be read after %(attempts)s attempts: "
            "%(reason)s. A document administrator can try again.",
            file=file.name,
            attempts=self.attempts,
            reason=reason.get(self.failure, self.failure),
        )
        owner.sudo().message_post(body=body, subtype_xmlid="mail.mt_note")

    @api.model
    def _vn_schedule_retries(self):
        """Wake the job when the earliest retry is due."""
        nxt = self.sudo().search(
            [("state", "=", "pending"), ("next_attempt_at", "!=", False)],
            order="next_attempt_at",
            limit=1,
        )
        if nxt:
            self._vn_cron()._trigger(nxt.next_attempt_at)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_retry(self):
        """Document administrators only: read the failed files again."""
        if not self.env.user.has_group("vn_document_base.group_vn_document_admin"):
            raise AccessError(_("Only document administrators may try again."))
        self.check_access("read")
        failed = self.filtered(lambda r: r.state == "failed")
        failed.sudo().write(
            {
                "state": "pending",
                "attempts": 0,
                "next_attempt_at": False,
                "failure": False,
                "failure_detail": False,
            }
        )
        if failed:
            self._vn_cron()._trigger()
        return True

    def action_download(self):
        """The searchable copy, through the suite's logged download route."""
        self.ensure_one()
        self.check_access("read")
        if not self.ocr_attachment_id:
            raise UserError(_("This file has no searchable copy."))
        return {
            "type": "ir.actions.act_url",
            "url": f"/vn_document/file_text/{self.id}",
            "target": "self",
        }


class VnDocumentFileText(models.Model):
    _inherit = "vn.document.file"

    text_ids = fields.One2many("vn.file.text", "file_id", readonly=True)

    def _vn_destroy_content(self, reason):
        """A recall destroys the text and the searchable copy with the original."""
        texts = self.sudo().text_ids
        copies = texts.ocr_attachment_id
        texts.write(
            {
                "text": False,
                "state": "none",
                "ocr_attachment_id": False,
                "next_attempt_at": False,
            }
        )
        copies.unlink()
        return super()._vn_destroy_content(reason)
