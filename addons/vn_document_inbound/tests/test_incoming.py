# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
from datetime import date, datetime
from unittest.mock import patch

from cryptography.hazmat.primitives import serialization

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.vn_document_base.tests import pdf_fixtures, pki
from odoo.addons.vn_document_base.tests.common import VnDocumentCase
from odoo.addons.vn_document_base.tools.legal import vn_now

EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


class IncomingCase(VnDocumentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ca = pki.build_pki()
        cls.env["vn.trusted.root"].search(
            []
        ).active = False  # only the test root counts
        cls.env["vn.trusted.root"].create(
            {
                "name": "Test root",
                "certificate": base64.b64encode(
                    ca["root"]["cert"].public_bytes(serialization.Encoding.PEM)
                ),
            }
        )
        cls.book = cls.env["vn.register.book"].create(
            {"name": "Sổ văn bản đến", "kind": "incoming", "padding": 1}
        )
        cls.sender = cls.env["res.partner"].create(
            {
                "name": "Sở Tư pháp",
                "is_company": True,
                "vn_organ_code": "000.00.97.H29",
                "email": "stp@example.gov.vn",
            }
        )
        cls.unit = cls.env["hr.department"].create(
            {"name": "Phòng Kinh tế", "vn_short_name": "KT"}
        )
        cls.other_unit = cls.env["hr.department"].create(
            {"name": "Phòng Văn hóa - Xã hội", "vn_short_name": "VHXH"}
        )
        cls.dept_head_employee = cls.env["hr.employee"].create(
            {
                "name": "Trưởng phòng",
                "user_id": cls.users["department_head"].id,
                "department_id": cls.unit.id,
            }
        )
        cls.unit.manager_id = cls.dept_head_employee
        cls.env["hr.employee"].create(
            {
                "name": "Chuyên viên",
                "user_id": cls.users["staff"].id,
                "department_id": cls.unit.id,
            }
        )
        cls.outsider = new_test_user(
            cls.env,
            login="vn_test_outsider",
            groups="vn_document_base.group_vn_document_staff",
        )
        cls.signed_pdf = pdf_fixtures.make_two_signature_pdf()
        # Deadlines are counted on a calendar without holidays in these tests.
        cls.company.resource_calendar_id = cls.env["resource.calendar"].create(
            {"name": "Giờ hành chính", "tz": "Asia/Ho_Chi_Minh"}
        )

    def upload(self, name, data, user="clerk"):
        """A file as the clerk's browser uploads it, before it is checked."""
        return (
            self.env["ir.attachment"]
            .with_user(self.users[user])
            .create({"name": name, "raw": data, "res_model": "vn.document.incoming"})
        )

    def receive(self, user="clerk", **values):
        vals = {
            "subject": "V/v triển khai Quyết định số 12",
            "channel": "email",
            "sender_id": self.sender.id,
            "code_number": "12",
            "code_notation": "QĐ-STP",
            "register_book_id": self.book.id,
        }
        vals.update(values)
        if "upload_ids" not in vals:
            vals["upload_ids"] = [
                (6, 0, self.upload("qd-12.pdf", self.signed_pdf, user).ids)
            ]
        return self.env["vn.document.incoming"].with_user(self.users[user]).create(vals)

    def assign_to_unit(self, doc, days=3):
        doc.with_user(self.users["clerk"]).action_register()
        doc.with_user(self.users["clerk"]).action_submit(self.users["agency_head"])
        wizard = (
            self.env["vn.incoming.assign.wizard"]
            .with_user(self.users["agency_head"])
            .create(
                {
                    "document_id": doc.id,
                    "directive": "Phòng Kinh tế chủ trì, báo cáo trước hạn.",
                    "lead_department_id": self.unit.id,
                    "deadline_days": days,
                    "inform_user_ids": [(6, 0, self.users["follow_up"].ids)],
                }
            )
        )
        wizard.action_confirm()
        return wizard


@tagged("post_install", "-at_install")
class TestReceiveAndRegister(IncomingCase):
    def test_receive_checks_files_and_reads_metadata(self):
        """R-IN1, R-IN2: files checked on arrival; signatures, legal value and page
        count shown."""
        doc = self.receive()
        self.assertEqual(doc.state, "received")
        self.assertEqual(doc.channel, "email")
        self.assertEqual(len(doc.file_ids), 1)
        self.assertFalse(doc.upload_ids)
        self.assertEqual(doc.legal_value, "original")
        self.assertEqual(doc.page_count, 2)
        self.assertEqual(doc.signer_name, "Nguyễn Văn An")
        self.assertEqual(len(doc.signature_ids), 2)
        self.assertEqual(
            doc.trail_ids[0].action, "Tiếp nhận qua Thư điện tử"
        )  # written in the clerk's language

    @mute_logger("odoo.addons.vn_document_base.models.vn_file_check")
    def test_file_that_fails_is_never_registered(self):
        """R-IN2, R-SEC2: malware refuses the whole receipt; nothing is left behind."""
        before = self.env["vn.document.incoming"].search_count([])
        with self.assertRaises(UserError):
            self.receive(upload_ids=[(6, 0, self.upload("virus.pdf", EICAR).ids)])
        self.assertEqual(self.env["vn.document.incoming"].search_count([]), before)

    def test_arrival_numbers_in_order_of_registration(self):
        """R-IN6: số đến from the incoming book, consecutive, per year."""
        first, second = self.receive(), self.receive(code_number="13")
        second.with_user(self.users["clerk"]).action_register()
        first.with_user(self.users["clerk"]).action_register()
        self.assertEqual((second.arrival_number, first.arrival_number), (1, 2))
        self.assertEqual(first.state, "registered")
        self.assertEqual(first.registered_by_id, self.users["clerk"])
        self.assertEqual(first.file_catalog, first.arrival_date.year)
        with self.assertRaises(UserError):
            first.with_user(self.users["clerk"]).action_register()

    def test_duplicate_warning(self):
        """Phụ lục VI III.1.h: same identifier, or same number + symbol + issuing
        agency."""
        # The identifier comes with a package from the platform, never from a clerk
        # (R-LG4).
        first = self.receive()
        first.sudo().document_identifier = "000.00.97.H29,2026/03/02,12/QĐ-STP"
        again = self.receive()
        self.assertIn(first, again.duplicate_ids)
        other = self.receive(code_number="99")
        other.sudo().document_identifier = "000.00.97.H29,2026/03/02,12/QĐ-STP"
        self.assertIn(first, other.duplicate_ids)
        unrelated = self.receive(code_number="100")
        self.assertFalse(unrelated.duplicate_ids)

    def test_late_entry_after_an_outage(self):
        """R-OP1: real arrival date kept, marked as entered late, linked to the
        outage, with the clerk's note."""
        outage = self.env["vn.system.outage"].create(
            {
                "start": datetime(2026, 3, 2, 1, 0),
                "end": datetime(2026, 3, 2, 9, 0),
                "description": "Mất điện",
            }
        )
        doc = self.receive(
            channel="paper",
            upload_ids=[],
            arrival_date=datetime(2026, 3, 2, 3, 0),
            outage_id=outage.id,
            late_reason="Nhận bản giấy",
        )
        doc.with_user(self.users["clerk"]).action_register()
        self.assertEqual(doc.arrival_date, datetime(2026, 3, 2, 3, 0))
        self.assertEqual(doc.file_catalog, 2026)
        self.assertTrue(doc.is_late_entry)
        self.assertEqual(
            doc.trail_ids[-1].note,
            "Vào sổ muộn (sự cố ngày 02/03/2026); Nhận bản giấy",
        )

    def test_electronic_document_needs_checked_files(self):
        doc = self.receive(upload_ids=[])
        with self.assertRaises(UserError):
            doc.with_user(self.users["clerk"]).action_register()

    def test_urgent_documents_first(self):
        """R-IN11: urgent documents at the top of every list."""
        normal = self.receive(code_number="1")
        urgent = self.receive(
            code_number="2",
            urgency_id=self.env.ref("vn_document_base.vn_document_urgency_hoa_toc").id,
        )
        listed = self.env["vn.document.incoming"].search(
            [("id", "in", (normal | urgent).ids)]
        )
        self.assertEqual(listed[0], urgent)
        self.assertTrue(urgent.is_urgent)

    def test_accent_insensitive_search(self):
        doc = self.receive(subject="Quyết định về việc thành lập Tổ công tác")
        found = self.env["vn.document.incoming"].search(
            [("subject", "ilike", "quyet dinh ve viec")]
        )
        self.assertIn(doc, found)
        self.assertIn(
            doc,
            self.env["vn.document.incoming"].search(
                [("code_notation", "ilike", "qd-stp")]
            ),
        )


@tagged("post_install", "-at_install")
class TestDirectAssignComplete(IncomingCase):
    def test_full_path_with_trail(self):
        """R-IN9: submit, directive with lead and informed, pass on, complete; every
        step in the trail."""
        doc = self.receive()
        self.assign_to_unit(doc, days=3)
        self.assertEqual(doc.state, "in_progress")
        lead = doc.assignment_ids.filtered(lambda a: a.role == "lead")
        self.assertEqual(lead.department_id, self.unit)
        # Counted from the agency's (Vietnam) today, not the server's: near midnight
        # they differ.
        self.assertEqual(
            doc.deadline, self.company.vn_add_working_days(vn_now().date(), 3)
        )
        self.assertIn("Phòng Kinh tế", doc.to_places)
        self.assertTrue(
            doc.activity_ids.filtered(
                lambda a: a.user_id == self.users["department_head"]
            )
        )
        # The head of department passes the unit's part to a person.
        wizard = (
            self.env["vn.assignment.pass.wizard"]
            .with_user(self.users["department_head"])
            .create({"assignment_id": lead.id, "user_id": self.users["staff"].id})
        )
        wizard.action_confirm()
        mine = doc.assignment_ids.filtered(lambda a: a.user_id == self.users["staff"])
        self.assertEqual(lead.state, "passed")
        self.assertEqual(mine.deadline, lead.deadline)
        # The staff member completes with a result.
        self.env["vn.assignment.complete.wizard"].with_user(self.users["staff"]).create(
            {"assignment_id": mine.id, "result": "Đã tham mưu văn bản trả lời."}
        ).action_confirm()
        self.assertEqual(doc.state, "done")
        actions = doc.trail_ids.mapped("action")
        # received, file checked, registered, submitted, assigned, passed on, completed,
        # handling completed
        self.assertEqual(len(actions), 8, actions)
        self.assertEqual(doc.trail_ids.mapped("user_id")[-1], self.users["staff"])

    def test_cooperation_deadline_and_result_file(self):
        doc = self.receive()
        doc.with_user(self.users["clerk"]).action_register()
        head = self.users["agency_head"]
        wizard = (
            self.env["vn.incoming.assign.wizard"]
            .with_user(head)
            .create(
                {
                    "document_id": doc.id,
                    "lead_user_id": self.users["staff"].id,
                    "deadline": "2030-03-20",
                    "cooperate_user_ids": [(6, 0, self.users["department_head"].ids)],
                    "cooperate_deadline": "2030-03-25",
                }
            )
        )
        with self.assertRaises(UserError):
            wizard.action_confirm()
        wizard.cooperate_deadline = "2030-03-15"
        wizard.action_confirm()
        lines = {line.role: line for line in doc.assignment_ids}
        self.assertEqual(str(lines["cooperate"].deadline), "2030-03-15")
        self.assertEqual(str(lines["lead"].deadline), "2030-03-20")
        draft = base64.b64encode(pdf_fixtures.make_pdf(pages=1))
        self.env["vn.assignment.complete.wizard"].with_user(self.users["staff"]).create(
            {
                "assignment_id": lines["lead"].id,
                "result": "Dự thảo văn bản trả lời",
                "result_file": draft,
                "result_filename": "du-thao.pdf",
            }
        ).action_confirm()
        self.assertEqual(lines["lead"].result_file_id.name, "du-thao.pdf")
        self.assertEqual(lines["lead"].result_file_id.res_id, doc.id)

    def test_lead_required_and_only_assignee_completes(self):
        doc = self.receive()
        doc.with_user(self.users["clerk"]).action_register()
        wizard = (
            self.env["vn.incoming.assign.wizard"]
            .with_user(self.users["agency_head"])
            .create(
                {
                    "document_id": doc.id,
                    "inform_user_ids": [(6, 0, self.users["staff"].ids)],
                }
            )
        )
        with self.assertRaises(UserError):
            wizard.action_confirm()
        self.env["vn.incoming.assign.wizard"].with_user(
            self.users["agency_head"]
        ).create(
            {"document_id": doc.id, "lead_user_id": self.users["department_head"].id}
        ).action_confirm()
        lead = doc.assignment_ids
        with self.assertRaises(UserError):
            self.env["vn.assignment.complete.wizard"].with_user(
                self.users["clerk"]
            ).create({"assignment_id": lead.id, "result": "x"}).action_confirm()

    def test_return_to_sender(self):
        """R-IN3: returned with a reason, the sender notified."""
        doc = self.receive()
        self.env["vn.incoming.return.wizard"].with_user(self.users["clerk"]).create(
            {"document_id": doc.id, "reason": "Gửi nhầm cơ quan"}
        ).action_confirm()
        self.assertEqual(doc.state, "returned")
        message = doc.message_ids.filtered(lambda m: self.sender in m.partner_ids)
        self.assertTrue(message)
        self.assertIn("Gửi nhầm cơ quan", doc.trail_ids[-1].note)

    def test_return_by_email_to_an_unknown_sender(self):
        """R-IN3: the sender is told through the channel it came by (e-mail here)."""
        doc = self.receive(
            channel="email",
            sender_id=False,
            sender_email="vanthu@so-khac.example.gov.vn",
        )
        doc._vn_return("Không đúng thẩm quyền")
        mail = self.env["mail.mail"].search(
            [("model", "=", doc._name), ("res_id", "=", doc.id)]
        )
        self.assertEqual(mail.email_to, "vanthu@so-khac.example.gov.vn")
        self.assertIn("Không đúng thẩm quyền", mail.body_html)

    def test_clerk_routes_directly_only_when_the_agency_allows(self):
        doc = self.receive()
        doc.with_user(self.users["clerk"]).action_register()
        wizard = (
            self.env["vn.incoming.assign.wizard"]
            .with_user(self.users["clerk"])
            .create({"document_id": doc.id, "lead_user_id": self.users["staff"].id})
        )
        with self.assertRaises(UserError):
            wizard.action_confirm()
        self.env["ir.config_parameter"].set_param(
            "vn_document_inbound.clerk_direct_routing", "True"
        )
        wizard.action_confirm()
        self.assertEqual(doc.state, "in_progress")

    def test_events_for_the_connector(self):
        """R-IN4: receiving, registering, assigning, passing on and completing raise
        events (fake listener)."""
        events = []
        model = type(self.env["vn.document.incoming"])
        with patch.object(
            model,
            "_vn_notify_event",
            lambda self, event: events.append((self.id, event)),
        ):
            doc = self.receive()
            self.assign_to_unit(doc)
            self.assertEqual(
                [e for _i, e in events], ["received", "registered", "assigned"]
            )
            lead = doc.assignment_ids.filtered(lambda a: a.role == "lead")
            self.env["vn.assignment.pass.wizard"].with_user(
                self.users["department_head"]
            ).create(
                {"assignment_id": lead.id, "user_id": self.users["staff"].id}
            ).action_confirm()
        self.assertEqual(events[-1], (doc.id, "in_progress"))

    def test_reminders(self):
        """R-IN12: the daily job reminds before and after the deadline."""
        doc = self.receive()
        self.assign_to_unit(doc, days=1)
        # Outside the scheduler _commit_progress commits, which a test may not do.
        with patch.object(
            self.registry["ir.cron"], "_commit_progress", return_value=60.0
        ):
            count = self.env["vn.document.incoming"]._cron_remind_deadlines()
        self.assertEqual(count, 1)
        self.assertIn(
            self.users["department_head"].partner_id, doc.message_ids[0].partner_ids
        )
        doc.assignment_ids.filtered(lambda a: a.role == "lead").sudo().deadline = date(
            2020, 1, 1
        )
        self.assertTrue(doc.is_overdue)
        self.assertIn(
            doc, self.env["vn.document.incoming"].search([("is_overdue", "=", True)])
        )

    def test_leaving_person_hands_over_assignments(self):
        """R-US3: disabling an account hands its incoming assignments to the
        successor."""
        doc = self.receive()
        doc.with_user(self.users["clerk"]).action_register()
        self.env["vn.incoming.assign.wizard"].with_user(
            self.users["agency_head"]
        ).create(
            {"document_id": doc.id, "lead_user_id": self.users["staff"].id}
        ).action_confirm()
        wizard = (
            self.env["vn.user.disable.wizard"]
            .with_user(self.manager)
            .create(
                {
                    "user_id": self.users["staff"].id,
                    "successor_id": self.users["department_head"].id,
                }
            )
        )
        wizard.action_confirm()
        self.assertEqual(doc.assignment_ids.user_id, self.users["department_head"])


@tagged("post_install", "-at_install")
class TestIncomingAccess(IncomingCase):
    """R-SEC3: each role sees what the regulation allows, files included."""

    def test_who_sees_what(self):
        assigned = self.receive(code_number="1")
        self.assign_to_unit(assigned)
        other = self.receive(code_number="2")
        Incoming = self.env["vn.document.incoming"]
        for role in ("clerk", "agency_head", "follow_up"):
            self.assertEqual(
                Incoming.with_user(self.users[role]).search_count(
                    [("id", "in", (assigned | other).ids)]
                ),
                2,
                role,
            )
        self.assertEqual(
            Incoming.with_user(self.users["department_head"]).search(
                [("id", "in", (assigned | other).ids)]
            ),
            assigned,
        )
        # The follow-up officer was informed (để biết); an unrelated staff member sees
        # nothing.
        self.assertFalse(
            Incoming.with_user(self.outsider).search(
                [("id", "in", (assigned | other).ids)]
            )
        )
        with self.assertRaises(AccessError):
            other.with_user(self.users["department_head"]).read(["subject"])

    def test_files_follow_the_document(self):
        doc = self.receive()
        attachment = doc.main_file_id.attachment_id
        attachment.with_user(self.users["clerk"]).read(["raw"])
        with self.assertRaises(AccessError):
            attachment.with_user(self.outsider).read(["raw"])

    def test_staff_cannot_change_documents(self):
        doc = self.receive()
        self.assign_to_unit(doc)
        with self.assertRaises(AccessError):
            doc.with_user(self.users["department_head"]).write({"subject": "changed"})

    def test_registered_document_cannot_be_deleted(self):
        doc = self.receive()
        doc.action_register()
        with self.assertRaises(UserError):
            doc.unlink()


@tagged("post_install", "-at_install")
class TestIncomingForm(IncomingCase):
    def test_clerk_form(self):
        form = Form(self.env["vn.document.incoming"].with_user(self.users["clerk"]))
        form.subject = "Giấy mời họp"
        form.channel = "paper"
        form.sender_id = self.sender
        doc = form.save()
        self.assertEqual(doc.state, "received")


@tagged("post_install", "-at_install")
class TestRegisterLegalRecord(IncomingCase):
    """A register is a legal record: its year, its language and its readers (R-IN6,
    R-SEC3)."""

    def test_first_hours_of_the_year_in_vietnam(self):
        """R-IN6: arriving at 00:30 on 1 January in Vietnam (17:30 UTC the day before)
        is filed under the new year and takes the new year's first number, with no year
        prepared in advance."""
        late_old_year = self.receive(
            arrival_date=datetime(2026, 12, 31, 16, 0)
        )  # 23:00 in Vietnam
        new_year = self.receive(
            arrival_date=datetime(2026, 12, 31, 17, 30), code_number="13"
        )  # 00:30, 1/1/2027
        clerk = self.users["clerk"]
        late_old_year.with_user(clerk).action_register()
        new_year.with_user(clerk).action_register()
        self.assertEqual(late_old_year.file_catalog, 2026)
        self.assertEqual(new_year.file_catalog, 2027)
        self.assertEqual(
            new_year.arrival_number, 1, "the first number of 2027's series"
        )
        self.assertEqual(new_year._local_arrival_date(), date(2027, 1, 1))

    def test_trail_is_vietnamese_whatever_the_interface(self):
        """R-SEC3: the trail (sent to other agencies with the document) is written in
        Vietnamese even when the clerk works in English."""
        clerk = self.users["clerk"]
        clerk.lang = "en_US"
        doc = self.receive()
        doc.with_user(clerk).action_register()
        actions = doc.sudo().trail_ids.mapped("action")
        self.assertTrue(
            any(a.startswith("Đã vào sổ") or "số đến" in a for a in actions), actions
        )
        self.assertFalse([a for a in actions if a.startswith("Registered")], actions)

    def test_document_administrator_reads_all_incoming(self):
        """R-SEC3: the document administrator reads every incoming document, as every
        outgoing one."""
        doc = self.receive()
        self.assertTrue(doc.with_user(self.users["admin"]).has_access("read"))
        self.assertIn(
            doc,
            self.env["vn.document.incoming"].with_user(self.users["admin"]).search([]),
        )

    def test_register_entry_corrected_by_a_record(self):
        """R-IN6: a registered entry never changes, even for the superuser; a correction
        is a record printed in the register book's notes."""
        doc = self.receive()
        doc.with_user(self.users["clerk"]).action_register()
        with self.assertRaises(UserError):
            doc.sudo().write({"subject": "Sửa thẳng"})
        with self.assertRaises(AccessError):
            doc.with_user(self.users["staff"])._vn_record_correction(
                "subject", "Đúng", "Gõ nhầm"
            )
        doc.with_user(self.users["clerk"])._vn_record_correction(
            "code_notation", "QĐ-STP2", "Nhầm ký hiệu"
        )
        self.assertEqual(doc.code_notation, "QĐ-STP")
        wizard = self.env["vn.incoming.register.report.wizard"].create(
            {"register_book_id": self.book.id, "year": doc.file_catalog}
        )
        row = wizard._register_row(doc)
        self.assertIn("QĐ-STP2", row["note"])
        self.assertIn("Nhầm ký hiệu", row["note"])
