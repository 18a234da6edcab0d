# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The list indexes serve the queries the ORM sends (issue 15).

The planner of a small test database reads tables rather than indexes, so sorting and
sequential scans are made expensive for the EXPLAIN: an index that does not match the
query then still leaves a Sort or a Seq Scan in the plan, and the test fails."""

from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL


class ListPlanCase(TransactionCase):
    def plan(self, model, domain, **kwargs):
        query = model._search(domain, **kwargs)
        self.env.cr.execute("SET LOCAL enable_seqscan = off")
        self.env.cr.execute("SET LOCAL enable_sort = off")
        self.env.cr.execute(SQL("EXPLAIN %s", query.select()))
        plan = "\n".join(row[0] for row in self.env.cr.fetchall())
        self.env.cr.execute("RESET enable_seqscan")
        self.env.cr.execute("RESET enable_sort")
        return plan


@tagged("post_install", "-at_install")
class TestIncomingListPlans(ListPlanCase):
    def test_register_list_reads_the_order_index(self):
        """The first page in the default order (urgent first: the ORM sorts a boolean
        as COALESCE(is_urgent, false)) is read from the order index, unsorted."""
        Incoming = self.env["vn.document.incoming"]
        plan = self.plan(
            Incoming, [("state", "!=", "recalled")], limit=80, order=Incoming._order
        )
        self.assertIn("vn_document_incoming_list_order_index", plan)
        self.assertNotIn("Sort", plan)

    def test_search_view_phrase_uses_trigram_indexes(self):
        """The search view's OR over subject, symbol and number is answered from the
        three trigram indexes, without reading the whole table."""
        Incoming = self.env["vn.document.incoming"]
        if not self.env.registry.has_trigram:
            self.skipTest("pg_trgm is not installed")
        term = "chuyen doi so"
        plan = self.plan(
            Incoming,
            [
                "|",
                "|",
                ("subject", "ilike", term),
                ("code_notation", "ilike", term),
                ("code_number", "ilike", term),
            ],
        )
        self.assertNotIn("Seq Scan", plan)
        self.assertIn("vn_document_incoming_code_number_trigram_index", plan)
        self.assertIn("vn_document_incoming__subject_index", plan)
