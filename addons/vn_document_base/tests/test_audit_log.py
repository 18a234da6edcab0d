# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from cryptography.hazmat.primitives import serialization

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import convert_file

from . import pki
from .common import VnDocumentCase

SECRET = "Bí-mật-Passw0rd!"


class AuditLogMixin:
    def logs(self, record, method):
        return self.env["auditlog.log"].search(
            [
                ("model_id.model", "=", record._name),
                ("res_id", "=", record.id),
                ("method", "=", method),
            ]
        )

    def changed(self, record, field_name):
        """(old, new) of the last logged change of a field."""
        lines = self.logs(record, "write").line_ids.filtered(
            lambda line: line.field_id.name == field_name
        )
        line = lines.sorted("id")[-1:]
        return (line.old_value, line.new_value) if line else None

    def assert_secret_never_logged(self, secret):
        self.assertFalse(
            self.env["auditlog.log.line"].search_count(
                [
                    "|",
                    "|",
                    "|",
                    ("old_value", "ilike", secret),
                    ("new_value", "ilike", secret),
                    ("old_value_text", "ilike", secret),
                    ("new_value_text", "ilike", secret),
                ]
            )
        )


@tagged("post_install", "-at_install")
class TestAuditLog(AuditLogMixin, VnDocumentCase):
    """Issue 14 (R-US1–R-US4): changes of access rights and trust settings are
    audit-logged with their old and new values; secrets never are; the log is
    evidence nobody changes."""

    def test_rules_are_confirmed_after_install_and_update(self):
        rules = self.env["auditlog.rule"].search(
            [
                (
                    "model_id.model",
                    "in",
                    [
                        "res.users",
                        "res.users.role",
                        "res.users.role.line",
                        "res.groups",
                        "vn.trusted.root",
                        "vn.register.book",
                    ],
                )
            ]
        )
        self.assertEqual(len(rules), 6)
        self.assertEqual(set(rules.mapped("state")), {"confirmed"})
        self.assertEqual(set(rules.mapped("log_type")), {"full"})
        self.assertTrue(
            all(r.log_create and r.log_write and r.log_unlink for r in rules)
        )
        # someone set one to draft in the database: the next update confirms it again
        self.env.cr.execute(
            "UPDATE auditlog_rule SET state = 'draft' WHERE id IN %s",
            [tuple(rules.ids)],
        )
        rules.invalidate_recordset()
        convert_file(
            self.env,
            "vn_document_base",
            "data/auditlog_rule_data.xml",
            {},
            mode="update",
            noupdate=False,
        )
        self.assertEqual(set(rules.mapped("state")), {"confirmed"})

    def test_user_changes_are_logged_without_secrets(self):
        admin = self.users["admin"]
        user = self.users["staff"]
        user.with_user(admin).write({"login": "vn_test_staff_b"})
        self.assertEqual(
            self.changed(user, "login"), ("vn_test_staff", "vn_test_staff_b")
        )
        # a group outside the suite: the suite's own come only from roles
        user.with_user(admin).write(
            {"group_ids": [Command.link(self.env.ref("base.group_partner_manager").id)]}
        )
        self.assertTrue(self.changed(user, "group_ids"))
        user.with_user(admin).write({"password": SECRET})
        new = (
            self.env["res.users"]
            .with_user(admin)
            .create({"name": "Người mới", "login": "vn_audit_new", "password": SECRET})
        )
        self.assertTrue(self.logs(new, "create"))
        self.assert_secret_never_logged(SECRET)
        rule = self.env.ref("vn_document_base.auditlog_rule_res_users")
        self.assertLessEqual(
            {"password", "new_password", "totp_secret", "pin", "api_key_ids"},
            set(rule.fields_to_exclude_ids.mapped("name")),
        )

    def test_roles_and_role_lines_are_logged(self):
        role = self.env["res.users.role"].create(
            {
                "name": "Văn thư",
                "implied_ids": [Command.link(self.group("group_vn_document_clerk").id)],
            }
        )
        self.assertTrue(self.logs(role, "create"))
        # the rights of a role are those of its group
        role.write(
            {"implied_ids": [Command.link(self.group("group_vn_document_admin").id)]}
        )
        old, new = self.changed(role.group_id, "implied_ids")
        self.assertNotIn(str(self.group("group_vn_document_admin").id), old)
        self.assertIn(str(self.group("group_vn_document_admin").id), new)
        line = self.env["res.users.role.line"].create(
            {"role_id": role.id, "user_id": self.users["staff"].id}
        )
        self.assertTrue(self.logs(line, "create"))
        line.write({"date_to": "2026-12-31"})
        self.assertEqual(self.changed(line, "date_to")[1], "2026-12-31")
        line.unlink()
        self.assertTrue(self.logs(line, "unlink"))

    def test_trusted_roots_and_register_books_are_logged(self):
        ca = pki.build_pki()
        root = (
            self.env["vn.trusted.root"]
            .with_user(self.users["admin"])
            .create(
                {
                    "name": "Root CA",
                    "certificate": base64.b64encode(
                        ca["root"]["cert"].public_bytes(serialization.Encoding.PEM)
                    ),
                }
            )
        )
        self.assertTrue(self.logs(root, "create"))
        root.write({"active": False})
        self.assertEqual(self.changed(root, "active"), ("True", False))
        book = (
            self.env["vn.register.book"]
            .with_user(self.users["admin"])
            .create({"name": "Sổ đến", "kind": "incoming"})
        )
        book.write({"name": "Sổ văn bản đến"})
        self.assertEqual(self.changed(book, "name"), ("Sổ đến", "Sổ văn bản đến"))

    def test_nobody_changes_or_deletes_a_log(self):
        book = self.env["vn.register.book"].create(
            {"name": "Sổ đi", "kind": "outgoing"}
        )
        log = self.logs(book, "create")
        self.assertTrue(log)
        odoo_admin = self.env.ref("base.user_admin")
        for user in (self.users["admin"], odoo_admin):
            # the document administrator reads it; nobody, not even Odoo's
            # administrator, changes or deletes it
            self.assertEqual(
                log.with_user(user).read(["method"])[0]["method"], "create"
            )
            with self.assertRaises(AccessError):
                log.with_user(user).write({"method": "write"})
            with self.assertRaises(AccessError):
                log.line_ids.with_user(user).unlink()
            with self.assertRaises(AccessError):
                log.with_user(user).unlink()
            with self.assertRaises(AccessError):
                self.env["auditlog.autovacuum"].with_user(user).autovacuum(0)
        # the scheduled clean-up (OdooBot, superuser rights) still works
        self.env["auditlog.autovacuum"].with_user(
            self.env.ref("base.user_root")
        ).autovacuum(0)
        self.assertFalse(log.exists())
