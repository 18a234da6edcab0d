# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo import _, api, fields, models
from odoo.exceptions import UserError

FILEABLE = [
    ("vn.document.incoming", "Incoming document"),
    ("vn.document.outgoing", "Outgoing document"),
    ("vn.working.paper", "Working paper"),
]


class VnCaseFileAttachWizard(models.TransientModel):
    """Put documents in a file: from the document's form ("Lập hồ sơ": the document is
    given, the file chosen) or from the file (the file is given, documents chosen).
    Every check is the file's service (``vn_attach``), as the user."""

    _name = "vn.case.file.attach.wizard"
    _description = "Put documents in a case file"

    case_file_id = fields.Many2one(
        "vn.case.file",
        string="Case file",
        domain="[('state', '=', 'open'), ('creator_id', '=', uid)]",
    )
    res_model = fields.Selection(FILEABLE, string="Kind of document")
    res_id = fields.Many2oneReference(model_field="res_model")
    incoming_ids = fields.Many2many(
        "vn.document.incoming",
        string="Incoming documents",
        domain="[('state', 'not in', ('received', 'returned', 'recalled'))]",
    )
    outgoing_ids = fields.Many2many(
        "vn.document.outgoing",
        string="Outgoing documents",
        domain="[('state', '=', 'issued')]",
    )
    paper_ids = fields.Many2many("vn.working.paper", string="Working papers")
    note = fields.Char(string="Notes")

    def _documents(self):
        self.ensure_one()
        documents = []
        if self.res_model and self.res_id:
            documents.append(self.env[self.res_model].browse(self.res_id))
        documents += list(self.incoming_ids) + list(self.outgoing_ids)
        documents += list(self.paper_ids)
        return documents

    def action_confirm(self):
        self.ensure_one()
        if not self.case_file_id:
            raise UserError(_("Choose the case file."))
        documents = self._documents()
        if not documents:
            raise UserError(_("Choose at least one document."))
        self.case_file_id.vn_attach(documents, note=self.note)
        return {"type": "ir.actions.act_window_close"}


class VnCaseFileReopenWizard(models.TransientModel):
    _name = "vn.case.file.reopen.wizard"
    _description = "Reopen a case file"

    case_file_id = fields.Many2one("vn.case.file", required=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.case_file_id.vn_reopen(self.reason)
        return {"type": "ir.actions.act_window_close"}


class VnCaseFileHandoverRefuseWizard(models.TransientModel):
    _name = "vn.case.file.handover.refuse.wizard"
    _description = "Refuse a handover"

    handover_id = fields.Many2one("vn.case.file.handover", required=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.handover_id.vn_refuse(self.reason)
        return {"type": "ir.actions.act_window_close"}


class VnWorkingPaperUploadWizard(models.TransientModel):
    """Upload an internal document or working paper through the suite's file checks
    and put it in the file."""

    _name = "vn.working.paper.upload.wizard"
    _description = "Upload a working paper"

    case_file_id = fields.Many2one("vn.case.file", string="Case file")
    subject = fields.Char(string="Title", required=True, size=500)
    document_type_id = fields.Many2one("vn.document.type", string="Document type")
    doc_date = fields.Date(
        string="Document date", required=True, default=fields.Date.context_today
    )
    code_number = fields.Char(string="Number", size=11)
    code_notation = fields.Char(string="Symbol", size=30)
    organ_name = fields.Char(
        string="Author", size=200, default=lambda self: self.env.company.name
    )
    digitised = fields.Boolean(string="Scan of paper")
    data = fields.Binary(string="File", required=True)
    filename = fields.Char()

    @api.model
    def _vn_paper_values(self, wizard):
        return {
            "subject": wizard.subject,
            "document_type_id": wizard.document_type_id.id or False,
            "doc_date": wizard.doc_date,
            "code_number": wizard.code_number or False,
            "code_notation": wizard.code_notation or False,
            "organ_name": wizard.organ_name or False,
            "digitised": wizard.digitised,
        }

    def action_confirm(self):
        self.ensure_one()
        if self.case_file_id:
            # Refused before anything is stored when the file cannot take it.
            self.case_file_id._check_builder()
            self.case_file_id._check_open()
        paper = self.env["vn.working.paper"]._vn_take_upload(
            self._vn_paper_values(self),
            self.filename or "tai-lieu",
            base64.b64decode(self.data or b""),
        )
        if self.case_file_id:
            self.case_file_id.vn_attach([paper])
        return {"type": "ir.actions.act_window_close"}
