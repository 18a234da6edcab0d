# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import hashlib

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools.workflow import refuse_service_fields
from .vn_document_signature import LEGAL_VALUES

PDF = "application/pdf"

# The digitisation check of a scan (R-IN7): evidence set only by vn.file.check
SCAN_FIELDS = (
    "scan_result",
    "scan_format",
    "scan_pdf_version",
    "scan_colour_depth",
    "scan_dpi",
    "scan_paper",
    "scan_reasons",
)


class VnDocumentFile(models.Model):
    """A stored original that passed the file checks.

    The content lives in an ``ir.attachment`` owned by the document it belongs
    to (so attachment access follows the document's access); this record keeps
    what the checks found and the SHA-256 that makes the original
    tamper-evident (R-OUT9, R-SEC3).
    """

    _name = "vn.document.file"
    _description = "Checked original file"
    _inherit = "vn.document.attached.mixin"
    _order = "id"
    _check_company_auto = True

    name = fields.Char(string="File name", required=True, readonly=True)
    attachment_id = fields.Many2one(
        "ir.attachment",
        readonly=True,
        ondelete="restrict",
        index=True,
        help="Empty once the content was destroyed (a recalled incoming document); the "
        "record stays.",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        default=lambda self: self.env.company,
    )
    mimetype = fields.Char(string="Real type", readonly=True)
    file_size = fields.Integer(string="Size (bytes)", readonly=True)
    sha256 = fields.Char(string="SHA-256", required=True, readonly=True, index=True)
    scan_engine = fields.Char(string="Malware scanner", readonly=True)
    checked_at = fields.Datetime(
        string="Checked on", readonly=True, default=fields.Datetime.now
    )
    checked_by_id = fields.Many2one(
        "res.users",
        string="Checked by",
        readonly=True,
        default=lambda self: self.env.user,
    )
    page_count = fields.Integer(string="Pages", readonly=True)
    signature_ids = fields.One2many(
        "vn.document.signature", "file_id", string="Signatures", readonly=True
    )
    legal_value = fields.Selection(LEGAL_VALUES, string="Legal value", readonly=True)
    legal_value_reason = fields.Char(string="Why", readonly=True)
    integrity_checked_at = fields.Datetime(
        string="Integrity last verified", readonly=True
    )
    integrity_ok = fields.Boolean(
        string="Integrity intact", readonly=True, default=True
    )
    destroyed_on = fields.Datetime(string="Content destroyed on", readonly=True)
    destroyed_reason = fields.Char(string="Why destroyed", readonly=True)
    # A scan judged by ND 30 Phụ lục I (vn.file.check._check_scan); empty otherwise
    scan_result = fields.Selection(
        [
            ("ok", "Meets the digitisation rules"),
            ("failed", "Fails the digitisation rules"),
        ],
        string="Digitisation check",
        readonly=True,
        help="A scan is checked against Decree 30 Appendix I: PDF 1.4 or later, "
        "colour, at least 200 dpi, 100 % scale. Empty: not a scan.",
    )
    scan_format = fields.Selection(
        [("pdf", "PDF"), ("image", "Image")], string="Scan format", readonly=True
    )
    scan_pdf_version = fields.Char(string="PDF version", readonly=True)
    scan_colour_depth = fields.Integer(string="Colour depth (bit)", readonly=True)
    scan_dpi = fields.Integer(
        string="Resolution (dpi)",
        readonly=True,
        help="The lowest resolution of the pages' images as placed on the page.",
    )
    scan_paper = fields.Char(string="Paper size", readonly=True)
    scan_reasons = fields.Text(string="Digitisation warnings", readonly=True)

    # Visibility: a checked file is visible exactly when its document is (R-SEC3),
    # through vn.document.attached.mixin. Nobody creates, changes or deletes these
    # records but the services below (evidence, SECURITY.md).

    @api.model_create_multi
    def create(self, vals_list):
        self.browse().check_access("create")  # who may not create hears that first
        for vals in vals_list:
            refuse_service_fields(self, vals, SCAN_FIELDS)
        return super().create(vals_list)

    def write(self, vals):
        self.check_access("write")
        refuse_service_fields(self, vals, SCAN_FIELDS)
        return super().write(vals)

    def _vn_check_owned_by(self, owner):
        """Raise unless every file of ``self`` is one of ``owner``'s own (a link from a
        document to a file must never reach another document's file or another
        agency's)."""
        owner.ensure_one()
        for record in self.sudo():
            if (record.res_model, record.res_id) != (owner._name, owner.id) or (
                "company_id" in owner._fields
                and record.company_id != owner.sudo().company_id
            ):
                raise AccessError(
                    _("%(file)s is not a file of this document.", file=record.name)
                )

    def _vn_preview_data(self, owner):
        """The content of this file for ``owner``'s preview, as the user: empty unless
        the file is
        ``owner``'s own and the user may read ``owner`` (previews never read as
        superuser)."""
        self.ensure_one()
        owner_id = owner._origin.id
        if not owner_id or not self.attachment_id:
            return False
        record = self.sudo()
        if (record.res_model, record.res_id) != (owner._name, owner_id):
            return False
        if not owner._origin.has_access("read"):
            return False
        return record.attachment_id.datas

    # ------------------------------------------------------------------
    # Storing (the only way a checked file comes to exist)
    # ------------------------------------------------------------------
    @api.model
    def _vn_store_checked(self, filename, data, owner, scan=False):
        """Check ``data`` and store it as an original of ``owner``.

        Raises ``UserError`` with the reasons (in the user's language) and
        stores nothing when a check fails. ``scan``: ``data`` is a scan, judged by
        ND 30 Phụ lục I under the agency's policy (``vn.file.intake``).
        """
        return self.env["vn.file.intake"].take_in([(filename, data)], owner, scan=scan)

    @api.model
    def _vn_store(self, filename, data, owner, report, attachment=None):
        """Store ``data`` with the report ``vn.file.check.check`` gave for it (private:
        never reachable by RPC, so a report cannot be made up by a client).

        ``attachment``: the upload ``data`` was read from, in this transaction; it
        becomes the original itself instead of a copy of the same bytes (see
        ``_vn_adopt_upload``)."""
        owner.ensure_one()
        filename = report.get("filename") or filename
        if attachment:
            attachment = self._vn_adopt_upload(
                attachment, data, filename, owner, report
            )
        else:
            attachment = (
                self.env["ir.attachment"]
                .sudo()
                # the checked bytes as they are: Odoo would shrink a large image
                .with_context(image_no_postprocess=True)
                .create(
                    {
                        "name": filename,
                        "raw": data,
                        "res_model": owner._name,
                        "res_id": owner.id,
                        "mimetype": report["mimetype"],
                    }
                )
            )
        company = (
            owner.sudo().company_id
            if "company_id" in owner._fields and owner.sudo().company_id
            else self.env.company
        )
        stored = self.sudo().create(
            {
                "name": filename,
                "attachment_id": attachment.id,
                "checked_by_id": self.env.uid,
                "res_model": owner._name,
                "res_id": owner.id,
                "company_id": company.id,
                "mimetype": report["mimetype"],
                "file_size": report["size"],
                "sha256": report["sha256"],
                "scan_engine": report["scan_engine"],
                "page_count": report["page_count"],
                "legal_value": report["legal_value"],
                "legal_value_reason": report["legal_value_reason"],
                **report.get("scan", {}),
                "signature_ids": [
                    fields.Command.create(dict(sig, sequence=index))
                    for index, sig in enumerate(report["signatures"], start=1)
                ],
            }
        )
        # its text: read now when cheap, else by the OCR job (issue 16)
        self.env["vn.file.text"]._vn_take_text(stored, data)
        return stored.with_env(self.env)

    @api.model
    def _vn_adopt_upload(self, attachment, data, filename, owner, report):
        """Make the upload ``attachment`` the stored original of ``owner``.

        ``data`` was read from it in this transaction and checked; its SHA-1 must still
        be the attachment's checksum (the name of its file in the filestore), so the
        original is exactly the checked bytes. Everything a client could set when
        uploading (publication, token, URL, links) is reset, as on a fresh copy. A
        concurrent change of the upload makes this write fail (repeatable read)."""
        attachment = attachment.sudo()
        attachment.ensure_one()
        if attachment.type != "binary" or attachment.checksum != (
            attachment._compute_checksum(data)
        ):
            # the checked bytes are not the upload's content (a "can't happen")
            raise UserError(_("%(name)s: the file content is missing.", name=filename))
        values = {
            "name": filename,
            "res_model": owner._name,
            "res_id": owner.id,
            "res_field": False,
            "mimetype": report["mimetype"],
            "public": False,
            "access_token": False,
        }
        if attachment.url:
            values["url"] = False
        attachment.write(values)
        return attachment

    def _vn_copy_to(self, owner):
        """Keep this checked original also as an original of ``owner``, with the results
        of its checks: the same bytes are not scanned and validated a second time."""
        self.ensure_one()
        data = self.attachment_id.sudo().raw or b""
        if hashlib.sha256(data).hexdigest() != self.sha256:
            raise UserError(
                _(
                    "%(name)s no longer matches its SHA-256 and cannot be passed on.",
                    name=self.name,
                )
            )
        report = {
            "mimetype": self.mimetype,
            "size": self.file_size,
            "sha256": self.sha256,
            "scan_engine": self.scan_engine,
            "page_count": self.page_count,
            "legal_value": self.legal_value,
            "legal_value_reason": self.legal_value_reason,
            "scan": {name: self[name] for name in SCAN_FIELDS},
            "signatures": [
                {
                    key: value
                    for key, value in sig.copy_data()[0].items()
                    if key not in ("file_id", "sequence")
                }
                for sig in self.signature_ids
            ],
        }
        return self._vn_store(self.name, data, owner, report).with_env(self.env)

    def _vn_destroy_content(self, reason):
        """Destroy the stored content and keep this record as evidence (a recall, ND 30
        Phụ lục VI III.8.b). Private: only a recall, after its own checks, destroys
        content."""
        for record in self.filtered("attachment_id"):
            attachment = record.attachment_id
            record.sudo().write(
                {
                    "attachment_id": False,
                    "destroyed_on": fields.Datetime.now(),
                    "destroyed_reason": reason,
                }
            )
            attachment.sudo().unlink()

    def _vn_verify_integrity(self):
        """Recompute the SHA-256 of each stored original; True when all match."""
        ok = True
        for record in self.filtered("attachment_id"):
            intact = record._vn_disk_state() == "ok"
            record.sudo().write(
                {"integrity_ok": intact, "integrity_checked_at": fields.Datetime.now()}
            )
            ok = ok and intact
        return ok

    def _vn_disk_state(self):
        """ "ok", "mismatch" (the content's SHA-256 is not the recorded one) or
        "missing" (the filestore has no file) for one stored original. Reads the
        filestore path itself: ``raw`` reads a missing file as empty."""
        self.ensure_one()
        attachment = self.attachment_id.sudo()
        if attachment.store_fname:
            path = attachment._full_path(attachment.store_fname)
            try:
                with open(path, "rb") as f:
                    digest = hashlib.file_digest(f, "sha256").hexdigest()
            except FileNotFoundError:
                return "missing"
        else:  # kept in the database (ir_attachment.location = db)
            digest = hashlib.sha256(attachment.raw or b"").hexdigest()
        return "ok" if digest == self.sha256 else "mismatch"

    def _vn_rescan(self):
        """Scan the stored content of these originals for malware again (before they
        leave the agency, R-OUT11); ``FileCheckError`` on the first one not clean."""
        for record in self.filtered("attachment_id"):
            self.env["vn.file.check"]._scan(
                record.name, record.attachment_id.sudo().raw
            )

    def action_verify_integrity(self):
        """Any reader may ask; the check itself only records what it found."""
        self.check_access("read")
        ok = self._vn_verify_integrity()
        message = (
            _("The stored originals are intact.")
            if ok
            else _("A stored original does not match its SHA-256 any more.")
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": message,
                "type": "success" if ok else "danger",
                "sticky": not ok,
            },
        }

    def action_download(self):
        self.ensure_one()
        self.check_access("read")
        if not self.attachment_id:
            raise UserError(
                _(
                    "The content of this file was destroyed on %(date)s: %(reason)s",
                    date=self.destroyed_on,
                    reason=self.destroyed_reason,
                )
            )
        return {
            "type": "ir.actions.act_url",
            "url": f"/vn_document/file/{self.id}",
            "target": "self",
        }

    def _vn_print_data(self):
        """A copy of this PDF original with the print mark on every page (ND 30 Phụ
        lục VI III.6.k), logged as printed. The caller has checked that the user may
        download the original; the original's bytes are only read."""
        self.ensure_one()
        self._vn_check_printable()
        data = self.env["ir.actions.report"]._vn_mark_pdf(
            self.attachment_id.sudo().raw, self.company_id
        )
        self.env["vn.document.access.log"]._log(
            "print", self.res_model, self.res_id, self
        )
        return data

    def _vn_check_printable(self):
        if not self.attachment_id:
            raise UserError(_("The content of this file was destroyed."))
        if self.mimetype != PDF:
            raise UserError(
                _(
                    "The main file %(name)s is not a PDF (%(type)s): only a PDF can "
                    "be printed with the mark. Download the original instead.",
                    name=self.name,
                    type=self.mimetype or "?",
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_original(self):
        raise UserError(
            _("A checked original is kept with its document and cannot be deleted.")
        )
