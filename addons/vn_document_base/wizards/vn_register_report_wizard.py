# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, fields, models
from odoo.exceptions import UserError

from ..tools import register_xlsx


class VnRegisterReportWizard(models.AbstractModel):
    """What the wizards printing register books share (ND 30 Phụ lục IV): the book, the
    year, the range of dates or numbers, the volume; and one way to make the PDF book
    and the Excel workbook from the same values.

    A subclass sets ``_vn_book_kind`` (the kind of register book) and defines
    ``_vn_books()``, ``_records(kind)`` and ``_report_values(kind)``; its buttons call
    ``_vn_print(kind)`` and ``_vn_export(kind)``.
    """

    _name = "vn.register.report.wizard"
    _description = "Print a register book"

    _vn_book_kind = None

    register_book_id = fields.Many2one(
        "vn.register.book",
        string="Register book",
        domain=lambda self: [("kind", "=", self._vn_book_kind)],
        default=lambda self: self._vn_default_book(),
    )
    year = fields.Integer(
        required=True,
        default=lambda self: fields.Date.context_today(self).year,
    )
    date_from = fields.Date(string="From date")
    date_to = fields.Date(string="To date")
    number_from = fields.Integer(string="From number")
    number_to = fields.Integer(string="To number")
    volume = fields.Char(string="Volume (quyển số)")

    def _vn_default_book(self):
        return self.env["vn.register.book"].search(
            [("kind", "=", self._vn_book_kind)], limit=1
        )

    def _check_year(self):
        if not 1900 <= self.year <= 9999:
            raise UserError(_("Enter a valid year."))

    def _vn_books(self):
        """{kind: {"title", "columns", "wide" (keys of the wide columns), "report"
        (xmlid of the PDF report), "file" (name of the workbook), "sheet"}}."""
        raise NotImplementedError

    def _records(self, kind):
        """What the book ``kind`` lists; ``UserError`` when nothing is in the range."""
        raise NotImplementedError

    def _report_values(self, kind):
        """The values of the book ``kind``: company, columns, rows (dicts by column
        key), first_date, last_date, first_number, last_number, show_numbers."""
        raise NotImplementedError

    def _vn_chain_head(self, company):
        """The last entry of the agency's register chain, for the closing page."""
        return self.env["vn.register.chain"]._vn_head(company)

    def _vn_print(self, kind):
        """The PDF book (a clear message now rather than an empty book)."""
        self.ensure_one()
        self._records(kind)
        return self.env.ref(self._vn_books()[kind]["report"]).report_action(self)

    def _vn_export(self, kind):
        """The Excel workbook, same columns and rows as the printed book."""
        self.ensure_one()
        book = self._vn_books()[kind]
        values = self._report_values(kind)
        data = register_xlsx.register_workbook(
            book["title"],
            register_xlsx.register_subtitle(values["company"], self.year),
            values["columns"],
            values["rows"],
            book["sheet"],
            wide_keys=book["wide"],
        )
        return register_xlsx.download_action(
            self, f"{book['file']}-{self.year}.xlsx", data
        )
