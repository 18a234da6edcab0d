# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from odoo.addons.vn_document_inbound.tests.test_first_impressions import (
    year_fields_formatted,
)

from .common import PASSPHRASE, OutgoingCase

PREFIX = "vn_document_outbound.mail_act_vn_outgoing_"


@tagged("post_install", "-at_install")
class TestOutgoingActivities(OutgoingCase):
    """Whose turn it is on an outgoing document is an activity of the step's type,
    scheduled and closed by _vn_activity_update (no generic To-Do)."""

    def activities(self, doc):
        return {(a.activity_type_id, a.user_id) for a in doc.activity_ids.sudo()}

    def kind(self, name):
        return self.env.ref(PREFIX + name)

    def test_activity_types_along_the_workflow(self):
        doc = self.new_draft(reviewer_ids=[(4, self.reviewer.id)])
        self.assertFalse(doc.activity_ids, "the drafter's own draft: nothing to remind")
        doc.with_user(self.staff)._vn_add_version(
            "du-thao-1.pdf", self.final_pdf, "draft"
        )
        doc.with_user(self.staff).action_send_for_review()
        self.assertEqual(self.activities(doc), {(self.kind("review"), self.reviewer)})
        doc.with_user(self.reviewer)._vn_review("Sửa lại căn cứ pháp lý")
        self.assertEqual(
            self.activities(doc), {(self.kind("approve"), self.head_of_unit)}
        )
        doc.with_user(self.head_of_unit)._vn_return_to_drafter("Bổ sung căn cứ")
        self.assertEqual(self.activities(doc), {(self.kind("draft"), self.staff)})
        doc.with_user(self.staff)._vn_add_version(
            "du-thao-2.pdf", self.final_pdf, "final"
        )
        doc.with_user(self.staff).action_send_to_head()
        doc.with_user(self.head_of_unit).action_approve_content()
        self.assertEqual(
            self.activities(doc), {(self.kind("format_check"), self.clerk)}
        )
        doc.with_user(self.clerk).action_approve_format()
        self.assertEqual(self.activities(doc), {(self.kind("sign"), self.signer)})
        doc.with_user(self.signer)._vn_sign(self.signer_key, PASSPHRASE)
        self.assertEqual(self.activities(doc), {(self.kind("issue"), self.clerk)})
        doc.with_user(self.clerk)._vn_issue(self.agency_p12_key, PASSPHRASE)
        self.assertFalse(doc.activity_ids)
        done = doc.sudo().message_ids.mail_activity_type_id
        for name in ("review", "approve", "draft", "format_check", "sign", "issue"):
            self.assertIn(self.kind(name), done, name)
        self.assertNotIn(self.env.ref("mail.mail_activity_data_todo"), done)

    def test_draft_asked_of_someone_else(self):
        doc = (
            self.env["vn.document.outgoing"]
            .with_user(self.head_of_unit)
            .create(
                {
                    "document_type_id": self.letter.id,
                    "subject": "Công văn trả lời Sở Nội vụ",
                    "drafting_department_id": self.department.id,
                    "drafter_id": self.staff.id,
                }
            )
        )
        self.assertEqual(self.activities(doc), {(self.kind("draft"), self.staff)})
        # Summaries read in the drafter's language (Vietnamese), whoever asked.
        self.assertEqual(
            doc.activity_ids.summary,
            self.kind("draft").with_context(lang="vi_VN").summary,
        )

    def test_years_without_thousands_separator(self):
        self.assertEqual(
            year_fields_formatted(
                self.env, "vn.outgoing.register.report.wizard", ["form"]
            ),
            [],
        )
