# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""19.0.0.6.0: the list order index sorts urgency as the ORM does,
COALESCE(is_urgent, false). Odoo keeps an index of the same name that has no comment,
so the old one is dropped here and the update builds the new one."""


def migrate(cr, version):
    cr.execute("DROP INDEX IF EXISTS vn_document_incoming_list_order_index")
