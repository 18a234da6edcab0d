# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Leaving hands over every kind of open work (R-US2, R-US3)."""

from odoo.tests import tagged

from odoo.addons.vn_document_outbound.tests.common import OutgoingCase

from .common import CaseFileSetup


@tagged("post_install", "-at_install")
class TestLeaverHandsOverEverything(CaseFileSetup, OutgoingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_case_files(unit=cls.department)

    def _disable(self, user, successor):
        wizard = (
            self.env["vn.user.disable.wizard"]
            .with_user(self.admin)
            .create(
                {"user_id": user.id, "successor_id": successor.id, "reason": "leave"}
            )
        )
        count = wizard.open_work_count
        wizard.action_confirm()
        return count

    def test_staff_member_leaves(self):
        """R-US3: the leaver's open incoming assignment, outgoing draft, open case
        file and planned activity all go to the successor; the closed file stays his
        own."""
        staff, successor = self.staff, self.colleague
        incoming = self._incoming("Công văn cần xử lý", self.today, done=False)
        draft = self.new_draft()
        case = self._new_file()
        closed = self._new_file(subject="Hồ sơ đã đóng")
        closed.vn_attach([self._paper("Ghi chép", self.today, staff)])
        closed.action_close()
        activity = self.env["mail.activity"].create(
            {
                "res_model_id": self.env["ir.model"]._get_id("vn.case.file"),
                "res_id": case.id,
                "user_id": staff.id,
                "summary": "Bổ sung hồ sơ",
            }
        )
        # The assignment brings its own planned activity: at least four items.
        self.assertGreaterEqual(self._disable(staff, successor), 4)
        self.assertFalse(staff.active)
        self.assertEqual(staff._vn_open_work_count(), 0)
        self.assertEqual(
            incoming.assignment_ids.filtered(lambda a: a.state == "open").user_id,
            successor,
        )
        # Read as superuser: the leaver no longer sees them.
        self.assertEqual(draft.sudo().drafter_id, successor)
        self.assertEqual(case.sudo().creator_id, successor)
        self.assertEqual(closed.sudo().creator_id, staff)
        self.assertEqual(activity.sudo().user_id, successor)
        event = self.env["vn.user.handover"].search([("user_id", "=", staff.id)])
        self.assertEqual(event.kind, "left")
        self.assertIn("1 open case files", event.summary)
        self.assertGreaterEqual(successor._vn_open_work_count(), 4)

    def test_signer_leaves(self):
        """R-US3, R-US4: the signing turn of a document awaiting signature goes to the
        successor; the leaver's keys are archived, never handed over."""
        doc = self.bring_to_signing(self.new_draft())
        successor = self.admin
        self._disable(self.signer, successor)
        self.assertEqual(doc.signer_id, successor)
        self.assertIn(successor, doc.turn_user_ids)
        self.assertFalse(self.signer_key.active)
        self.assertEqual(self.signer_key.user_id, self.signer)

    def test_archivist_role(self):
        """R-US1: the archivist's role gives exactly the archive's group (with the
        staff level it implies)."""
        person = self.stranger
        self.env["res.users.role.line"].with_user(self.admin).create(
            {
                "user_id": person.id,
                "role_id": self.env.ref("vn_case_file.role_vn_document_archivist").id,
            }
        )
        suite = self.env["res.groups"]._vn_suite_groups()
        archivist = self.env.ref("vn_case_file.group_vn_document_archivist")
        self.assertEqual(
            person.all_group_ids & suite, archivist.all_implied_ids & suite
        )
