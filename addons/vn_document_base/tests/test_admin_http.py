# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Administration hygiene over HTTP (issue 14): the document administrator saves the
suite's settings without Odoo's system group and nothing else; idle sessions end."""

import os
import time

from odoo import http
from odoo.tests import HttpCase, tagged

from .common import VnRolesSetup, VnRpcMixin

PARAMS = "ir.config_parameter"


@tagged("post_install", "-at_install")
class TestAdminHygieneHttp(VnRolesSetup, VnRpcMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_roles()
        cls.admin = cls.users["admin"]
        cls.params = cls.env[PARAMS].sudo()

    def test_document_administrator_is_not_system(self):
        self.assertFalse(self.admin._is_system())
        self.assertTrue(self.admin.has_group("base.group_erp_manager"))
        self.assertTrue(self.admin.has_group("auditlog.group_auditlog_user"))

    def test_suite_settings_saved_and_nothing_else(self):
        """The settings form loads and saves for the document administrator; a
        module, a group or another application's parameter sent with it is not
        applied, by ``execute`` or ``set_values``."""
        self.params.set_param("vn_document_base.max_file_size_mb", "50")
        self.assertEqual(self.params.get_param("auth_signup.invitation_scope"), "b2b")
        action = self.env.ref("vn_document_base.res_config_settings_action_vn_document")
        self.assertIn(
            self.env.ref("vn_document_base.res_config_settings_menu_vn_document"),
            self.env["ir.ui.menu"]
            .with_user(self.admin)
            .search([("action", "=", f"ir.actions.act_window,{action.id}")]),
        )
        views = self.rpc(
            self.admin, "res.config.settings", "get_views", [[False, "form"]]
        )
        fields = views["models"]["res.config.settings"]["fields"]
        self.assertIn("vn_max_file_size_mb", fields)
        values = self.rpc(
            self.admin,
            "res.config.settings",
            "onchange",
            [],
            {},
            [],
            dict({name: {} for name in fields}, display_name={}),
        )["value"]
        self.assertEqual(values["vn_max_file_size_mb"], 50)
        module = self.env["ir.module.module"].search([("name", "=", "auth_ldap")])
        self.assertEqual(module.state, "uninstalled")
        attack = {
            "vn_max_file_size_mb": 20,
            "vn_session_timeout_minutes": 15,
            "auth_signup_uninvited": "b2c",  # public sign-up
            "module_auth_ldap": True,
            "show_effect": not self.params.get_param("base_setup.show_effect"),
        }
        attack = {key: value for key, value in attack.items() if key in fields}
        self.assertIn("auth_signup_uninvited", attack)
        self.assertIn("module_auth_ldap", attack)
        saved = self.rpc(
            self.admin,
            "res.config.settings",
            "web_save",
            [],
            attack,
            specification={"vn_max_file_size_mb": {}},
        )
        result = self.rpc(
            self.admin, "res.config.settings", "execute", [saved[0]["id"]]
        )
        self.assertEqual(result["tag"], "reload")
        self.assertEqual(
            self.params.get_param("vn_document_base.max_file_size_mb"), "20"
        )
        self.assertEqual(
            self.params.get_param("inactive_session_time_out_delay"), "900"
        )
        self.assertEqual(self.params.get_param("auth_signup.invitation_scope"), "b2b")
        self.assertEqual(module.state, "uninstalled")
        # set_values called directly, after a write: the same
        self.rpc(
            self.admin,
            "res.config.settings",
            "write",
            [saved[0]["id"]],
            {"auth_signup_uninvited": "b2c", "vn_max_file_size_mb": 30},
        )
        self.rpc(self.admin, "res.config.settings", "set_values", [saved[0]["id"]])
        self.assertEqual(
            self.params.get_param("vn_document_base.max_file_size_mb"), "30"
        )
        self.assertEqual(self.params.get_param("auth_signup.invitation_scope"), "b2b")

    def test_no_parameter_no_module_for_the_document_administrator(self):
        param = self.params.search([("key", "=", "database.uuid")])
        self.assert_refused(self.admin, PARAMS, "search_read", [], ["key", "value"])
        self.assert_refused(self.admin, PARAMS, "read", param.ids, ["value"])
        self.assert_refused(self.admin, PARAMS, "write", param.ids, {"value": "x"})
        self.assert_refused(
            self.admin, PARAMS, "create", {"key": "vn.attack", "value": "1"}
        )
        self.assert_refused(
            self.admin, PARAMS, "set_param", "auth_signup.invitation_scope", "b2c"
        )
        module = self.env["ir.module.module"].search([("name", "=", "auth_ldap")])
        self.assert_refused(
            self.admin, "ir.module.module", "button_immediate_install", module.ids
        )
        self.assert_refused(
            self.admin, "ir.module.module", "button_install", module.ids
        )
        self.assertEqual(module.state, "uninstalled")
        self.assertEqual(self.params.get_param("auth_signup.invitation_scope"), "b2b")
        # the staff has no settings at all
        self.assert_refused(
            self.users["staff"],
            "res.config.settings",
            "create",
            {"vn_max_file_size_mb": 1},
        )

    def test_audit_log_is_read_not_changed_over_rpc(self):
        book = self.env["vn.register.book"].create(
            {"name": "Sổ đến", "kind": "incoming"}
        )
        log = self.env["auditlog.log"].search(
            [
                ("model_id.model", "=", "vn.register.book"),
                ("res_id", "=", book.id),
                ("method", "=", "create"),
            ]
        )
        self.assertTrue(log)
        read = self.rpc(self.admin, "auditlog.log", "read", log.ids, ["method"])
        self.assertEqual(read[0]["method"], "create")
        self.assert_refused(
            self.admin, "auditlog.log", "write", log.ids, {"method": "x"}
        )
        self.assert_refused(self.admin, "auditlog.log", "unlink", log.ids)
        self.assert_refused(self.admin, "auditlog.log.line", "unlink", log.line_ids.ids)
        self.assert_refused(self.admin, "auditlog.autovacuum", "autovacuum", 0)
        self.assert_refused(
            self.users["staff"], "auditlog.log", "read", log.ids, ["method"]
        )
        self.assertTrue(log.exists())

    def test_idle_session_is_logged_out(self):
        """An idle session (its file untouched for longer than the delay) is logged
        out; an active one is not (auth_session_timeout)."""
        self.params.set_param("inactive_session_time_out_delay", "1800")
        staff = self.users["staff"]
        session = self.authenticate(staff.login, staff.login)
        path = http.root.session_store.get_session_filename(session.sid)
        self.assertTrue(os.path.exists(path))
        # active: last request 10 minutes ago
        before = time.time() - 600
        os.utime(path, (before, before))
        self.assertEqual(self.url_open("/odoo", allow_redirects=False).status_code, 200)
        self.assertGreater(os.path.getmtime(path), before)  # the request refreshed it
        response = self.url_open("/odoo", allow_redirects=False)
        self.assertEqual(response.status_code, 200)
        # idle: last request 31 minutes ago
        before = time.time() - 31 * 60
        os.utime(path, (before, before))
        self.url_open("/odoo", allow_redirects=False)
        response = self.url_open("/odoo", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertIn("/web/login", response.headers["Location"])
