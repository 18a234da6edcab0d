# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
import threading
import time
from unittest.mock import patch

from psycopg2.errors import InsufficientPrivilege

from odoo import api
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.vn_document_base.tests.common import VnRolesSetup, VnRpcMixin
from odoo.addons.vn_document_base.tools import register_chain as chain_tool

from .test_incoming import IncomingCase


class ChainCase(IncomingCase):
    def register(self, **values):
        doc = self.receive(**values)
        doc.with_user(self.users["clerk"]).action_register()
        return doc

    def entries(self):
        return self.env["vn.register.chain"].search(
            [("company_id", "=", self.company.id)], order="sequence"
        )

    def verify(self):
        return self.env["vn.register.chain"]._vn_verify(self.company)


@tagged("post_install", "-at_install")
class TestRegisterChain(ChainCase):
    """Issue 17, hash-chained register: every registration and correction appends an
    entry linked to the one before, in the registering transaction."""

    def test_registration_appends_a_linked_entry(self):
        """Issue 17: số đến entry with the register fields, the original's SHA-256,
        time, user and the previous hash."""
        head = self.env["vn.register.chain"]._vn_head(self.company)
        doc = self.register()
        entry = self.entries()[-1]
        payload = json.loads(entry.payload)
        self.assertEqual(entry.sequence, (head.sequence or 0) + 1)
        self.assertEqual(entry.prev_hash, head.entry_hash or chain_tool.GENESIS)
        self.assertEqual(entry.entry_hash, chain_tool.digest(entry.payload))
        self.assertEqual(entry.payload, chain_tool.canonical(payload))
        self.assertEqual((entry.kind, entry.res_id), ("incoming", doc.id))
        self.assertEqual(entry.original_sha256, doc.main_file_id.sha256)
        self.assertEqual(payload["fields"]["arrival_number"], doc.arrival_number)
        self.assertEqual(payload["fields"]["subject"], doc.subject)
        self.assertEqual(payload["user"], "vn_test_clerk")
        self.assertEqual(entry.user_id, self.users["clerk"])
        self.assertFalse(self.verify()["broken"])

    def test_entries_link_and_correction_is_chained(self):
        """Issue 17: a correction is an entry naming the entry it corrects."""
        first = self.register()
        self.register(code_number="13")
        first.with_user(self.users["clerk"])._vn_record_correction(
            "subject", "V/v triển khai Quyết định số 21", "Nhập nhầm số quyết định"
        )
        entries = self.entries()[-3:]
        self.assertEqual(entries.mapped("kind"), ["incoming", "incoming", "correction"])
        self.assertEqual(entries[1].prev_hash, entries[0].entry_hash)
        self.assertEqual(entries[2].prev_hash, entries[1].entry_hash)
        self.assertEqual(entries[2].corrected_entry_id, entries[0])
        fields_ = json.loads(entries[2].payload)["fields"]
        self.assertEqual(fields_["new_value"], "V/v triển khai Quyết định số 21")
        self.assertEqual(fields_["reason"], "Nhập nhầm số quyết định")
        state = self.verify()
        self.assertFalse(state["broken"])
        self.assertEqual(state["last_sequence"], entries[2].sequence)

    def test_rolled_back_registration_leaves_no_entry(self):
        """Issue 17: the chain is written in the registration's transaction."""
        doc = self.receive()
        before = len(self.entries())
        with self.assertRaises(RuntimeError), self.env.cr.savepoint():
            doc.with_user(self.users["clerk"]).action_register()
            self.assertEqual(len(self.entries()), before + 1)
            raise RuntimeError("the registration fails after its entry")
        self.env.invalidate_all()
        self.assertEqual(len(self.entries()), before)
        self.register()
        self.assertEqual(len(self.entries()), before + 1)
        self.assertFalse(self.verify()["broken"])

    def test_register_row_changed_in_sql_breaks_at_that_entry(self):
        """Issue 17: "A test changes a register row directly in SQL and sees the
        verification fail at that entry" (the document's register field)."""
        self.register()
        doc = self.register(code_number="13")
        self.register(code_number="14")
        entry = self.env["vn.register.chain"]._vn_last_entry_of(doc)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE vn_document_incoming SET subject = 'Đã sửa' WHERE id = %s",
            [doc.id],
        )
        self.env.invalidate_all()
        broken = self.verify()["broken"]
        self.assertEqual(broken["sequence"], entry.sequence)
        self.assertEqual(broken["check"], "register fields")
        self.assertEqual(
            (broken["res_model"], broken["res_id"]), ("vn.document.incoming", doc.id)
        )

    def test_chain_row_changed_with_trigger_disabled_breaks_at_that_entry(self):
        """Issue 17: an operator who disables the trigger and edits the chain is
        caught at the entry he edited (and one who rewrites its hash, at the next)."""
        self.register()
        doc = self.register(code_number="13")
        self.register(code_number="14")
        entry = self.env["vn.register.chain"]._vn_last_entry_of(doc)
        # the entry's user, which no document row holds: only the hash betrays it
        forged = entry.payload.replace(
            '"user":"vn_test_clerk"', '"user":"vn_test_admin"'
        )
        self.assertNotEqual(forged, entry.payload)
        self.env.flush_all()
        self.env.cr.execute("ALTER TABLE vn_register_chain DISABLE TRIGGER USER")
        self.env.cr.execute(
            "UPDATE vn_register_chain SET payload = %s WHERE id = %s",
            [forged, entry.id],
        )
        broken = self.verify()["broken"]
        self.assertEqual(
            (broken["sequence"], broken["check"]), (entry.sequence, "hash")
        )
        self.env.cr.execute(
            "UPDATE vn_register_chain SET entry_hash = %s WHERE id = %s",
            [chain_tool.digest(forged), entry.id],
        )
        self.env.cr.execute("ALTER TABLE vn_register_chain ENABLE TRIGGER USER")
        broken = self.verify()["broken"]
        self.assertEqual(
            (broken["sequence"], broken["check"]), (entry.sequence + 1, "link")
        )

    def test_trigger_refuses_update_delete_truncate(self):
        """Issue 17: the database refuses changes of the chain, not only the ORM."""
        self.register()
        entry = self.entries()[-1]
        for query in (
            "UPDATE vn_register_chain SET user_id = user_id WHERE id = %s",
            "DELETE FROM vn_register_chain WHERE id = %s",
            "TRUNCATE vn_register_chain CASCADE",
        ):
            with (
                self.subTest(query=query),
                self.assertRaises(InsufficientPrivilege),
                mute_logger("odoo.sql_db"),
                self.env.cr.savepoint(),
            ):
                self.env.cr.execute(query, [entry.id] if "%s" in query else None)

    def test_orm_refuses_changes_for_every_role(self):
        """SECURITY.md, evidence: no role creates, changes or deletes entries."""
        self.register()
        entry = self.entries()[-1]
        Chain = self.env["vn.register.chain"]
        for role in ("staff", "clerk", "admin"):
            user = self.users[role]
            with self.subTest(role=role), self.assertRaises(AccessError):
                Chain.with_user(user).create(
                    {
                        "company_id": self.company.id,
                        "sequence": 999999,
                        "kind": "incoming",
                        "res_model": "vn.document.incoming",
                        "res_id": 1,
                        "entry_time": "2026-01-01 00:00:00",
                        "user_id": user.id,
                        "prev_hash": "0" * 64,
                        "entry_hash": "0" * 64,
                        "payload": "{}",
                    }
                )
            with self.subTest(role=role), self.assertRaises(AccessError):
                entry.with_user(user).write({"payload": "{}"})
            with self.subTest(role=role), self.assertRaises(AccessError):
                entry.with_user(user).unlink()
        with self.assertRaises(AccessError):
            entry.sudo().write({"payload": "{}"})
        with self.assertRaises(AccessError):
            entry.sudo().unlink()
        with self.assertRaises(AccessError):  # the chain is the administrators'
            Chain.with_user(self.users["clerk"]).search_count([])

    def test_daily_job_records_and_alerts_first_broken_link(self):
        """Issue 17: the daily job verifies the chain, keeps its result and alerts
        the administrators on the first broken link."""
        doc = self.register()
        Run = self.env["vn.register.chain.run"]
        cron = type(self.env["ir.cron"])
        self.enterContext(
            patch.object(cron, "_commit_progress", lambda *a, **kw: float("inf"))
        )
        Run._cron_verify()
        run = Run.search([("company_id", "=", self.company.id)], limit=1)
        self.assertEqual((run.state, run.result), ("done", "sound"))
        self.assertEqual(run.checked, len(self.entries()))
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE vn_document_incoming SET code_notation = 'X' WHERE id = %s",
            [doc.id],
        )
        self.env.invalidate_all()
        Run._cron_verify()
        run = Run.search([("company_id", "=", self.company.id)], limit=1)
        entry = self.env["vn.register.chain"]._vn_last_entry_of(doc)
        self.assertEqual(run.result, "broken")
        self.assertEqual(run.broken_entry_id, entry)
        self.assertEqual(run.broken_check, "register fields")
        self.assertIn(self.users["admin"], run.activity_ids.user_id)

    def test_export_verifies_offline(self):
        """Issue 17: the JSON lines export verifies with the stand-alone script."""
        doc = self.register()
        self.register(code_number="13")
        lines = list(self.env["vn.register.chain"]._vn_export_lines(self.company))
        ok, message = chain_tool.verify(lines)
        self.assertTrue(ok, message)
        self.assertEqual(len(lines), len(self.entries()))
        tampered = lines[-1].replace(doc.subject[:5], "Về vi")
        ok, message = chain_tool.verify(lines[:-1] + [tampered])
        self.assertFalse(ok)

    def test_closing_page_prints_the_chain_head_in_vietnamese(self):
        """Issue 17: the chain head on the register book's closing page, Vietnamese
        whatever the language of the one who prints."""
        doc = self.register()
        head = self.env["vn.register.chain"]._vn_head(self.company)
        clerk = self.users["clerk"]
        clerk.lang = "en_US"
        wizard = (
            self.env["vn.incoming.register.report.wizard"]
            .with_user(clerk)
            .create({"register_book_id": self.book.id, "year": doc.file_catalog})
        )
        html = (
            self.env["ir.actions.report"]
            .with_user(clerk)
            ._render_qweb_html(
                "vn_document_inbound.action_report_vn_incoming_register", wizard.ids
            )[0]
            .decode()
        )
        self.assertIn("CHUỖI BĂM SỔ ĐĂNG KÝ", html)
        self.assertIn(f"số thứ tự {head.sequence}", html)
        self.assertIn(head.entry_hash, html)

    def test_existing_registrations_are_chained_once(self):
        """Issue 17: registrations made before the chain are chained once,
        backfilled."""
        doc = self.receive()
        doc.sudo().write({"arrival_number": 777, "state": "registered"})
        Chain = self.env["vn.register.chain"]
        self.assertFalse(Chain._vn_last_entry_of(doc))
        self.assertGreaterEqual(Chain._vn_backfill(), 1)
        entry = Chain._vn_last_entry_of(doc)
        self.assertTrue(entry.backfilled)
        self.assertTrue(json.loads(entry.payload)["backfilled"])
        self.assertEqual(Chain._vn_backfill(), 0)
        self.assertFalse(self.verify()["broken"])


class _Document:
    """A stand-in registered document for the concurrency test (no commit of real
    documents)."""

    _name = "vn.document.incoming"

    def __init__(self, env, record_id):
        self.env, self.id = env, record_id
        self.company_id = env.company

    def sudo(self):
        return self

    def _vn_chain_fields(self):
        return {"arrival_number": self.id}

    def _vn_chain_labels(self):
        return {}

    def _vn_chain_original(self):
        return None


@tagged("post_install", "-at_install")
class TestRegisterChainConcurrency(IncomingCase):
    """Issue 17: two clerks registering at once in one agency: the second waits for
    the first one's lock and appends the next entry (ordered, gap-free)."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            self.company_id = env.company.id
            self.head = env["vn.register.chain"]._vn_head(env.company).sequence
        self.addCleanup(self._drop_chain)

    def _drop_chain(self):
        with self.registry.cursor() as cr:
            # committed test entries are removed past the trigger, then the trigger is
            # back
            cr.execute("ALTER TABLE vn_register_chain DISABLE TRIGGER USER")
            cr.execute(
                "DELETE FROM vn_register_chain WHERE company_id = %s AND sequence > %s",
                [self.company_id, self.head],
            )
            cr.execute("ALTER TABLE vn_register_chain ENABLE TRIGGER USER")

    def _env(self):
        cr = self.registry.cursor()
        self.addCleanup(cr.close)
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        return env(context={"allowed_company_ids": [self.company_id]})

    @mute_logger("odoo.sql_db")
    def test_second_registration_waits_and_follows(self):
        results, errors = {}, []
        first_holds = threading.Event()
        first_env, second_env = self._env(), self._env()

        def second_clerk():
            try:
                first_holds.wait(10)
                started = time.monotonic()
                entry = second_env["vn.register.chain"]._vn_append(
                    _Document(second_env, 2), "incoming"
                )
                results["second"] = (entry.sequence, entry.prev_hash)
                second_env.cr.commit()
                results["waited"] = time.monotonic() - started
            except Exception as exc:  # reported to the main thread
                errors.append(exc)

        thread = threading.Thread(target=second_clerk)
        thread.start()
        first = first_env["vn.register.chain"]._vn_append(
            _Document(first_env, 1), "incoming"
        )
        first_hash = first.entry_hash
        first_holds.set()
        time.sleep(1.0)  # the second clerk tries while the first transaction is open
        first_env.cr.commit()
        thread.join(60)
        self.assertFalse(errors, errors)
        self.assertEqual(first.sequence, self.head + 1)
        self.assertEqual(results["second"], (self.head + 2, first_hash))
        self.assertGreater(results["waited"], 0.5)


@tagged("post_install", "-at_install")
class TestRegisterChainHttp(VnRolesSetup, VnRpcMixin, HttpCase):
    """SECURITY.md: over RPC nobody makes or changes entries; the export is the
    administrators' and is logged."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_roles()

    def test_rpc_cannot_create_write_unlink(self):
        entry = (
            self.env["vn.register.chain"]
            .sudo()
            .search([("company_id", "=", self.company.id)], limit=1)
        )
        for role in ("staff", "clerk"):
            user = self.users[role]
            with self.subTest(role=role):
                self.assert_refused(
                    user,
                    "vn.register.chain",
                    "create",
                    [{"company_id": self.company.id, "sequence": 999999}],
                )
                ids = entry.ids or [1]
                self.assert_refused(
                    user, "vn.register.chain", "write", ids, {"payload": "{}"}
                )
                self.assert_refused(user, "vn.register.chain", "unlink", ids)

    def test_rpc_cannot_forge_a_verification(self):
        """A verification run is the daily job's evidence: no role, the document
        administrator included, makes one or turns a broken one sound over RPC."""
        run = (
            self.env["vn.register.chain.run"]
            .sudo()
            .create({"company_id": self.company.id, "result": "broken"})
        )
        for role in ("staff", "clerk", "admin"):
            user = self.users[role]
            with self.subTest(role=role):
                self.assert_refused(
                    user,
                    "vn.register.chain.run",
                    "create",
                    [{"company_id": self.company.id, "result": "sound"}],
                )
                self.assert_refused(
                    user, "vn.register.chain.run", "write", run.ids, {"result": "sound"}
                )
                self.assert_refused(user, "vn.register.chain.run", "unlink", run.ids)
        self.assertEqual(run.result, "broken")

    def test_export_is_for_administrators_and_logged(self):
        self.authenticate("vn_test_clerk", "vn_test_clerk")
        response = self.url_open("/vn_document/register_chain/export")
        self.assertEqual(response.status_code, 404)
        self.authenticate("vn_test_admin", "vn_test_admin")
        response = self.url_open("/vn_document/register_chain/export")
        self.assertEqual(response.status_code, 200)
        if response.text:  # the demo agency's chain, if any
            ok, message = chain_tool.verify(response.text.splitlines())
            self.assertTrue(ok, message)
        log = self.env["vn.document.access.log"].search(
            [("action", "=", "export"), ("res_model", "=", "res.company")], limit=1
        )
        self.assertEqual(log.user_id, self.users["admin"])
