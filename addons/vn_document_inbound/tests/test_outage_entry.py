# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .test_incoming import IncomingCase


@tagged("post_install", "-at_install")
class TestOutageLateEntry(IncomingCase):
    """R-OP1: an incoming document received on paper during an outage is entered
    afterwards with its real arrival date, linked to the outage, marked "entered late"
    by the registration, and the register book says so; its number is taken at entry,
    in order."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.outage = cls.env["vn.system.outage"].create(
            {
                "start": datetime(2026, 3, 2, 1, 0),
                "end": datetime(2026, 3, 3, 9, 0),
                "description": "Mất điện toàn trụ sở",
            }
        )

    def paper(self, **values):
        return self.receive(channel="paper", upload_ids=[], **values)

    def test_late_entry_is_linked_marked_and_numbered_at_entry(self):
        clerk = self.users["clerk"]
        first = self.paper(code_number="1")
        first.with_user(clerk).action_register()
        late = self.paper(
            code_number="2",
            arrival_date=datetime(2026, 3, 2, 4, 30),
            outage_id=self.outage.id,
        )
        self.assertFalse(late.is_late_entry)
        late.with_user(clerk).action_register()
        # the real date, the next number of the book (taken now, never reordered)
        self.assertEqual(late.arrival_date, datetime(2026, 3, 2, 4, 30))
        self.assertEqual(late.arrival_number, first.arrival_number + 1)
        self.assertTrue(late.is_late_entry)
        self.assertFalse(first.is_late_entry)
        # the outage shows its documents
        outage = self.outage.with_user(clerk)
        self.assertEqual(outage.incoming_count, 1)
        action = outage.action_view_incoming()
        self.assertEqual(
            self.env["vn.document.incoming"].search(action["domain"]), late
        )
        # the register book marks it, in Vietnamese
        wizard = (
            self.env["vn.incoming.register.report.wizard"]
            .with_user(clerk)
            .create({"register_book_id": self.book.id, "year": late.file_catalog})
        )
        rows = {
            r["arrival_number"]: r for r in wizard._report_values("register")["rows"]
        }
        self.assertIn(
            "Vào sổ muộn (sự cố từ ngày 02/03/2026 đến ngày 03/03/2026)",
            rows[late.arrival_number]["note"],
        )
        self.assertNotIn("Vào sổ muộn", rows[first.arrival_number]["note"])
        # ... in the printed register book and on the processing slip
        report = self.env["ir.actions.report"]
        for xmlid, records in (
            ("vn_document_inbound.action_report_vn_incoming_register", wizard),
            ("vn_document_inbound.action_report_vn_incoming_slip", late),
        ):
            html = report._render_qweb_html(xmlid, records.ids)[0].decode()
            self.assertIn("Vào sổ muộn (sự cố từ ngày 02/03/2026", html, xmlid)
        # once registered, the outage of the entry no longer changes
        with self.assertRaises(UserError):
            late.with_user(clerk).write({"outage_id": False})

    def test_real_date_outside_the_outage_is_refused(self):
        doc = self.paper(
            arrival_date=datetime(2026, 3, 5, 4, 0), outage_id=self.outage.id
        )
        with self.assertRaises(ValidationError):
            doc.with_user(self.users["clerk"]).action_register()
        self.assertFalse(doc.arrival_number)
        self.assertFalse(doc.is_late_entry)
        self.assertEqual(doc.state, "received")

    def test_no_client_marks_a_document_entered_late(self):
        """The mark is set by the registration service only (SECURITY.md)."""
        with self.assertRaises(AccessError):
            self.paper(is_late_entry=True)
        doc = self.paper()
        for user in ("clerk", "admin", "agency_head"):
            with self.assertRaises(AccessError):
                doc.with_user(self.users[user]).write({"is_late_entry": True})
        self.assertFalse(doc.is_late_entry)
