# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Roles and the two-person rule over JSON-RPC, tried by the document administrator and
a clerk (R-US1, ND 30 Phụ lục VI III.3.c, SECURITY.md)."""

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .common import VnRolesSetup, VnRpcMixin


@tagged("post_install", "-at_install")
class TestUserRolesHttp(VnRolesSetup, VnRpcMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_roles()
        cls.admin = cls.users["admin"]
        cls.person = new_test_user(
            cls.env, login="vn_test_person", groups="base.group_user"
        )
        cls.clerk_group = cls.env.ref("vn_document_base.group_vn_document_clerk")
        cls.clerk_role = cls.env.ref("vn_document_base.role_vn_document_clerk")

    def test_the_administrator_bypasses_no_role(self):
        """R-US1: over RPC the document administrator adds nobody to a suite group
        from the group's form, the user's groups or the role's group; he assigns a
        role line instead."""
        admin, person = self.admin, self.person
        link = [Command.link(person.id)]
        self.assert_refused(
            admin, "res.groups", "write", self.clerk_group.ids, {"user_ids": link}
        )
        self.assert_refused(
            admin,
            "res.users",
            "write",
            person.ids,
            {"group_ids": [Command.link(self.clerk_group.id)]},
        )
        self.assert_refused(
            admin, "res.users.role", "write", self.clerk_role.ids, {"user_ids": link}
        )
        self.assert_refused(
            admin,
            "res.groups",
            "write",
            self.clerk_role.group_id.ids,
            {"user_ids": link},
        )
        person.invalidate_recordset()
        self.assertFalse(person.has_group("vn_document_base.group_vn_document_clerk"))
        self.rpc(
            admin,
            "res.users.role.line",
            "create",
            {"user_id": person.id, "role_id": self.clerk_role.id},
        )
        person.invalidate_recordset()
        self.assertTrue(person.has_group("vn_document_base.group_vn_document_clerk"))

    def test_the_author_does_not_confirm_his_own_change(self):
        """III.3.c: the author of an access change and a clerk cannot confirm it, nor
        write or create one; a second administrator confirms."""
        admin = self.admin
        self.rpc(
            admin,
            "res.users.role.line",
            "create",
            {"user_id": self.person.id, "role_id": self.clerk_role.id},
        )
        change = self.env["vn.access.change"].search([("user_id", "=", self.person.id)])
        self.assertEqual(change.state, "pending")
        self.assert_refused(admin, "vn.access.change", "action_confirm", change.ids)
        clerk = self.users["clerk"]
        self.assert_refused(clerk, "vn.access.change", "action_confirm", change.ids)
        self.assert_refused(
            admin, "vn.access.change", "write", change.ids, {"state": "confirmed"}
        )
        self.assert_refused(
            admin,
            "vn.access.change",
            "create",
            {
                "user_id": self.person.id,
                "description": "x",
                "author_id": clerk.id,
                "company_id": self.company.id,
            },
        )
        self.assert_refused(
            admin,
            "vn.user.handover",
            "create",
            {"user_id": self.person.id, "reason": "x", "kind": "joined"},
        )
        self.assertEqual(change.state, "pending")
        second = new_test_user(
            self.env,
            login="vn_test_admin2",
            groups="vn_document_base.group_vn_document_admin",
        )
        self.rpc(second, "vn.access.change", "action_confirm", change.ids)
        self.assertEqual(change.state, "confirmed")
