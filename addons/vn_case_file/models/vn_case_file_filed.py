# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.vn_document_base.tools.legal import legal, vn_local_date

# What still changes on a document handed over to the archive.
UNFROZEN = {"message_follower_ids", "activity_ids", "message_ids"}


class VnCaseFileFiledMixin(models.AbstractModel):
    """A document that can be put in case files: it shows the files it is in (those
    the user may see), gives its catalogue entry, and says whether it is finished."""

    _name = "vn.case.file.filed.mixin"
    _description = "Can be put in case files"

    case_file_line_ids = fields.One2many(
        "vn.case.file.line",
        compute="_compute_case_file_line_ids",
        string="In case files",
    )
    case_file_count = fields.Integer(
        compute="_compute_case_file_line_ids", string="Case files"
    )

    @api.depends_context("uid")
    def _compute_case_file_line_ids(self):
        # Searched as the user: only the files he may see.
        Line = self.env["vn.case.file.line"]
        for doc in self:
            lines = (
                Line.search([("res_model", "=", doc._name), ("res_id", "=", doc.id)])
                if doc.id
                else Line
            )
            doc.case_file_line_ids = lines
            doc.case_file_count = len(lines.case_file_id)

    def _vn_check_not_handed_over(self, vals):
        """A document handed over to the archive in a file no longer changes (only
        its followers and activities)."""
        if self._vn_frozen_in_files(vals, ["handed_over"]):
            raise UserError(
                _(
                    "The document was handed over to the agency archive in a case "
                    "file: it no longer changes."
                )
            )

    def _vn_frozen_in_files(self, vals, states):
        """Whether a client writing ``vals`` changes a document that is in a file in
        one of ``states``."""
        if self.env.su or not set(vals) - UNFROZEN:
            return False
        return bool(
            self.env["vn.case.file.line"]
            .sudo()
            .search_count(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("case_file_id.state", "in", states),
                ],
                limit=1,
            )
        )

    def _vn_case_file_entry(self):
        """The catalogue entry of the document (fields of ``vn.case.file.line``)."""
        raise NotImplementedError

    def _vn_fileable_reason(self):
        """Why the document cannot be filed yet (False: it can)."""
        return False

    def _vn_unfinished_reason(self):
        """Why the file holding it cannot be closed yet (False: finished)."""
        return False

    def _vn_check_fileable(self):
        for doc in self:
            reason = doc._vn_fileable_reason()
            if reason:
                raise UserError(
                    _(
                        "%(doc)s cannot be put in a file: %(why)s",
                        doc=doc.display_name,
                        why=reason,
                    )
                )

    def action_open_case_file_attach(self):
        """ "Lập hồ sơ": put this document in one of the user's open files."""
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "name": _("Put in a case file"),
            "res_model": "vn.case.file.attach.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_res_model": self._name,
                "default_res_id": self.id,
            },
        }

    def action_view_case_files(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Case files"),
            "res_model": "vn.case.file",
            "view_mode": "list,form",
            "domain": [("id", "in", self.case_file_line_ids.case_file_id.ids)],
        }


def _signer(doc):
    return {
        "signer_name": (doc.signer_name or "")[:50] or False,
        "signer_position": (doc.signer_position or "")[:100] or False,
    }


class VnDocumentIncoming(models.Model):
    _name = "vn.document.incoming"
    _inherit = ("vn.document.incoming", "vn.case.file.filed.mixin")

    def write(self, vals):
        self._vn_check_not_handed_over(vals)
        return super().write(vals)

    def _vn_case_file_entry(self):
        self.ensure_one()
        return {
            "doc_date": self.issued_date or vn_local_date(self.arrival_date),
            "type_name": self.document_type_id.name or False,
            "archival_type_code": self.document_type_id.archival_code or False,
            "code_number": self.code_number or False,
            "code_notation": self.code_notation or False,
            "organ_name": (self.organ_name or self.sender_id.name or "")[:200] or False,
            "subject": (self.subject or "")[:500],
            "language": self.language or False,
            "page_count": self.page_count or self.main_file_id.page_count or 0,
            "digitised": self.channel == "paper",
            "original_file_id": self.main_file_id.id or False,
            **_signer(self),
        }

    def _vn_fileable_reason(self):
        if self.state in ("received", "returned"):
            return _("it is not registered")
        if self.state == "recalled":
            return _("it was recalled by its sender")
        return False

    def _vn_unfinished_reason(self):
        if self.state != "done":
            return _("its handling is not finished")
        return False


class VnDocumentOutgoing(models.Model):
    _name = "vn.document.outgoing"
    _inherit = ("vn.document.outgoing", "vn.case.file.filed.mixin")

    def write(self, vals):
        self._vn_check_not_handed_over(vals)
        return super().write(vals)

    def _vn_case_file_entry(self):
        self.ensure_one()
        symbol = self.number_symbol or ""
        notation = symbol.split("/", 1)[1] if "/" in symbol else symbol
        signer = self.signed_by_id or self.signer_id
        return {
            "doc_date": self.issued_date,
            "type_name": self.document_type_id.name or False,
            "archival_type_code": self.document_type_id.archival_code or False,
            "code_number": self.code_number or False,
            "code_notation": notation[:30] or False,
            "organ_name": (self.company_id.name or "")[:200] or False,
            "subject": (self.subject or "")[:500],
            "language": self.language or False,
            "page_count": self.page_count or 0,
            "digitised": False,
            "original_file_id": self.issued_file_id.id or False,
            "signer_name": (signer.name or "")[:50] or False,
            "signer_position": False,
        }

    def _vn_fileable_reason(self):
        if self.state != "issued":
            return _("only an issued document is filed")
        return False

    def _vn_issue(self, key, secret):
        result = super()._vn_issue(key, secret)
        self._vn_file_with_incoming()
        return result

    def _vn_file_with_incoming(self):
        """A reply joins the open files of the incoming document it answers (rule of
        the file, III.4.c)."""
        for doc in self.sudo().filtered("incoming_id"):
            lines = (
                self.env["vn.case.file.line"]
                .sudo()
                .search(
                    [
                        ("res_model", "=", "vn.document.incoming"),
                        ("res_id", "=", doc.incoming_id.id),
                        ("case_file_id.state", "=", "open"),
                    ]
                )
            )
            for case in lines.case_file_id:
                case._vn_add_lines(
                    doc,
                    note=legal(case).env._(
                        "Reply to %(doc)s", doc=doc.incoming_id.display_name
                    ),
                    by_rule=True,
                )
