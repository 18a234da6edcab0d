# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from lxml import etree

from odoo import Command
from odoo.tests import new_test_user, tagged

from .test_incoming import IncomingCase

HOME = "vn_document_inbound.vn_document_incoming_action"


def year_fields_formatted(env, model, view_types, names=("file_catalog", "year")):
    """The year and register-number fields of ``model``'s views still shown with a
    thousands separator ("2.026"): [(view type, field name)]. A kanban card formats
    a field without widget whatever its options."""
    views = env[model].get_views([(False, view_type) for view_type in view_types])
    found = []
    for view_type, view in views["views"].items():
        for node in etree.fromstring(view["arch"]).iter("field"):
            name = node.get("name")
            if (
                name in names
                and env[model]._fields[name].type == "integer"
                and (
                    "'enable_formatting': false" not in (node.get("options") or "")
                    or (view_type == "kanban" and not node.get("widget"))
                )
            ):
                found.append((view_type, name))
    return found


@tagged("post_install", "-at_install")
class TestFirstImpressions(IncomingCase):
    """What a new user of the demo sees first."""

    def test_suite_users_land_on_their_documents(self):
        home = self.env["ir.actions.actions"].browse(self.env.ref(HOME).id)
        for user in self.users.values():
            self.assertEqual(user.action_id, home, user.login)
        later = new_test_user(self.env, login="vn_test_later", groups="base.group_user")
        self.assertFalse(later.action_id, "not a user of the suite")
        later.group_ids = [
            Command.link(self.env.ref("vn_document_base.group_vn_document_clerk").id)
        ]
        self.assertEqual(later.action_id, home, "given a role of the suite later")
        # A home action the administrator chose stays.
        discuss = self.env["ir.actions.actions"].browse(
            self.env.ref("mail.action_discuss").id
        )
        later.action_id = discuss
        later.group_ids = [
            Command.link(self.env.ref("vn_document_base.group_vn_document_staff").id)
        ]
        self.assertEqual(later.action_id, discuss)

    def test_no_chatbot_onboarding(self):
        clerk = self.users["clerk"]
        if "odoobot_state" not in clerk._fields:
            self.skipTest("mail_bot is not installed")
        self.assertEqual(clerk.odoobot_state, "disabled")
        clerk.with_user(clerk)._on_webclient_bootstrap()
        self.assertEqual(clerk.odoobot_state, "disabled")
        chats = self.env["discuss.channel"].search(
            [
                ("channel_type", "=", "chat"),
                ("channel_member_ids.partner_id", "=", clerk.partner_id.id),
            ]
        )
        self.assertFalse(chats, "OdooBot opened no chat")

    def test_years_without_thousands_separator(self):
        self.assertEqual(
            year_fields_formatted(
                self.env,
                "vn.document.incoming",
                ["list", "form", "kanban"],
                ("file_catalog", "arrival_number"),
            ),
            [],
        )
        self.assertEqual(
            year_fields_formatted(
                self.env, "vn.incoming.register.report.wizard", ["form"]
            ),
            [],
        )

    def test_unregistered_document_shows_no_arrival_number(self):
        doc = self.receive()
        self.assertFalse(doc.arrival_number)
        views = self.env["vn.document.incoming"].get_views(
            [(False, "list"), (False, "kanban"), (False, "form")]
        )
        for view in views["views"].values():
            for node in etree.fromstring(view["arch"]).iter("field"):
                if node.get("name") == "arrival_number":
                    self.assertIn("not arrival_number", node.get("invisible") or "")
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "vn_document_inbound.action_report_vn_incoming_slip", doc.ids
            )[0]
            .decode()
        )
        self.assertIn("Số đến: ,", html)
        self.assertNotIn("Số đến: 0", html)
