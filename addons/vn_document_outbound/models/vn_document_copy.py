# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
import logging

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.vn_document_base.tools import ocr
from odoo.addons.vn_document_base.tools.legal import legal, vn_local_date
from odoo.addons.vn_document_base.tools.selection import selection_label
from odoo.addons.vn_document_base.tools.workflow import refuse_service_fields

from ..tools.signing import sign
from .vn_document_outgoing_signing import VN_TZ

_logger = logging.getLogger(__name__)

COPY_FORMS = [("SY", "Sao y"), ("SL", "Sao lục"), ("TrS", "Trích sao")]
COPY_HEADINGS = {"SY": "SAO Y", "SL": "SAO LỤC", "TrS": "TRÍCH SAO"}
# An electronic sao y or sao lục is paper digitised (ND 30 Điều 26): a scan. A trích
# sao re-creates the extract (Điều 25.3): born digital.
SCANNED_FORMS = ("SY", "SL")
# Set by _vn_make only (numbering and signing); never by a client, in create as in
# write.
WORKFLOW_FIELDS = {
    "register_book_id",
    "code_number",
    "number_symbol",
    "copy_date",
    "copied_by_id",
    "file_id",
    "year",
}


class VnDocumentCopy(models.Model):
    """A copy made by the agency (ND 30 Điều 25–27): sao y, sao lục or trích sao, on
    paper or electronic. All forms share one yearly series (01/SY-UBND). An electronic
    copy is the scan or the re-created extract, signed by the agency at the top right of
    page 1 (R-OUT7, R-LV2)."""

    _name = "vn.document.copy"
    _description = "Copy of a document"
    _inherit = ("mail.thread", "vn.document.print.mixin")
    _order = "copy_date desc, id desc"
    _rec_name = "number_symbol"
    _check_company_auto = True
    _vn_owns_files = True

    company_id = fields.Many2one(
        "res.company",
        string="Agency",
        required=True,
        default=lambda self: self.env.company,
    )
    form = fields.Selection(
        COPY_FORMS, string="Form of copy", required=True, default="SY"
    )
    medium = fields.Selection(
        [("electronic", "Electronic (digitised and signed)"), ("paper", "Paper")],
        string="Copy on",
        required=True,
        default="electronic",
    )
    outgoing_id = fields.Many2one(
        "vn.document.outgoing",
        string="Copy of (outgoing)",
        index=True,
        check_company=True,
    )
    incoming_id = fields.Many2one(
        "vn.document.incoming",
        string="Copy of (incoming)",
        index=True,
        check_company=True,
    )
    source_description = fields.Char(
        string="Document copied",
        required=True,
        help="Type, number and symbol, date and issuing agency of the document copied.",
    )
    extract_note = fields.Char(
        string="Part extracted", help="For a trích sao: which part is copied."
    )
    register_book_id = fields.Many2one(
        "vn.register.book", string="Register book", readonly=True, check_company=True
    )
    code_number = fields.Char(string="Number", readonly=True, copy=False)
    number_symbol = fields.Char(
        string="Number and symbol", readonly=True, copy=False, index=True
    )
    copy_date = fields.Datetime(string="Copied on", readonly=True, copy=False)
    copied_by_id = fields.Many2one(
        "res.users", string="Copied by", readonly=True, copy=False
    )
    copy_count = fields.Integer(string="Paper copies", default=1)
    file_id = fields.Many2one("vn.document.file", string="Signed copy", readonly=True)
    legal_value = fields.Selection(related="file_id.legal_value", string="Legal value")
    scan_result = fields.Selection(related="file_id.scan_result")
    scan_reasons = fields.Text(related="file_id.scan_reasons")
    year = fields.Integer(compute="_compute_year", store=True)

    _number_unique = models.UniqueIndex(
        "(company_id, year, number_symbol) WHERE number_symbol IS NOT NULL",
        "This copy number is already used this year.",
    )

    @api.depends("copy_date")
    def _compute_year(self):
        for copy in self:
            copy.year = vn_local_date(copy.copy_date).year if copy.copy_date else 0

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._vn_check_client_values(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._vn_check_client_values(vals)
        if (
            self.filtered("number_symbol")
            and set(vals) - {"message_main_attachment_id"}
            and not self.env.su
        ):
            raise UserError(
                _("A copy is a register entry once numbered: it no longer changes.")
            )
        return super().write(vals)

    def _vn_check_client_values(self, vals):
        refuse_service_fields(self, vals, WORKFLOW_FIELDS)

    def _vn_print_file(self):
        """The signed copy: what the Print button prints with the mark (III.6.k)."""
        return self.file_id

    @api.constrains("file_id")
    def _check_own_file(self):
        for copy in self:
            copy.file_id._vn_check_owned_by(copy)

    @api.onchange("outgoing_id", "incoming_id")
    def _onchange_source(self):
        source = self.outgoing_id or self.incoming_id
        if source and not self.source_description:
            self.source_description = source.display_name

    def action_make(self):
        """A paper copy is numbered at once; an electronic one asks for the file and the
        agency's key."""
        self.ensure_one()
        if self.medium == "paper":
            return self._vn_make()
        return {
            "type": "ir.actions.act_window",
            "name": _("Sign the copy"),
            "res_model": "vn.outgoing.sign.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_mode": "copy", "default_copy_id": self.id},
        }

    def _vn_make(self, key=None, secret=None, filename=None, data=None):
        """Number the copy and, for an electronic one, sign the uploaded scan or
        extract."""
        self.ensure_one()
        if not self.env.user.has_group("vn_document_base.group_vn_document_clerk"):
            raise AccessError(_("The records clerk makes and signs copies."))
        if self.number_symbol:
            raise UserError(_("This copy is already made."))
        if self.medium == "electronic":
            if not (key and data):
                raise UserError(
                    _(
                        "An electronic copy needs the scanned or extracted PDF and the "
                        "agency's key."
                    )
                )
            key = key.with_env(self.env)
            key._check_holder()
            if key.usage != "agency":
                raise UserError(_("A copy is signed with the agency's key."))
        when = datetime.datetime.now(VN_TZ).replace(microsecond=0)
        book = self.env["vn.register.book"].search(
            [("kind", "=", "copy"), ("company_id", "=", self.company_id.id)], limit=1
        )
        if not book:
            raise UserError(_("Open a register book for copies first."))
        values = {
            "register_book_id": book.id,
            "copy_date": fields.Datetime.now(),
            "copied_by_id": self.env.uid,
        }
        if self.medium == "electronic":
            values["file_id"] = self._vn_sign_copy(key, secret, filename, data, when).id
        _number, formatted = book._take_number(when.date())
        agency = self.company_id.vn_short_name or ""
        values.update(
            code_number=formatted,
            number_symbol=f"{formatted}/{self.form}-{agency}".rstrip("-"),
        )
        self.sudo().write(values)
        self._vn_chain_append()  # the register chain, with the signed copy's hash
        self.message_post(
            body=_(
                "%(form)s %(number)s made",
                form=selection_label(self, "form"),
                number=self.number_symbol,
            )
        )
        return self.number_symbol

    def _vn_sign_copy(self, key, secret, filename, data, when):
        """Sign the copy in the order of ND30.md §8: a scan is checked against ND 30
        Phụ lục I (refused or kept with a warning, by the agency's policy), then made
        a two-layer PDF/A by Vietnamese OCR; the agency's signature comes last, over
        the OCR'd bytes, so that it stays valid."""
        scanned = self.form in SCANNED_FORMS
        policy = self.env["vn.file.intake"]._scan_policy(self) if scanned else None
        check = self.env["vn.file.check"].check(filename, data, scan_policy=policy)
        if check["mimetype"] != "application/pdf":
            raise UserError(_("An electronic copy is a PDF."))
        if check["signatures"]:
            raise UserError(
                _(
                    "Upload the scan or the extract itself, not a signed file: a copy "
                    "gets only the agency's signature."
                )
            )
        if scanned:
            data = self._vn_ocr_scan(filename, data)
        text = sign.stamp_text_copy(
            COPY_HEADINGS[self.form], self.company_id.name, when
        )
        with key._open(secret) as signer:
            signed = sign.sign_with_text_stamp(
                data, signer, text, reason=selection_label(self, "form")
            )
        stored = self.env["vn.document.file"]._vn_store_checked(filename, signed, self)
        if stored.legal_value != "certified_copy":
            raise UserError(
                _(
                    "The signed copy does not validate: %(why)s",
                    why=stored.legal_value_reason,
                )
            )
        if scanned:
            self._vn_keep_scan_check(stored, check["scan"])
        return stored

    def _vn_ocr_scan(self, filename, data):
        """The two-layer PDF/A of the scan ``data`` (Vietnamese OCR). A scan that
        already carries a text layer (a scanner's own OCR) is signed as it is: OCR
        again would replace its text."""
        try:
            return ocr.ocr_pdf(data)
        except ocr.OcrError as error:
            if error.code == "already_done_ocr":
                return data
            _logger.warning("OCR of the copy %s failed: %s", filename, error)
            raise UserError(
                _(
                    "%(name)s could not be read into text (OCR: %(code)s); no copy was "
                    "made. Scan the paper again or try once more.",
                    name=filename,
                    code=error.code,
                )
            ) from error

    def _vn_keep_scan_check(self, stored, scan_values):
        """Keep the digitisation check of the scan as uploaded with the signed copy
        (evidence: written by this service only), and say so when it failed."""
        stored.sudo().write(scan_values)
        if scan_values["scan_result"] == "failed":
            self.message_post(
                body=legal(self).env._(
                    "The scan does not meet the digitisation rules of Decree 30 "
                    "(Appendix I), accepted with a warning: %(reasons)s",
                    reasons="; ".join(scan_values["scan_reasons"].splitlines()),
                )
            )
