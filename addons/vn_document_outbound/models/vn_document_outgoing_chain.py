# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class VnDocumentOutgoing(models.Model):
    """The issue (số đi) is an entry of the agency's register chain."""

    _name = "vn.document.outgoing"
    _inherit = ("vn.document.outgoing", "vn.register.chain.mixin")

    # the printed register row of an outgoing document (ND 30 Phụ lục III)
    _vn_chain_field_names = (
        "register_book_id",
        "code_number",
        "number_symbol",
        "issued_date",
        "issued_at",
        "issued_by_id",
        "subject",
        "document_type_id",
        "signer_id",
        "is_late_entry",
    )

    def _vn_chain_kind(self):
        return "outgoing"

    def _vn_chain_original(self):
        # the signed original as issued (the agency-signed PDF, or the paper's scan)
        return self.sudo().issued_file_id.sha256 or None

    def _vn_chain_registered_domain(self):
        return [("number_symbol", "!=", False)]

    def _vn_chain_registered_at(self):
        return self.issued_at or self.create_date


class VnDocumentCopy(models.Model):
    """A copy's number is an entry of the agency's register chain."""

    _name = "vn.document.copy"
    _inherit = ("vn.document.copy", "vn.register.chain.mixin")

    _vn_chain_field_names = (
        "register_book_id",
        "code_number",
        "number_symbol",
        "copy_date",
        "copied_by_id",
        "form",
        "medium",
        "outgoing_id",
        "incoming_id",
        "source_description",
    )

    def _vn_chain_kind(self):
        return "copy"

    def _vn_chain_original(self):
        return self.sudo().file_id.sha256 or None

    def _vn_chain_registered_domain(self):
        return [("number_symbol", "!=", False)]

    def _vn_chain_registered_at(self):
        return self.copy_date or self.create_date
