# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.tests import tagged

from odoo.addons.vn_document_base.tests.common import VnDocumentCase


@tagged("post_install", "-at_install")
class TestUserJoinSigningKey(VnDocumentCase):
    def _join(self, login, **values):
        wizard = (
            self.env["vn.user.join.wizard"]
            .with_user(self.users["admin"])
            .create(
                {
                    "name": "Phó Chủ tịch Mới",
                    "login": login,
                    "department_id": self.env["hr.department"]
                    .create({"name": "Văn phòng"})
                    .id,
                    "role_ids": [
                        Command.set(
                            self.env.ref(
                                "vn_document_base.role_vn_document_agency_head"
                            ).ids
                        )
                    ],
                    **values,
                }
            )
        )
        return wizard.action_confirm()

    def test_join_then_register_the_signing_key(self):
        """R-US3, R-US4: joining a signer leads to the form of a new signing key held
        by him, never to another person's key."""
        action = self._join("vn_test_new_signer", vn_register_signing_key=True)
        user = self.env["res.users"].search([("login", "=", "vn_test_new_signer")])
        self.assertEqual(action["res_model"], "vn.signing.key")
        self.assertEqual(action["context"]["default_user_id"], user.id)
        self.assertTrue(
            user.has_group("vn_document_base.group_vn_document_agency_head")
        )

    def test_join_without_key_opens_the_account(self):
        """R-US3: without the key step the administrator lands on the new account."""
        action = self._join("vn_test_new_head")
        self.assertEqual(action["res_model"], "res.users")
