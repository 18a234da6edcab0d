# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from cryptography.hazmat.primitives import serialization

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.vn_document_base.tests import pdf_fixtures, pki
from odoo.addons.vn_document_base.tools.legal import vn_local_date


@tagged("post_install", "-at_install")
class TestIncomingTour(HttpCase):
    """R-IN6, R-IN9 on screen: the clerk registers an uploaded signed PDF, the head
    assigns it with a deadline, the staff member completes it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ca = pki.build_pki()
        cls.env["vn.trusted.root"].search([]).active = False
        cls.env["vn.trusted.root"].create(
            {
                "name": "Test root",
                "certificate": base64.b64encode(
                    ca["root"]["cert"].public_bytes(serialization.Encoding.PEM)
                ),
            }
        )
        cls.env.company.resource_calendar_id = cls.env["resource.calendar"].create(
            {"name": "Giờ hành chính", "tz": "Asia/Ho_Chi_Minh"}
        )
        common = {"lang": "vi_VN", "tz": "Asia/Ho_Chi_Minh"}
        cls.clerk = new_test_user(
            cls.env,
            login="tour_clerk",
            name="Văn thư Tour",
            groups="vn_document_base.group_vn_document_clerk",
            **common,
        )
        cls.head = new_test_user(
            cls.env,
            login="tour_head",
            name="Lãnh đạo Tour",
            groups="vn_document_base.group_vn_document_agency_head",
            **common,
        )
        cls.staff = new_test_user(
            cls.env,
            login="tour_staff",
            name="Chuyên viên Tour",
            groups="vn_document_base.group_vn_document_staff",
            **common,
        )
        book = cls.env["vn.register.book"].create(
            {"name": "Sổ đến (tour)", "kind": "incoming"}
        )
        upload = (
            cls.env["ir.attachment"]
            .with_user(cls.clerk)
            .create(
                {
                    "name": "qd-giao-chi-tieu.pdf",
                    "raw": pdf_fixtures.make_two_signature_pdf(),
                    "res_model": "vn.document.incoming",
                }
            )
        )
        cls.doc = (
            cls.env["vn.document.incoming"]
            .with_user(cls.clerk)
            .create(
                {
                    "subject": "Tour: Quyết định giao chỉ tiêu năm 2026",
                    "channel": "email",
                    "register_book_id": book.id,
                    "upload_ids": [(6, 0, upload.ids)],
                }
            )
        )

    def test_register_assign_complete(self):
        url = "/odoo/action-vn_document_inbound.vn_document_incoming_action"
        self.start_tour(url, "vn_incoming_clerk_tour", login="tour_clerk")
        self.assertEqual(self.doc.state, "submitted")
        self.assertEqual(self.doc.arrival_number, 1)
        self.start_tour(url, "vn_incoming_head_tour", login="tour_head")
        self.assertEqual(self.doc.state, "in_progress")
        self.assertEqual(self.doc.assignment_ids.user_id, self.staff)
        assigned_on = vn_local_date(
            self.doc.assignment_ids.create_date
        )  # the agency's day, not UTC's
        self.assertEqual(
            self.doc.deadline, self.env.company.vn_add_working_days(assigned_on, 3)
        )
        self.start_tour(url, "vn_incoming_staff_tour", login="tour_staff")
        self.assertEqual(self.doc.state, "done")
        self.assertEqual(self.doc.assignment_ids.result, "Đã tham mưu văn bản trả lời.")


@tagged("post_install", "-at_install")
class TestIncomingPhoneTour(HttpCase):
    """On a phone: the incoming documents as cards, a document's form, registering."""

    browser_size = "375x667"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clerk = new_test_user(
            cls.env,
            login="phone_clerk",
            name="Văn thư Điện thoại",
            groups="vn_document_base.group_vn_document_clerk",
            lang="vi_VN",
            tz="Asia/Ho_Chi_Minh",
        )
        book = cls.env["vn.register.book"].create(
            {"name": "Sổ đến (điện thoại)", "kind": "incoming"}
        )
        cls.doc = (
            cls.env["vn.document.incoming"]
            .with_user(cls.clerk)
            .create(
                {
                    "subject": "Điện thoại: Công văn về lịch tiếp công dân",
                    "channel": "paper",
                    "register_book_id": book.id,
                }
            )
        )

    def test_phone(self):
        # The clerk's home action: the incoming documents.
        self.start_tour("/odoo", "vn_incoming_phone_tour", login="phone_clerk")
        self.assertEqual(self.doc.state, "registered")
        self.assertTrue(self.doc.arrival_number)
