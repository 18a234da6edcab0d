from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..tools.legal import vn_now


class VnRegisterBook(models.Model):
    """A register book (sổ đăng ký) and its number series.

    Numbers come from a no-gap ``ir.sequence`` with yearly date ranges, so the
    series restarts at 1 on 1 January (ND 30 Điều 15, 22) and a rolled-back
    registration gives its number back. ``_take_number`` must be the last step
    of a registration so the locks it takes are held for a moment only.
    """

    _name = "vn.register.book"
    _description = "Register book"
    _inherit = ["mail.thread"]
    _order = "company_id, kind, sequence, name"
    _check_company_auto = True

    name = fields.Char(string="Name", required=True, tracking=True)
    kind = fields.Selection(
        [("incoming", "Incoming documents"), ("outgoing", "Outgoing documents"), ("copy", "Copies")],
        string="Kind",
        required=True,
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company", string="Agency", required=True, default=lambda self: self.env.company, index=True
    )
    document_type_ids = fields.Many2many(
        "vn.document.type",
        string="Document types",
        help="Outgoing books numbered per type list their types; empty means every type.",
    )
    sequence_id = fields.Many2one(
        "ir.sequence", string="Number series", readonly=True, copy=False, ondelete="restrict"
    )
    padding = fields.Integer(
        string="Digits", default=2, help="Numbers below 10 get a leading zero (ND 30, Phụ lục I)."
    )
    next_number = fields.Integer(
        string="Next number this year", compute="_compute_next_number"
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    note = fields.Text(string="Notes")

    @api.depends("sequence_id.date_range_ids.number_next_actual")
    def _compute_next_number(self):
        today = fields.Date.context_today(self)
        for book in self:
            date_range = book.sequence_id.sudo().date_range_ids.filtered(
                lambda r: r.date_from <= today <= r.date_to
            )[:1]
            book.next_number = date_range.number_next_actual if date_range else 1

    # The series of a book is its own, made with it; once a number is taken, what shapes the
    # numbers and what they are counted for never changes (a register is a legal record).
    SERIES_FIELDS = frozenset({"kind", "company_id", "padding", "document_type_ids"})

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(vals.get("sequence_id") for vals in vals_list):
            raise AccessError(_("A register book gets its own number series."))
        books = super().create(vals_list)
        for book in books:
            book.sudo().sequence_id = self.env["ir.sequence"].sudo().create(book._sequence_values())
        return books

    def _vn_is_used(self):
        """Whether a number was ever taken from this book's series."""
        self.ensure_one()
        ranges = self.sudo().sequence_id.date_range_ids
        return any(r.number_next_actual > 1 for r in ranges)

    def write(self, vals):
        if "sequence_id" in vals and not self.env.su:
            raise AccessError(_("The number series of a register book cannot be swapped."))
        if "sequence_id" in vals and any(book._vn_is_used() for book in self):
            raise UserError(_("The number series of a register book in use cannot change."))
        changed = self.SERIES_FIELDS & set(vals)
        if changed:
            used = self.filtered(lambda book: book._vn_is_used())
            if used:
                raise UserError(_("%(book)s has issued numbers: its kind, agency, digits and document types "
                                  "can no longer change. Open a new register book instead.", book=used[0].name))
        res = super().write(vals)
        if {"name", "padding", "company_id"} & set(vals):
            for book in self:
                book.sequence_id.sudo().write(book._sequence_values())
        return res

    def _sequence_values(self):
        return {
            "name": _("Register book: %(name)s", name=self.name),
            "implementation": "no_gap",
            "use_date_range": True,
            "padding": self.padding,
            "number_increment": 1,
            "company_id": self.company_id.id,
        }

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        if any(book._vn_is_used() for book in self):
            raise UserError(_("A register book with issued numbers is kept; archive it instead."))

    def _take_number(self, on_date=None):
        """Take the next number of the year of ``on_date`` (today by default).

        Returns ``(number, formatted)``, e.g. ``(5, "05")``. Two clerks
        registering at the same moment: the second transaction hits a lock
        (``LockNotAvailable``) or sees the first one's committed number
        (``SerializationFailure``); Odoo's request loop (``retrying``) runs it
        again and it gets the next number. Scheduled jobs must wrap their call
        in ``odoo.service.model.retrying`` too.
        """
        self.ensure_one()
        if not self.active:
            raise UserError(_("The register book %(name)s is closed.", name=self.name))
        on_date = on_date or vn_now().date()
        # Lock the book first: this also serialises the creation of the year's
        # date range, which ir.sequence itself does not protect. A busy book is
        # an expected event, not an error worth a log line.
        self.env.cr.execute(
            SQL("SELECT id FROM vn_register_book WHERE id = %s FOR UPDATE NOWAIT", self.id),
            log_exceptions=False,
        )
        formatted = self.sequence_id.sudo().next_by_id(sequence_date=on_date)
        return int(formatted), formatted
