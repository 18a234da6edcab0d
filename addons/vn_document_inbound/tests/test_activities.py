# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest.mock import patch

from odoo.tests import tagged

from .test_incoming import IncomingCase

DIRECTIVE = "vn_document_inbound.mail_act_vn_incoming_directive"
LEAD = "vn_document_inbound.mail_act_vn_incoming_lead"


@tagged("post_install", "-at_install")
class TestIncomingActivities(IncomingCase):
    """The steps of an incoming document are the suite's activity types, scheduled and
    closed by _vn_activity_update as the document moves (no generic To-Do)."""

    def activities(self, doc):
        return {
            (a.activity_type_id, a.user_id)
            for a in doc.activity_ids.sudo()
            if a.activity_type_id
        }

    def done_types(self, doc):
        """The activity types marked done on the document (their feedback messages)."""
        return doc.sudo().message_ids.mail_activity_type_id

    def test_activity_types_along_the_workflow(self):
        directive, lead = self.env.ref(DIRECTIVE), self.env.ref(LEAD)
        todo = self.env.ref("mail.mail_activity_data_todo")
        doc = self.receive()
        doc.with_user(self.users["clerk"]).action_register()
        self.assertFalse(doc.activity_ids)
        doc.with_user(self.users["clerk"]).action_submit(self.users["agency_head"])
        self.assertEqual(doc.submitted_to_id, self.users["agency_head"])
        self.assertEqual(self.activities(doc), {(directive, self.users["agency_head"])})
        self.env["vn.incoming.assign.wizard"].with_user(
            self.users["agency_head"]
        ).create(
            {
                "document_id": doc.id,
                "directive": "Phòng Kinh tế chủ trì.",
                "lead_department_id": self.unit.id,
                "deadline_days": 3,
            }
        ).action_confirm()
        line = doc.assignment_ids.filtered(lambda a: a.role == "lead")
        # The head's directive is done; the head of the lead unit must act, by the
        # lead's deadline.
        self.assertEqual(self.activities(doc), {(lead, self.users["department_head"])})
        self.assertIn(directive, self.done_types(doc))
        self.assertEqual(doc.activity_ids.date_deadline, line.deadline)
        # Passed on to a person: the unit's activity is done, the person's scheduled.
        self.env["vn.assignment.pass.wizard"].with_user(
            self.users["department_head"]
        ).create(
            {"assignment_id": line.id, "user_id": self.users["staff"].id}
        ).action_confirm()
        self.assertEqual(self.activities(doc), {(lead, self.users["staff"])})
        mine = doc.assignment_ids.filtered(lambda a: a.user_id == self.users["staff"])
        self.env["vn.assignment.complete.wizard"].with_user(self.users["staff"]).create(
            {"assignment_id": mine.id, "result": "Đã xử lý."}
        ).action_confirm()
        self.assertEqual(doc.state, "done")
        self.assertFalse(doc.activity_ids)
        self.assertIn(lead, self.done_types(doc))
        self.assertNotIn(todo, self.done_types(doc))

    def test_return_removes_the_directive(self):
        doc = self.receive()
        doc.with_user(self.users["clerk"]).action_register()
        doc.with_user(self.users["clerk"]).action_submit(self.users["agency_head"])
        self.assertTrue(doc.activity_ids)
        doc.with_user(self.users["clerk"])._vn_return("Sai nơi nhận")
        self.assertFalse(doc.activity_ids)
        self.assertNotIn(self.env.ref(DIRECTIVE), self.done_types(doc))

    def test_summary_in_the_language_of_who_acts(self):
        """An English-speaking clerk submits to a Vietnamese head: the head's activity
        reads in Vietnamese."""
        directive = self.env.ref(DIRECTIVE)
        directive.with_context(lang="vi_VN").summary = "Cho y kien chi dao"
        self.users["clerk"].lang = "en_US"
        doc = self.receive()
        doc.with_user(self.users["clerk"]).action_register()
        doc.with_user(self.users["clerk"]).action_submit(self.users["agency_head"])
        self.assertEqual(doc.activity_ids.summary, "Cho y kien chi dao")


@tagged("post_install", "-at_install")
class TestReminderProgress(IncomingCase):
    """The daily reminder reports its progress to the scheduler and resumes where a
    run cut short by its time limit stopped, reminding nobody twice a day."""

    def test_cut_short_then_resumed(self):
        docs = [self.receive(code_number=str(n)) for n in (1, 2, 3)]
        for doc in docs:
            self.assign_to_unit(doc, days=1)
        calls = []

        def progress(processed=0, *, remaining=None, deactivate=False):
            calls.append((processed, remaining))
            return 0.0 if processed else 60.0  # time is up after the first batch

        Incoming = self.env["vn.document.incoming"]
        with patch.object(
            self.registry["ir.cron"], "_commit_progress", side_effect=progress
        ):
            self.assertEqual(Incoming._cron_remind_deadlines(batch_size=1), 3)
            self.assertEqual(calls, [(0, 3), (1, None)])
            reminded = Incoming.env["vn.document.assignment"].search(
                [("reminded_on", "!=", False)]
            )
            self.assertEqual(len(reminded), 1)
            calls.clear()
            self.assertEqual(Incoming._cron_remind_deadlines(batch_size=5), 2)
            self.assertEqual(calls, [(0, 2), (2, None)])
            self.assertEqual(Incoming._cron_remind_deadlines(), 0)
