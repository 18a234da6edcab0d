# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

import pytz

from odoo import _, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

from odoo.addons.vn_document_base.tools.legal import legal

DEFAULT_TZ = "Asia/Ho_Chi_Minh"
# The 10 columns of the outgoing register (ND 30, Phụ lục IV) and the 6 of the postal
# dispatch register.
REGISTER_COLUMNS = [
    ("symbol", "Số, ký hiệu văn bản"),
    ("issued_date", "Ngày tháng văn bản"),
    ("type_subject", "Tên loại và trích yếu nội dung văn bản"),
    ("signer", "Người ký"),
    ("recipients", "Nơi nhận văn bản"),
    ("archive_holder", "Đơn vị, người nhận bản lưu"),
    ("amount", "Số lượng bản"),
    ("sent_date", "Ngày chuyển"),
    ("signature", "Ký nhận"),
    ("note", "Ghi chú"),
]
POSTAL_COLUMNS = [
    ("sent_date", "Ngày chuyển"),
    ("symbol", "Số, ký hiệu văn bản"),
    ("recipient", "Nơi nhận văn bản"),
    ("envelopes", "Số lượng bì"),
    ("receipt", "Ký nhận và dấu bưu điện"),
    ("note", "Ghi chú"),
]


def _number(doc):
    """The register number as an integer ("05" -> 5), 0 when it is not a plain
    number."""
    return int(doc.code_number) if (doc.code_number or "").isdigit() else 0


class VnOutgoingRegisterReportWizard(models.TransientModel):
    """Print the outgoing register book or the postal dispatch register (R-OUT4) for a
    period or a number range, as PDF or Excel."""

    _name = "vn.outgoing.register.report.wizard"
    _inherit = "vn.register.report.wizard"
    _description = "Print the outgoing register book"
    _vn_book_kind = "outgoing"

    report_kind = fields.Selection(
        [
            ("register", "Outgoing register book"),
            ("postal", "Postal dispatch register"),
        ],
        string="Register",
        required=True,
        default="register",
    )
    company_id = fields.Many2one(
        "res.company",
        string="Agency",
        required=True,
        default=lambda self: self.env.company,
    )
    register_book_id = fields.Many2one(
        domain="[('kind', '=', 'outgoing'), ('company_id', '=', company_id)]"
    )

    def _vn_default_book(self):
        return self.env["vn.register.book"].search(
            [("kind", "=", "outgoing"), ("company_id", "=", self.env.company.id)],
            limit=1,
        )

    def _vn_books(self):
        return {
            "register": {
                "title": "SỔ ĐĂNG KÝ VĂN BẢN ĐI",
                "columns": REGISTER_COLUMNS,
                "wide": ("type_subject", "recipients"),
                "report": "vn_document_outbound.action_report_vn_outgoing_register",
                "file": "so-dang-ky-van-ban-di",
                "sheet": _("Register"),
            },
            "postal": {
                "title": "SỔ GỬI VĂN BẢN ĐI BƯU ĐIỆN",
                "columns": POSTAL_COLUMNS,
                "wide": ("recipient",),
                "report": "vn_document_outbound.action_report_vn_outgoing_postal",
                "file": "so-gui-van-ban-di-buu-dien",
                "sheet": _("Postal dispatch"),
            },
        }

    # ------------------------------------------------------------------
    # What is printed
    # ------------------------------------------------------------------
    def _local_date(self, value):
        """A UTC datetime as a date in the user's time zone (Ho Chi Minh City by
        default)."""
        tz = pytz.timezone(self.env.context.get("tz") or self.env.user.tz or DEFAULT_TZ)
        return pytz.utc.localize(value).astimezone(tz).date()

    def _documents(self):
        """The numbered documents of the book, in number order."""
        self.ensure_one()
        self._check_year()
        if not self.register_book_id:
            raise UserError(_("Choose the register book."))
        domain = Domain(
            [
                ("register_book_id", "=", self.register_book_id.id),
                ("file_catalog", "=", self.year),
                ("number_symbol", "!=", False),
            ]
        )
        if self.date_from:
            domain &= Domain("issued_date", ">=", self.date_from)
        if self.date_to:
            domain &= Domain("issued_date", "<=", self.date_to)
        docs = self.env["vn.document.outgoing"].search(domain)
        # code_number is text ("05"): compare and sort as numbers, so 100 comes after
        # 99.
        docs = docs.filtered(
            lambda d: (
                (not self.number_from or _number(d) >= self.number_from)
                and (not self.number_to or _number(d) <= self.number_to)
            )
        )
        if not docs:
            raise UserError(_("No issued document in this range."))
        return docs.sorted(lambda d: (_number(d), d.id))

    def _postal_lines(self):
        """The paper copies handed to the post in the period, in the order they left."""
        self.ensure_one()
        self._check_year()
        first = max(filter(None, (datetime.date(self.year, 1, 1), self.date_from)))
        last = min(filter(None, (datetime.date(self.year, 12, 31), self.date_to)))
        tz = pytz.timezone(self.env.context.get("tz") or self.env.user.tz or DEFAULT_TZ)

        def utc(day):
            return (
                tz.localize(datetime.datetime.combine(day, datetime.time.min))
                .astimezone(pytz.utc)
                .replace(tzinfo=None)
            )

        lines = self.env["vn.document.delivery"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("kind", "=", "paper"),
                ("sent_on", "!=", False),
                ("sent_on", ">=", utc(first)),
                ("sent_on", "<", utc(last + datetime.timedelta(days=1))),
            ],
            order="sent_on, id",
        )
        if not lines:
            raise UserError(_("No paper copy was handed to the post in this period."))
        return lines

    def _records(self, kind):
        return self._postal_lines() if kind == "postal" else self._documents()

    def _note_lines(self, doc):
        """Ghi chú: the notes, the links to replaced or corrected documents, the
        recall."""
        vi = legal(self)  # a printed register is Vietnamese, whoever prints it
        notes = [
            doc.description or "",
            doc._vn_late_entry_note(),
            doc.sudo().register_correction_ids._vn_register_note(),
        ]
        # The number of a linked document is public register data, even when its file is
        # not.
        if doc.replaces_id:
            notes.append(
                vi.env._(
                    "Replaces %(doc)s", doc=doc.replaces_id.sudo().number_symbol or ""
                )
            )
        if doc.corrects_id:
            notes.append(
                vi.env._(
                    "Corrects %(doc)s", doc=doc.corrects_id.sudo().number_symbol or ""
                )
            )
        replaced_by = doc.sudo().replaced_by_ids.filtered("number_symbol")
        if replaced_by:
            notes.append(
                vi.env._(
                    "Replaced by %(docs)s",
                    docs=", ".join(replaced_by.mapped("number_symbol")),
                )
            )
        corrected_by = doc.sudo().correction_ids.filtered("number_symbol")
        if corrected_by:
            notes.append(
                vi.env._(
                    "Corrected by %(docs)s",
                    docs=", ".join(corrected_by.mapped("number_symbol")),
                )
            )
        if doc.state == "recalled":
            notes.append(
                vi.env._("Recalled: %(reason)s", reason=doc.recall_reason or "")
            )
        return [n.strip() for n in notes if n and n.strip()]

    def _register_row(self, doc):
        sent = doc.delivery_ids.filtered("sent_on").mapped("sent_on")
        title = (doc.signature_block or "").strip().split("\n")[-1].strip()
        return {
            "symbol": doc.number_symbol,
            "issued_date": doc.issued_date.strftime("%d/%m/%Y")
            if doc.issued_date
            else "",
            "type_subject": " - ".join(
                p for p in (doc.document_type_id.name, doc.subject) if p
            ),
            "signer": ", ".join(p for p in (doc.signed_by_id.name, title) if p),
            "recipients": doc.recipients_text or "",
            "archive_holder": doc.archive_holder or "",
            "amount": doc.issued_amount,
            "sent_date": self._local_date(min(sent)).strftime("%d/%m/%Y")
            if sent
            else "",
            "signature": "",
            "note": "; ".join(self._note_lines(doc)),
        }

    def _postal_row(self, line):
        doc = line.document_id
        return {
            "sent_date": self._local_date(line.sent_on).strftime("%d/%m/%Y"),
            "symbol": line.document_number_symbol or "",
            "recipient": line.recipient_name or "",
            "envelopes": line.envelope_count,
            "receipt": line.postal_receipt or "",
            "note": _("Recalled: %(reason)s", reason=doc.recall_reason or "")
            if doc.state == "recalled"
            else "",
        }

    def _report_values(self, kind=None):
        self.ensure_one()
        kind = kind or self.report_kind
        book = self._vn_books()[kind]
        values = {"wizard": self, "title": book["title"], "columns": book["columns"]}
        if kind == "postal":
            lines = self._postal_lines()
            values.update(
                company=self.company_id,
                rows=[self._postal_row(line) for line in lines],
                first_date=self._local_date(lines[0].sent_on),
                last_date=self._local_date(lines[-1].sent_on),
                show_numbers=False,
                first_number=False,
                last_number=False,
            )
        else:
            docs = self._documents()
            values.update(
                company=self.register_book_id.company_id,
                rows=[self._register_row(doc) for doc in docs],
                first_date=min(docs.mapped("issued_date")),
                last_date=max(docs.mapped("issued_date")),
                show_numbers=True,
                first_number=docs[0].code_number,
                last_number=docs[-1].code_number,
            )
        return values

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------
    def action_print_pdf(self):
        return self._vn_print(self.report_kind)

    def action_export_xlsx(self):
        """The register as an Excel workbook, same columns as the printed book."""
        return self._vn_export(self.report_kind)
