# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError


class VnCaseFileLine(models.Model):
    """A document in a case file: a reference to the document where it lives (never a
    copy of its original, Phụ lục VI III.4.e) and its catalogue entry (Mục lục văn
    bản, ND 30 Phụ lục V.IV) read from the document when it was filed.

    Visible exactly when its file is (``vn.document.child.mixin``); being in a file
    never opens the document itself, which keeps its own rules. Only the file's
    services make, renumber and remove lines."""

    _name = "vn.case.file.line"
    _description = "Document in a case file"
    _inherit = "vn.document.child.mixin"
    _vn_parent_field = "case_file_id"
    _order = "case_file_id, ordinal, id"

    case_file_id = fields.Many2one(
        "vn.case.file", required=True, readonly=True, ondelete="restrict", index=True
    )
    company_id = fields.Many2one(
        related="case_file_id.company_id", store=True, index=True
    )
    res_model = fields.Char(string="Document model", required=True, readonly=True)
    res_id = fields.Many2oneReference(
        string="Document", model_field="res_model", required=True, readonly=True
    )
    ordinal = fields.Integer(string="No.", readonly=True, help="DocOrdinal (III.4.b).")
    kind = fields.Selection(
        [
            ("vn.document.incoming", "Incoming"),
            ("vn.document.outgoing", "Outgoing"),
            ("vn.working.paper", "Working paper"),
        ],
        compute="_compute_kind",
    )
    doc_date = fields.Date(string="Date", readonly=True)
    type_name = fields.Char(string="Type", size=100, readonly=True)
    archival_type_code = fields.Char(size=2, readonly=True)
    code_number = fields.Char(string="Number", size=11, readonly=True)
    code_notation = fields.Char(string="Symbol", size=30, readonly=True)
    organ_name = fields.Char(string="Author (issuing agency)", size=200, readonly=True)
    subject = fields.Char(size=500, readonly=True)
    language = fields.Char(size=30, readonly=True)
    page_count = fields.Integer(string="Pages", readonly=True)
    signer_name = fields.Char(string="Signer", readonly=True)
    signer_position = fields.Char(string="Signer's position", readonly=True)
    digitised = fields.Boolean(
        readonly=True, help="The document came on paper: its file is a scan."
    )
    original_file_id = fields.Many2one(
        "vn.document.file",
        string="Original",
        readonly=True,
        help="The stored original of the document (not a copy).",
    )
    note = fields.Char(string="Notes", readonly=True)
    added_by_id = fields.Many2one("res.users", string="Added by", readonly=True)
    file_state = fields.Selection(related="case_file_id.state", string="File status")

    _document_once = models.Constraint(
        "UNIQUE(case_file_id, res_model, res_id)",
        "The document is in this file already.",
    )

    @api.depends("res_model")
    def _compute_kind(self):
        for line in self:
            line.kind = line.res_model

    @api.depends("code_number", "code_notation", "subject")
    def _compute_display_name(self):
        for line in self:
            number = "/".join(p for p in (line.code_number, line.code_notation) if p)
            line.display_name = f"{number} {line.subject or ''}".strip()

    def _vn_document(self):
        self.ensure_one()
        return self.env[self.res_model].browse(self.res_id)

    def action_open_document(self):
        """Open the document itself: its own rules decide (being in a file gives no
        right to it)."""
        self.ensure_one()
        document = self._vn_document()
        if not document.exists() or not document.has_access("read"):
            raise AccessError(_("You may not open this document."))
        return {
            "type": "ir.actions.act_window",
            "res_model": document._name,
            "res_id": document.id,
            "view_mode": "form",
        }

    def action_remove(self):
        """Take this document out of its (open) file."""
        for case in self.case_file_id:
            case.vn_detach(self.filtered(lambda line, c=case: line.case_file_id == c))
        return True
