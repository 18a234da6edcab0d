# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
from datetime import date, datetime

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from odoo.addons.vn_document_base.tests import pdf_fixtures

from .common import OutgoingCase


@tagged("post_install", "-at_install")
class TestOutagePaperIssue(OutgoingCase):
    """R-OP1: an outgoing document issued on paper during an outage is entered
    afterwards: its real issue date within the outage, the scan of the paper
    original, the register number taken at entry in order, marked "entered late", and
    the register book says so."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.outage = cls.env["vn.system.outage"].create(
            {
                "start": datetime(2026, 3, 2, 1, 0),
                "end": datetime(2026, 3, 2, 9, 0),
                "description": "Mất kết nối mạng",
            }
        )
        cls.scan = pdf_fixtures.make_pdf(pages=1, text="Quyết định (bản giấy)")

    def enter(self, doc, issued_on, user=None):
        wizard = (
            self.env["vn.outgoing.paper.issue.wizard"]
            .with_user(user or self.clerk)
            .create(
                {
                    "document_id": doc.id,
                    "outage_id": self.outage.id,
                    "issued_on": issued_on,
                    "file": base64.b64encode(self.scan),
                    "filename": "qd-ban-giay.pdf",
                }
            )
        )
        return wizard.action_enter()

    def test_paper_original_entered_late(self):
        first, second = self.new_draft(), self.new_draft()
        self.enter(first, datetime(2026, 3, 2, 3, 0))
        self.enter(second, datetime(2026, 3, 2, 2, 0))  # earlier, entered after
        for doc in (first, second):
            self.assertEqual(doc.state, "issued")
            self.assertTrue(doc.is_late_entry)
            self.assertEqual(doc.outage_id, self.outage)
            self.assertEqual(doc.issued_date, date(2026, 3, 2))
            self.assertEqual(doc.signed_by_id, self.signer)
            self.assertEqual(self.raw(doc.issued_file_id), self.scan)
            # the recipients got the paper: nothing is sent again
            self.assertFalse(doc.delivery_ids.filtered("sent_on"))
        # numbers in the order of entry, not of the real dates
        self.assertEqual(int(second.code_number), int(first.code_number) + 1)
        self.assertEqual(self.outage.with_user(self.clerk).outgoing_count, 2)
        wizard = (
            self.env["vn.outgoing.register.report.wizard"]
            .with_user(self.clerk)
            .create({"register_book_id": self.book_decision.id, "year": 2026})
        )
        rows = {r["symbol"]: r for r in wizard._report_values("register")["rows"]}
        self.assertIn(
            "Vào sổ muộn (sự cố ngày 02/03/2026)", rows[first.number_symbol]["note"]
        )
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "vn_document_outbound.action_report_vn_outgoing_register", wizard.ids
            )[0]
            .decode()
        )
        self.assertIn("Vào sổ muộn (sự cố ngày 02/03/2026)", html)

    def test_refused_outside_the_outage_or_by_another_role(self):
        doc = self.new_draft()
        book = self.book_decision
        before = book.next_number
        with self.assertRaises(ValidationError):
            self.enter(doc, datetime(2026, 3, 3, 3, 0))
        for user in (self.staff, self.signer, self.users["admin"]):
            with self.assertRaises(AccessError):
                self.enter(doc, datetime(2026, 3, 2, 3, 0), user=user)
        self.assertEqual(doc.state, "draft")
        self.assertFalse(doc.number_symbol)
        book.invalidate_recordset(["next_number"])
        self.assertEqual(book.next_number, before)

    def test_no_client_marks_an_outgoing_document_entered_late(self):
        with self.assertRaises(AccessError):
            self.new_draft(is_late_entry=True)
        with self.assertRaises(AccessError):
            self.new_draft(outage_id=self.outage.id)
        doc = self.new_draft()
        for user in (self.staff, self.clerk):
            with self.assertRaises(AccessError):
                doc.with_user(user).write({"is_late_entry": True})
            with self.assertRaises(AccessError):
                doc.with_user(user).write({"outage_id": self.outage.id})
