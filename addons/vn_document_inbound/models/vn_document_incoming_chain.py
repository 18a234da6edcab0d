# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class VnDocumentIncoming(models.Model):
    """The arrival registration (số đến) is an entry of the agency's register chain."""

    _name = "vn.document.incoming"
    _inherit = ("vn.document.incoming", "vn.register.chain.mixin")

    # the printed register row of an incoming document (ND 30 Phụ lục IV)
    _vn_chain_field_names = (
        "register_book_id",
        "arrival_number",
        "arrival_date",
        "registered_on",
        "registered_by_id",
        "sender_id",
        "organ_name",
        "code_number",
        "code_notation",
        "issued_date",
        "subject",
        "document_type_id",
        "channel",
    )

    def _vn_chain_kind(self):
        return "incoming"

    def _vn_chain_original(self):
        return self.sudo().main_file_id.sha256 or None

    def _vn_chain_registered_domain(self):
        return [("arrival_number", "!=", False)]

    def _vn_chain_registered_at(self):
        return self.registered_on or self.create_date
