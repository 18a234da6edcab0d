# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import VnDocumentCase


@tagged("post_install", "-at_install")
class TestRoles(VnDocumentCase):
    """R-US1: roles are groups with implied rights."""

    def test_role_hierarchy(self):
        users = self.users
        self.assertTrue(
            users["agency_head"].has_group(
                "vn_document_base.group_vn_document_department_head"
            )
        )
        self.assertTrue(
            users["department_head"].has_group(
                "vn_document_base.group_vn_document_staff"
            )
        )
        self.assertTrue(
            users["clerk"].has_group("vn_document_base.group_vn_document_staff")
        )
        self.assertTrue(
            users["follow_up"].has_group("vn_document_base.group_vn_document_staff")
        )
        # accounts and the suite's settings, not Odoo's system group (issue 14)
        self.assertTrue(users["admin"].has_group("base.group_erp_manager"))
        self.assertFalse(users["admin"].has_group("base.group_system"))
        self.assertFalse(
            users["staff"].has_group("vn_document_base.group_vn_document_clerk")
        )
        self.assertFalse(
            users["clerk"].has_group("vn_document_base.group_vn_document_agency_head")
        )

    def test_groups_use_odoo19_privileges(self):
        for xmlid in [
            "group_vn_document_staff",
            "group_vn_document_clerk",
            "group_vn_document_follow_up",
            "group_vn_document_admin",
        ]:
            self.assertTrue(self.group(xmlid).privilege_id, xmlid)

    def test_configuration_rights(self):
        doc_type = self.env.ref("vn_document_base.vn_document_type_quyet_dinh")
        with self.assertRaises(AccessError):
            doc_type.with_user(self.users["clerk"]).write({"abbreviation": "XX"})
        doc_type.with_user(self.users["admin"]).write(
            {"note": "edited by the administrator"}
        )
        book = (
            self.env["vn.register.book"]
            .with_user(self.users["clerk"])
            .create({"name": "Sổ đến", "kind": "incoming"})
        )
        with self.assertRaises(AccessError):
            book.with_user(self.users["staff"]).write({"name": "x"})


@tagged("post_install", "-at_install")
class TestAccountLifecycle(VnDocumentCase):
    """R-US2, R-US3: accounts are disabled, never deleted, and hand their work over."""

    def _activity_for(self, user):
        return self.env["mail.activity"].create(
            {
                "res_model_id": self.env["ir.model"]._get_id("res.partner"),
                "res_id": self.company.partner_id.id,
                "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id,
                "summary": "Xử lý văn bản",
                "user_id": user.id,
            }
        )

    def test_delete_refused_in_vietnamese(self):
        with self.assertRaises(UserError) as caught:
            self.users["staff"].with_context(lang="vi_VN").unlink()
        self.assertIn("không bao giờ bị xóa", str(caught.exception))
        self.assertTrue(self.users["staff"].exists())

    def test_plain_archive_refused_with_open_work(self):
        self._activity_for(self.users["staff"])
        with self.assertRaises(UserError):
            self.users["staff"].with_user(self.manager).action_archive()
        self.assertTrue(self.users["staff"].active)

    def test_disable_hands_work_to_successor(self):
        leaving, successor = self.users["staff"], self.users["department_head"]
        activities = self._activity_for(leaving) | self._activity_for(leaving)
        action = leaving.with_user(self.manager).action_vn_disable()
        wizard = (
            self.env["vn.user.disable.wizard"]
            .with_user(self.manager)
            .with_context(**action["context"])
            .create(
                {
                    "successor_id": successor.id,
                    "reason": "transfer",
                    "note": "Chuyển công tác",
                }
            )
        )
        self.assertEqual(wizard.open_work_count, 2)
        wizard.action_confirm()
        self.assertFalse(leaving.active)
        self.assertTrue(leaving.exists())
        self.assertEqual(activities.user_id, successor)
        handover = self.env["vn.user.handover"].search([("user_id", "=", leaving.id)])
        self.assertEqual(handover.successor_id, successor)
        self.assertEqual(handover.done_by_id, self.manager)
        self.assertIn("2", handover.summary)

    def test_successor_required_when_work_is_open(self):
        self._activity_for(self.users["clerk"])
        wizard = (
            self.env["vn.user.disable.wizard"]
            .with_user(self.manager)
            .create({"user_id": self.users["clerk"].id})
        )
        with self.assertRaises(UserError):
            wizard.action_confirm()
        self.assertTrue(self.users["clerk"].active)

    def test_no_open_work_disables_without_successor(self):
        wizard = (
            self.env["vn.user.disable.wizard"]
            .with_user(self.manager)
            .create({"user_id": self.users["follow_up"].id, "reason": "retire"})
        )
        wizard.action_confirm()
        self.assertFalse(self.users["follow_up"].active)

    def test_cannot_disable_self(self):
        wizard = (
            self.env["vn.user.disable.wizard"]
            .with_user(self.manager)
            .create(
                {"user_id": self.manager.id, "successor_id": self.users["staff"].id}
            )
        )
        with self.assertRaises(UserError):
            wizard.action_confirm()
