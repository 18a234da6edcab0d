# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.vn_document_base.tools.legal import legal, vn_local_date
from odoo.addons.vn_document_base.tools.workflow import refuse_service_fields

SERVICE_FIELDS = {
    "file_ids",
    "main_file_id",
    "creator_id",
    "trail_ids",
    "file_catalog",
    "case_file_line_ids",
}


class VnWorkingPaper(models.Model):
    """An internal document or working paper (tài liệu nội bộ, tài liệu tham khảo,
    bản thảo) of a case file: uploaded through the suite's file checks, kept as an
    original of its own, referenced by the files it is put in."""

    _name = "vn.working.paper"
    _description = "Working paper"
    _inherit = ("vn.document.mixin", "vn.case.file.filed.mixin")
    _order = "doc_date desc, id desc"
    _vn_catalog_date_field = "doc_date"
    _vn_list_fields = frozenset(
        {
            "subject",
            "doc_date",
            "document_type_id",
            "code_number",
            "code_notation",
            "organ_name",
            "creator_id",
            "department_id",
            "page_count",
        }
    )

    doc_date = fields.Date(
        string="Document date",
        required=True,
        default=lambda self: vn_local_date(fields.Datetime.now()),
    )
    code_number = fields.Char(string="Number", size=11)
    code_notation = fields.Char(string="Symbol", size=30)
    organ_name = fields.Char(
        string="Author",
        size=200,
        default=lambda self: self.env.company.name,
        help="The agency, unit or person who made the document.",
    )
    signer_name = fields.Char(string="Signer", size=50)
    signer_position = fields.Char(string="Signer's position", size=100)
    digitised = fields.Boolean(
        string="Scan of paper", help="The file is a scan of a paper document."
    )
    creator_id = fields.Many2one(
        "res.users",
        string="Uploaded by",
        default=lambda self: self.env.user,
        readonly=True,
        index=True,
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Unit",
        default=lambda self: self.env.user.employee_ids[:1].department_id,
    )
    file_ids = fields.One2many(
        "vn.document.file",
        "res_id",
        string="Files",
        domain=[("res_model", "=", "vn.working.paper")],
        readonly=True,
    )
    main_file_id = fields.Many2one("vn.document.file", string="File", readonly=True)
    page_count = fields.Integer(related="main_file_id.page_count", string="Pages")

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            refuse_service_fields(self, vals, SERVICE_FIELDS)
        return super().create(vals_list)

    def write(self, vals):
        refuse_service_fields(self, vals, SERVICE_FIELDS)
        # Closed or handed over: a working paper is frozen with its file.
        if self._vn_frozen_in_files(vals, ["closed", "handed_over"]):
            raise UserError(
                _("The working paper is in a closed file: it no longer changes.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_filed(self):
        if (
            self.env["vn.case.file.line"]
            .sudo()
            .search_count([("res_model", "=", self._name), ("res_id", "in", self.ids)])
        ):
            raise UserError(_("A working paper that is in a file is never deleted."))

    def _vn_is_registered(self):
        return False

    @api.model
    def _vn_correctable_fields(self):
        return set()

    @api.model
    def _vn_take_upload(self, values, filename, data):
        """Create a working paper from one uploaded file: the file goes through the
        suite's checks (type, malware, signatures) and is kept as the original; when
        the file is refused, nothing is created."""
        if not data:
            raise UserError(_("Choose the file of the working paper."))
        paper = self.create(values)
        stored = self.env["vn.file.intake"].take_in([(filename, data)], paper)
        paper.sudo().main_file_id = stored[:1]
        paper._trail(legal(paper).env._("File checked: %(name)s", name=filename))
        return paper

    def _vn_fileable_reason(self):
        if not self.main_file_id:
            return _("it has no checked file")
        return False

    def _vn_case_file_entry(self):
        self.ensure_one()
        return {
            "doc_date": self.doc_date,
            "type_name": self.document_type_id.name or False,
            "archival_type_code": self.document_type_id.archival_code or False,
            "code_number": self.code_number or False,
            "code_notation": self.code_notation or False,
            "organ_name": self.organ_name or False,
            "subject": (self.subject or "")[:500],
            "language": self.language or False,
            "page_count": self.main_file_id.page_count or 0,
            "digitised": self.digitised,
            "original_file_id": self.main_file_id.id or False,
            "signer_name": self.signer_name or False,
            "signer_position": self.signer_position or False,
        }
