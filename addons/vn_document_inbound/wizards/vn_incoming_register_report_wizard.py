# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

from odoo.addons.vn_document_base.tools.legal import legal
from odoo.addons.vn_document_base.tools.selection import selection_label

# The 10 columns of the incoming register (ND 30, Phụ lục IV) and the 7 of the follow-up
# register.
REGISTER_COLUMNS = [
    ("arrival_date", "Ngày đến"),
    ("arrival_number", "Số đến"),
    ("author", "Tác giả"),
    ("symbol", "Số, ký hiệu văn bản"),
    ("issued_date", "Ngày tháng văn bản"),
    ("type_subject", "Tên loại và trích yếu nội dung"),
    ("to_places", "Đơn vị hoặc người nhận"),
    ("handed_date", "Ngày chuyển"),
    ("signature", "Ký nhận"),
    ("note", "Ghi chú"),
]
FOLLOW_UP_COLUMNS = [
    ("arrival_number", "Số đến"),
    ("identity", "Tên loại, số, ký hiệu, ngày, tháng và tên cơ quan ban hành"),
    ("to_places", "Đơn vị hoặc người nhận"),
    ("deadline", "Thời hạn giải quyết"),
    ("progress", "Tiến độ giải quyết"),
    ("reply", "Số, ký hiệu văn bản trả lời"),
    ("note", "Ghi chú"),
]


class VnIncomingRegisterReportWizard(models.TransientModel):
    """Print the incoming register book (R-IN8) or the follow-up register for a
    period or a number range."""

    _name = "vn.incoming.register.report.wizard"
    _inherit = "vn.register.report.wizard"
    _description = "Print the incoming register book"
    _vn_book_kind = "incoming"

    register_book_id = fields.Many2one(required=True)

    def _vn_books(self):
        return {
            "register": {
                "title": "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN",
                "columns": REGISTER_COLUMNS,
                "wide": ("type_subject", "to_places"),
                "report": "vn_document_inbound.action_report_vn_incoming_register",
                "file": "so-van-ban-den",
                "sheet": _("Register"),
            },
            "follow_up": {
                "title": "SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN",
                "columns": FOLLOW_UP_COLUMNS,
                "wide": ("identity", "to_places"),
                "report": "vn_document_inbound.action_report_vn_incoming_follow_up",
                "file": "so-theo-doi-giai-quyet-van-ban-den",
                "sheet": _("Follow-up"),
            },
        }

    def _records(self, kind):
        return self._documents()

    def _documents(self):
        self.ensure_one()
        domain = Domain(
            [
                ("register_book_id", "=", self.register_book_id.id),
                ("file_catalog", "=", self.year),
                ("arrival_number", "!=", False),
            ]
        )
        if self.number_from:
            domain &= Domain("arrival_number", ">=", self.number_from)
        if self.number_to:
            domain &= Domain("arrival_number", "<=", self.number_to)
        docs = self.env["vn.document.incoming"].search(domain, order="arrival_number")
        if self.date_from or self.date_to:
            docs = docs.filtered(
                lambda d: (
                    (not self.date_from or d._local_arrival_date() >= self.date_from)
                    and (not self.date_to or d._local_arrival_date() <= self.date_to)
                )
            )
        if not docs:
            raise UserError(_("No registered document in this range."))
        return docs

    @api.model
    def _register_row(self, doc):
        handed = doc.assignment_ids.sorted("create_date")[:1].create_date
        notes = [
            doc.description or "",
            doc._vn_late_entry_note(),
            doc._vn_paper_holder_note(),
            doc.sudo().register_correction_ids._vn_register_note(),
        ]
        return {
            "arrival_date": doc._local_arrival_date().strftime("%d/%m/%Y"),
            "arrival_number": doc.arrival_number,
            "author": doc.organ_name or doc.sender_id.name or "",
            "symbol": "/".join(p for p in (doc.code_number, doc.code_notation) if p),
            "issued_date": doc.issued_date.strftime("%d/%m/%Y")
            if doc.issued_date
            else "",
            "type_subject": " - ".join(
                p for p in (doc.document_type_id.name, doc.subject) if p
            ),
            "to_places": doc.to_places or "",
            "handed_date": fields.Datetime.context_timestamp(doc, handed).strftime(
                "%d/%m/%Y"
            )
            if handed
            else "",
            "signature": "",
            "note": "; ".join(n for n in notes if n),
        }

    @api.model
    def _follow_up_row(self, doc):
        progress = selection_label(doc, "state")
        results = "; ".join(a.result for a in doc.assignment_ids if a.result)
        return {
            "arrival_number": doc.arrival_number,
            "identity": ", ".join(
                p
                for p in (
                    doc.document_type_id.name,
                    "/".join(p for p in (doc.code_number, doc.code_notation) if p),
                    doc.issued_date.strftime("%d/%m/%Y") if doc.issued_date else "",
                    doc.organ_name or doc.sender_id.name,
                )
                if p
            ),
            "to_places": doc.to_places or "",
            "deadline": doc.deadline.strftime("%d/%m/%Y") if doc.deadline else "",
            "progress": progress + (f" ({results})" if results else ""),
            "reply": "",
            "note": legal(self).env._("Overdue") if doc.is_overdue else "",
        }

    def _report_values(self, kind="register"):
        docs = self._documents()
        row = self._register_row if kind == "register" else self._follow_up_row
        return {
            "wizard": self,
            "company": self.register_book_id.company_id,
            "columns": self._vn_books()[kind]["columns"],
            "rows": [row(doc) for doc in docs],
            "first_number": docs[0].arrival_number,
            "last_number": docs[-1].arrival_number,
            "first_date": docs[0]._local_arrival_date(),
            "last_date": docs[-1]._local_arrival_date(),
            "show_numbers": kind == "register",
        }

    def action_print_pdf(self):
        return self._vn_print("register")

    def action_print_follow_up(self):
        return self._vn_print("follow_up")

    def action_export_xlsx(self):
        """The register as an Excel workbook, same columns as the printed book."""
        return self._vn_export("register")
