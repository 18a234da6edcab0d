# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# pylint: disable=consider-merging-classes-inherited
from odoo import _, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.vn_document_base.tools.legal import legal, vn_local_date

# An outgoing document issued on paper during an outage may be entered from any step
# before issue: the paper was signed and stamped while the system was down.
BEFORE_ISSUE = ("draft", "review", "head_review", "format_check", "to_sign", "signed")


class VnDocumentOutgoing(models.Model):
    """R-OP1: an outgoing document issued on paper during an outage, entered
    afterwards: its real issue date within the outage, the scan of the paper original,
    the number of the register book taken at entry, marked "entered late"."""

    _inherit = "vn.document.outgoing"

    outage_id = fields.Many2one(
        "vn.system.outage",
        string="Issued on paper during the outage",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    is_late_entry = fields.Boolean(
        string="Entered late",
        readonly=True,
        copy=False,
        help="Issued on paper during an outage and entered afterwards (R-OP1).",
    )

    def _vn_enter_paper_issue(self, outage, issued_on, scan_name, scan_data):
        """Enter the paper original issued during ``outage`` at ``issued_on`` (its real
        date and time): the scan is checked and kept, the number taken now."""
        self.ensure_one()
        if not self.env.user.has_group("vn_document_base.group_vn_document_clerk"):
            raise AccessError(_("Only a records clerk numbers and issues documents."))
        self.check_access("read")
        if self.state not in BEFORE_ISSUE:
            raise UserError(
                _("%(doc)s is already issued or closed.", doc=self.display_name)
            )
        outage = outage.with_env(self.env)
        if outage.company_id != self.company_id:
            raise UserError(_("The outage is not one of this document's agency."))
        outage._vn_check_real_date(issued_on)
        if not self.signer_id:
            raise UserError(_("Name the person who signed the paper original."))
        if not scan_data:
            raise UserError(_("Upload the scan of the signed and stamped original."))
        day = vn_local_date(issued_on)
        original = self._vn_keep_file(scan_name, scan_data, "issued")
        book = self._vn_register_book()
        # The number is taken now, in the book's order: a number once taken never
        # changes. Only the dates are the real ones.
        number, formatted = book._take_number(day)
        number_symbol = f"{formatted}/{self._vn_symbol()}"
        self.sudo().write(
            {
                "register_book_id": book.id,
                "code_number": formatted,
                "number_symbol": number_symbol,
                "issued_date": day,
                "issued_at": issued_on,
                "issued_by_id": self.env.uid,
                "issued_file_id": original.id,
                "signed_by_id": self.signer_id.id,
                "signed_at": issued_on,
                "outage_id": outage.id,
                "is_late_entry": True,
            }
        )
        self._vn_chain_append()  # the register chain, with the scan's hash
        vi = legal(self)
        mark = outage._vn_register_mark()
        self._step(
            "number",
            vi.env._(
                "%(number)s in %(book)s; %(mark)s",
                number=number_symbol,
                book=book.name,
                mark=mark,
            ),
        )
        self._move("issued", "issue", mark)
        self._vn_after_issue(dispatch=False)
        return number_symbol

    def _vn_late_entry_note(self):
        """The register's mark of a late entry (R-OP1), in Vietnamese."""
        self.ensure_one()
        if not self.is_late_entry or not self.outage_id:
            return ""
        return self.outage_id._vn_register_mark()

    def action_open_paper_issue(self):
        return self._open_wizard(
            "vn.outgoing.paper.issue.wizard",
            _("Enter a paper original issued during an outage"),
        )
