# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..tools.legal import vn_now

# How long a clerk waits for another clerk's registration in the same book before Odoo
# retries.
LOCK_TIMEOUT_MS = 5000


class VnRegisterBook(models.Model):
    """A register book (sổ đăng ký) and its number series.

    Numbers restart at 1 on 1 January (ND 30 Điều 15, 22), have no gap and are never
    given twice. Each number taken is a row of ``vn.register.number`` written in the
    registering transaction: a registration that rolls back gives its number back.
    Takers of one book wait for each other on the book's row lock (bounded), and read
    the last number in a fresh snapshot, so a transaction older than the previous
    taker's commit neither fails nor repeats a number (PostgreSQL's repeatable read
    would otherwise refuse the update of a counter row that changed after the snapshot).
    ``padding`` shapes the printed number; the book's ``ir.sequence`` keeps that setting
    and the numbers of books used before the ledger.
    """

    _name = "vn.register.book"
    _description = "Register book"
    _inherit = "mail.thread"
    _order = "company_id, kind, sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    kind = fields.Selection(
        [
            ("incoming", "Incoming documents"),
            ("outgoing", "Outgoing documents"),
            ("copy", "Copies"),
        ],
        required=True,
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company",
        string="Agency",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )
    document_type_ids = fields.Many2many(
        "vn.document.type",
        string="Document types",
        help="Outgoing books numbered per type list their types; empty means every "
        "type.",
    )
    sequence_id = fields.Many2one(
        "ir.sequence",
        string="Number series",
        readonly=True,
        copy=False,
        ondelete="restrict",
    )
    padding = fields.Integer(
        string="Digits",
        default=2,
        help="Numbers below 10 get a leading zero (ND 30, Phụ lục I).",
    )
    next_number = fields.Integer(
        string="Next number this year", compute="_compute_next_number"
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    note = fields.Text(string="Notes")

    def _compute_next_number(self):
        year = vn_now().year
        for book in self:
            book.next_number = (
                (book._vn_last_number(year, self.env.cr) + 1) if book.id else 1
            )

    # The series of a book is its own, made with it; once a number is taken, what shapes
    # the numbers and what they are counted for never changes (a register is a legal
    # record).
    SERIES_FIELDS = frozenset({"kind", "company_id", "padding", "document_type_ids"})

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(vals.get("sequence_id") for vals in vals_list):
            raise AccessError(_("A register book gets its own number series."))
        books = super().create(vals_list)
        for book in books:
            book.sudo().sequence_id = (
                self.env["ir.sequence"].sudo().create(book._sequence_values())
            )
        return books

    def _vn_is_used(self):
        """Whether a number was ever taken from this book."""
        self.ensure_one()
        if (
            self.env["vn.register.number"]
            .sudo()
            .search_count([("book_id", "=", self.id)], limit=1)
        ):
            return True
        return any(
            r.number_next_actual > 1 for r in self.sudo().sequence_id.date_range_ids
        )

    def write(self, vals):
        if "sequence_id" in vals and not self.env.su:
            raise AccessError(
                _("The number series of a register book cannot be swapped.")
            )
        if "sequence_id" in vals and any(book._vn_is_used() for book in self):
            raise UserError(
                _("The number series of a register book in use cannot change.")
            )
        changed = self.SERIES_FIELDS & set(vals)
        if changed:
            used = self.filtered(lambda book: book._vn_is_used())
            if used:
                raise UserError(
                    _(
                        "%(book)s has issued numbers: its kind, agency, digits and "
                        "document types can no longer change. Open a new register book "
                        "instead.",
                        book=used[0].name,
                    )
                )
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
            raise UserError(
                _("A register book with issued numbers is kept; archive it instead.")
            )

    def _take_number(self, on_date=None):
        """Take the next number of the year of ``on_date`` (the Vietnam date today by
        default).

        Returns ``(number, formatted)``, e.g. ``(5, "05")``. Must be the last step of a
        registration: the book stays locked until the transaction ends. A second clerk
        waits (at most ``LOCK_TIMEOUT_MS``, then Odoo's request loop retries) and gets
        the next number.
        """
        self.ensure_one()
        if not self.active:
            raise UserError(_("The register book %(name)s is closed.", name=self.name))
        on_date = on_date or vn_now().date()
        cr = self.env.cr
        cr.execute(SQL("SET LOCAL lock_timeout = %s", f"{LOCK_TIMEOUT_MS}ms"))
        cr.execute(
            SQL("SELECT id FROM vn_register_book WHERE id = %s FOR UPDATE", self.id),
            log_exceptions=False,
        )
        cr.execute(SQL("SET LOCAL lock_timeout TO DEFAULT"))
        # Holding the lock, every earlier taker has committed or rolled back: a
        # transaction begun now sees them all; this one also sees its own numbers, which
        # the other cannot.
        with self.env.registry.cursor() as fresh:
            last = max(
                self._vn_last_number(on_date.year, fresh),
                self._vn_last_number(on_date.year, cr),
            )
        number = last + 1
        self.env["vn.register.number"].sudo().create(
            {
                "book_id": self.id,
                "year": on_date.year,
                "number": number,
                "taken_by_id": self.env.uid,
            }
        )
        return number, str(number).zfill(max(self.padding, 1))

    def _vn_last_number(self, year, cr):
        """The last number of ``year`` in this book as ``cr`` sees it (0 when none): the
        ledger, or the book's ir.sequence for the numbers taken before the ledger
        existed."""
        cr.execute(
            SQL(
                """SELECT GREATEST(
                   (SELECT MAX(number) FROM vn_register_number
                     WHERE book_id = %(book)s AND year = %(year)s),
                   (SELECT MAX(r.number_next - 1) FROM ir_sequence_date_range r
                      JOIN vn_register_book b ON b.sequence_id = r.sequence_id
                     WHERE b.id = %(book)s
                       AND EXTRACT(YEAR FROM r.date_from) = %(year)s), 0)""",
                book=self.id,
                year=year,
            )
        )
        return cr.fetchone()[0] or 0


class VnRegisterNumber(models.Model):
    """A number taken in a register book: the ledger that makes numbers gap-free and
    unique.

    Written only by ``vn.register.book._take_number`` in the registering transaction;
    read-only for everyone (a number once taken never changes).
    """

    _name = "vn.register.number"
    _description = "Number taken in a register book"
    _order = "book_id, year, number"
    _log_access = False

    book_id = fields.Many2one(
        "vn.register.book",
        string="Register book",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
    )
    # precomputed: part of the INSERT that takes the number, not an UPDATE after it
    company_id = fields.Many2one(
        related="book_id.company_id", store=True, index=True, precompute=True
    )
    year = fields.Integer(required=True, readonly=True)
    number = fields.Integer(required=True, readonly=True, aggregator=None)
    taken_on = fields.Datetime(
        string="Taken on", required=True, readonly=True, default=fields.Datetime.now
    )
    taken_by_id = fields.Many2one("res.users", string="Taken by", readonly=True)

    _number_unique = models.Constraint(
        "UNIQUE(book_id, year, number)",
        "This number was already taken in this register book and year.",
    )
