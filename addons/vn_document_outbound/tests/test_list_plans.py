# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The outgoing register's order index serves the ORM's query (issue 15)."""

from odoo.tests import tagged

from odoo.addons.vn_document_inbound.tests.test_list_plans import ListPlanCase


@tagged("post_install", "-at_install")
class TestOutgoingListPlans(ListPlanCase):
    def test_register_list_reads_the_order_index(self):
        """Urgent first, then the newest issues: read from the order index, unsorted
        (the ORM sorts a boolean as COALESCE(is_urgent, false))."""
        Outgoing = self.env["vn.document.outgoing"]
        plan = self.plan(
            Outgoing,
            [("number_symbol", "!=", False)],
            limit=80,
            order=Outgoing._order,
        )
        self.assertIn("vn_document_outgoing_list_order_index", plan)
        self.assertNotIn("Sort", plan)
