# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import hashlib
import io
import uuid
import zipfile

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.vn_document_base.tools.legal import legal, vn_now
from odoo.addons.vn_document_base.tools.workflow import refuse_service_fields

from ..tools import sip_hoso
from ..tools.archive_records import sip_inputs

STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted to the archive"),
    ("received", "Received by the archive"),
    ("refused", "Refused by the archive"),
]
SERVICE_FIELDS = {
    "state",
    "submitted_by_id",
    "submitted_on",
    "received_by_id",
    "received_on",
    "refuse_reason",
    "package_ids",
}
ARCHIVIST = "vn_case_file.group_vn_document_archivist"
DOC_ADMIN = "vn_document_base.group_vn_document_admin"
DEPARTMENT_HEAD = "vn_document_base.group_vn_document_department_head"


class VnCaseFileHandover(models.Model):
    """A handover batch (nộp lưu) of closed files to the agency archive (ND 30 Điều
    30, Phụ lục V; Luật Lưu trữ 2024): the catalogue of the files handed over, the
    handover record, and one electronic ``SIP_hoso`` package per file (TT 05/2025),
    built and checked by the suite when the batch is submitted, checked again by the
    archive when it receives it."""

    _name = "vn.case.file.handover"
    _description = "Handover to the agency archive"
    _inherit = ("mail.thread", "mail.activity.mixin")
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Block of records",
        required=True,
        help="Tên khối tài liệu nộp lưu, e.g. 'Hồ sơ Phòng Kinh tế năm 2026'.",
    )
    company_id = fields.Many2one(
        "res.company",
        string="Agency",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Unit handing over",
        default=lambda self: self.env.user.employee_ids[:1].department_id,
    )
    state = fields.Selection(
        STATES, string="Status", default="draft", readonly=True, tracking=True
    )
    case_file_ids = fields.Many2many(
        "vn.case.file",
        string="Files",
        domain="[('state', '=', 'closed'), ('handover_id', '=', False)]",
        check_company=True,
    )
    condition = fields.Char(
        string="Condition of the records",
        default="Tài liệu điện tử, toàn vẹn, đã kiểm tra mã băm SHA-256",
    )
    package_ids = fields.One2many(
        "vn.case.file.package", "handover_id", string="Packages", readonly=True
    )
    file_count = fields.Integer(string="Number of files", compute="_compute_totals")
    computer_file_count = fields.Integer(
        string="Computer files", compute="_compute_totals"
    )
    start_date = fields.Date(compute="_compute_totals", string="From")
    end_date = fields.Date(compute="_compute_totals", string="To")
    submitted_by_id = fields.Many2one(
        "res.users", string="Handed over by", readonly=True
    )
    submitted_on = fields.Datetime(string="Handed over on", readonly=True)
    received_by_id = fields.Many2one("res.users", string="Received by", readonly=True)
    received_on = fields.Datetime(readonly=True)
    refuse_reason = fields.Text(readonly=True)

    @api.depends("case_file_ids.doc_total", "case_file_ids.start_date")
    def _compute_totals(self):
        for batch in self:
            files = batch.sudo().case_file_ids
            batch.file_count = len(files)
            # The computer files handed over: every document's original.
            batch.computer_file_count = sum(files.mapped("doc_total"))
            starts = [d for d in files.mapped("start_date") if d]
            ends = [d for d in files.mapped("end_date") if d]
            batch.start_date = min(starts) if starts else False
            batch.end_date = max(ends) if ends else False

    # ------------------------------------------------------------------
    # Doors
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            refuse_service_fields(self, vals, SERVICE_FIELDS, {"state": "draft"})
        batches = super().create(vals_list)
        batches._check_files_readable()
        return batches

    def write(self, vals):
        refuse_service_fields(self, vals, SERVICE_FIELDS)
        if not self.env.su and set(vals) - {"message_follower_ids"}:
            if any(batch.state not in ("draft", "refused") for batch in self):
                raise UserError(_("A submitted handover no longer changes."))
        result = super().write(vals)
        if "case_file_ids" in vals:
            self._check_files_readable()
        return result

    def _check_files_readable(self):
        """A batch names only files its author may read (its totals are read as the
        service)."""
        if not self.env.su:
            files = self.sudo().case_file_ids
            self.env["vn.case.file"].browse(files.ids).check_access("read")

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(batch.state != "draft" for batch in self):
            raise UserError(_("A submitted handover is never deleted."))

    # ------------------------------------------------------------------
    # Submitting
    # ------------------------------------------------------------------
    def _check_may_hand_over(self, case):
        user = self.env.user
        case.check_access("read")
        if case.creator_id == user or user.has_group(DOC_ADMIN):
            return
        if user.has_group(DEPARTMENT_HEAD) and (
            case.department_id in user.employee_ids.department_id
        ):
            return
        raise AccessError(
            _(
                "The file %(file)s is handed over by its creator or the head of its "
                "unit.",
                file=case.display_name,
            )
        )

    def action_submit(self):
        """Hand the files over: every file closed and kept 5 years or more; one
        SIP_hoso package per file is built, validated against the schemas and kept;
        the files are frozen while the archive checks them."""
        self.ensure_one()
        self.check_access("write")
        if self.state not in ("draft", "refused"):
            raise UserError(_("This handover was submitted already."))
        files = self.case_file_ids
        if not files:
            raise UserError(_("Choose the files to hand over."))
        for case in files:
            self._check_may_hand_over(case)
            if case.state != "closed":
                raise UserError(
                    _(
                        "The file %(file)s is not closed: close it before handing "
                        "it over.",
                        file=case.display_name,
                    )
                )
            if case.handover_id and case.handover_id != self:
                raise UserError(
                    _(
                        "The file %(file)s is in another handover.",
                        file=case.display_name,
                    )
                )
            if case.confidence_level == "02" and not case.paper_file_code:
                raise UserError(
                    _(
                        "The file %(file)s holds scans of paper documents: give the "
                        "code of the paper file (TT 05/2025) before handing it over.",
                        file=case.display_name,
                    )
                )
            if not case.retention_id.handed_over:
                raise UserError(
                    _(
                        "The file %(file)s is kept less than 5 years: it stays with "
                        "the unit (ND 30 Điều 31).",
                        file=case.display_name,
                    )
                )
        sudo = self.sudo()
        sudo.package_ids.unlink()
        for index, case in enumerate(files.sudo(), start=1):
            sudo._vn_make_package(case, index)
        files.sudo().write({"handover_id": self.id})
        sudo.write(
            {
                "state": "submitted",
                "submitted_by_id": self.env.uid,
                "submitted_on": fields.Datetime.now(),
                "refuse_reason": False,
            }
        )
        for case in files.sudo():
            case._trail(
                legal(case).env._(
                    "Handed over to the agency archive: %(batch)s", batch=self.name
                )
            )
        # Read as the service: the archivists may belong to other agencies too.
        archivists = self.company_id.sudo()._vn_users_of(ARCHIVIST)
        for archivist in archivists[:1]:
            sudo.activity_schedule(
                act_type_xmlid="mail.mail_activity_data_todo",
                user_id=archivist.id,
                summary=_("Receive the handover %(batch)s", batch=self.name),
            )
        return True

    def _vn_make_package(self, case, index):
        """Build, validate and keep the SIP_hoso package of one file (as the
        service)."""
        created = vn_now()
        sip_file, documents = sip_inputs(legal(case))
        try:
            name, data = sip_hoso.build_sip_hoso(
                sip_file,
                documents,
                agency_name=case.company_id.name,
                agency_code=case.company_id.vn_organ_code or "",
                created=created,
                package_uuid=uuid.uuid4(),
            )
        except sip_hoso.SipError as error:
            raise UserError(
                _(
                    "The package of the file %(file)s cannot be built: %(why)s",
                    file=case.display_name,
                    why=error,
                )
            ) from error
        # Validated by the builder (schemas and checksums) before it is returned;
        # the archive checks the kept copy again when it receives the batch.
        # TT 05/2025: the ZIP is named by its sequence number in the submission,
        # then the package (a package name may itself start with digits).
        name = f"{index:03d}{name}"
        package = self.env["vn.case.file.package"].create(
            {
                "handover_id": self.id,
                "case_file_id": case.id,
                "name": name,
                "sha256": hashlib.sha256(data).hexdigest(),
                "size": len(data),
            }
        )
        package._vn_keep(data)
        return package

    # ------------------------------------------------------------------
    # The archive's side
    # ------------------------------------------------------------------
    def _check_archivist(self):
        if not self.env.user.has_group(ARCHIVIST):
            raise AccessError(_("Only the agency archive receives handovers."))
        self.check_access("read")

    def action_receive(self):
        """The archive receives the batch after checking every package again
        (schemas and checksums); the files and their documents are then frozen as
        handed over."""
        self.ensure_one()
        self._check_archivist()
        if self.state != "submitted":
            raise UserError(_("Only a submitted handover is received."))
        problems = []
        for package in self.sudo().package_ids:
            problems += [f"{package.name}: {p}" for p in package._vn_check()]
        if problems:
            raise UserError(
                _("The packages do not pass the checks:")
                + "\n- "
                + "\n- ".join(problems[:10])
            )
        files = self.sudo().case_file_ids
        files.write({"state": "handed_over"})
        for case in files:
            case._trail(legal(case).env._("Received by the agency archive"))
        self.sudo().write(
            {
                "state": "received",
                "received_by_id": self.env.uid,
                "received_on": fields.Datetime.now(),
            }
        )
        self.sudo().activity_ids.action_feedback(_("Received"))
        return True

    @api.private
    def vn_refuse(self, reason):
        """The archive refuses the batch (with the reason): the files are released,
        still closed, and the batch may be corrected and submitted again."""
        self.ensure_one()
        self._check_archivist()
        if self.state != "submitted":
            raise UserError(_("Only a submitted handover is refused."))
        if not (reason or "").strip():
            raise UserError(_("Give the reason for refusing the handover."))
        self.sudo().case_file_ids.write({"handover_id": False})
        self.sudo().write({"state": "refused", "refuse_reason": reason.strip()})
        # The archive reads the batch only: the note is posted as the service.
        self.sudo().message_post(body=_("Refused: %(why)s", why=reason.strip()))
        self.sudo().activity_ids.action_feedback(_("Refused"))
        return True

    def action_open_refuse(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Refuse the handover"),
            "res_model": "vn.case.file.handover.refuse.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_handover_id": self.id},
        }

    def action_download_packages(self):
        """All packages of the batch in one ZIP (one SIP_hoso zip per file)."""
        self.ensure_one()
        self.check_access("read")
        if not self.package_ids:
            raise UserError(_("The handover has no package yet."))
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as bundle:
            for package in self.package_ids.sudo():
                bundle.writestr(package.name, package._vn_data())
        Attachment = self.env["ir.attachment"].sudo()
        name = f"nop-luu-{self.id}.zip"
        Attachment.search(
            [
                ("res_model", "=", self._name),
                ("res_id", "=", self.id),
                ("name", "=", name),
            ]
        ).unlink()
        attachment = Attachment.create(
            {
                "name": name,
                "raw": buffer.getvalue(),
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/zip",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "download",
        }


class VnCaseFilePackage(models.Model):
    """The SIP_hoso package of one file in a handover: evidence made by the suite
    only, visible exactly when its handover is."""

    _name = "vn.case.file.package"
    _description = "Archive package of a file"
    _inherit = "vn.document.child.mixin"
    _vn_parent_field = "handover_id"
    _order = "handover_id, name"

    handover_id = fields.Many2one(
        "vn.case.file.handover", required=True, readonly=True, ondelete="cascade"
    )
    case_file_id = fields.Many2one("vn.case.file", readonly=True, required=True)
    company_id = fields.Many2one(related="handover_id.company_id", store=True)
    name = fields.Char(string="Package", readonly=True, required=True)
    sha256 = fields.Char(string="SHA-256", readonly=True, required=True)
    size = fields.Integer(string="Size (bytes)", readonly=True)
    attachment_id = fields.Many2one("ir.attachment", readonly=True)

    def _vn_keep(self, data):
        self.ensure_one()
        self.attachment_id = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": self.name,
                    "raw": data,
                    "res_model": self._name,
                    "res_id": self.id,
                    "mimetype": "application/zip",
                }
            )
        )

    def _vn_data(self):
        self.ensure_one()
        return self.sudo().attachment_id.raw or b""

    def _vn_check(self):
        """Problems of the kept package: its checksum, then its own checks."""
        data = self._vn_data()
        if hashlib.sha256(data).hexdigest() != self.sha256:
            return [_("the package changed since it was built (SHA-256)")]
        return sip_hoso.validate_sip(data)

    def action_download(self):
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self.sudo().attachment_id.id}?download=true",
            "target": "download",
        }
