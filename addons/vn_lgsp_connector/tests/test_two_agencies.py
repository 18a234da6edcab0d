# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
import logging
import os
import shutil
import subprocess
from contextlib import closing

from odoo import sql_db
from odoo.tests import tagged
from odoo.tools import SQL, config

from odoo.addons.vn_document_base.tests import pki
from odoo.addons.vn_document_outbound.tests.common import OutgoingCase

from ..tools.lgsp_client import LgspClient
from .common import CODE_A, CODE_B, Simulator, flush_progress, odoo_process

_logger = logging.getLogger(__name__)
PEER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lgsp_peer.py")


@tagged("post_install", "-at_install")
class TestTwoAgencies(OutgoingCase):
    """R-LG1 to R-LG4, R-OUT8, R-IN4, R-IN5 end to end: agency A is this test's
    database; agency B is a second database with the suite, driven by separate processes
    (lgsp_peer.py) as its scheduled jobs would be, so they can be killed mid-way."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        flush_progress(cls)
        cls.peer_db = os.environ.get("VN_E2E_PEER_DB") or cls.create_peer_db()
        cls.sim = Simulator()
        cls.addClassCleanup(cls.sim.stop)
        cls.sim.add_system("sys-a", "secret-a", CODE_A, "Agency A")
        cls.sim.add_system("sys-b", "secret-b", CODE_B, "Agency B")
        cls.company.vn_organ_code = CODE_A
        cls.env["vn.lgsp.profile"].search([]).active = False
        cls.env.flush_all()
        cls.env["vn.lgsp.profile"].create(
            {
                "name": "Simulator",
                "endpoint": cls.sim.url,
                "system_id": "sys-a",
                "secret": "secret-a",
            }
        )
        cls.agency_b = cls.env["res.partner"].create(
            {
                "name": "Ủy ban nhân dân phường B",
                "is_company": True,
                "vn_organ_code": CODE_B,
            }
        )
        cls.peer("setup", CODE_B, cls.sim.url, "sys-b", "secret-b")

    @classmethod
    def create_peer_db(cls):
        """Agency B's database, made afresh for this run (``<this database>_peer``)
        by another Odoo process like this one. $VN_E2E_PEER_DB may name one instead:
        freshly installed, as B keeps what A sends it and A's numbers start again in
        every run."""
        name = f"{cls.env.cr.dbname}_peer"
        cls.drop_database(name)  # a scratch database of an earlier run
        _logger.info("installing the suite on %s (agency B)", name)
        command, env = odoo_process(
            ["-m", "odoo", "server"],
            "-d",
            name,
            "-i",
            "vn_lgsp_connector",
            "--load-language",
            "vi_VN",
            "--stop-after-init",
            "--no-http",
            "--log-level",
            "warn",
        )
        result = subprocess.run(
            command,
            capture_output=True,
            text=True,
            env=env,
            timeout=1800,
            check=False,
        )
        assert result.returncode == 0, result.stderr[-4000:]
        return name

    @staticmethod
    def drop_database(name):
        """Drop a database and its filestore. Not ``odoo.service.db.exp_drop``: the
        database manager is off (``list_db = False``) in the suite's configuration."""
        sql_db.close_db(name)
        with closing(sql_db.db_connect("postgres").cursor()) as cr:
            cr._cnx.autocommit = True  # DROP DATABASE cannot run in a transaction
            cr.execute(
                SQL("DROP DATABASE IF EXISTS %s WITH (FORCE)", SQL.identifier(name))
            )
        shutil.rmtree(config.filestore(name), ignore_errors=True)

    @classmethod
    def peer_command(cls, *args, crash_at=None):
        """The command line of one step in agency B's database."""
        crash = ("--crash-at", crash_at) if crash_at else ()
        command, env = odoo_process([PEER], "--", cls.peer_db, *crash, *args)
        env["VN_PKI_DIR"] = pki.pki_dir()  # B trusts the root of this process's PKI
        return command, env

    @classmethod
    def peer(cls, *args, crash_at=None):
        """Run one step in agency B's database, in its own process."""
        command, env = cls.peer_command(*args, crash_at=crash_at)
        result = subprocess.run(
            command,
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
            check=False,
        )
        if crash_at:
            assert result.returncode == 137, (
                f"B should have been killed at {crash_at}: {result.stderr[-2000:]}"
            )
            return None
        assert result.returncode == 0, result.stderr[-4000:]
        line = next(
            out for out in result.stdout.splitlines() if out.startswith("RESULT ")
        )
        return json.loads(line[len("RESULT ") :])

    def exchange_a(self):
        exchange = self.env["vn.lgsp.exchange"]
        exchange._cron_send_outbox()
        exchange._cron_poll()
        exchange._cron_send_outbox()

    def issue_to_b(self, subject, **values):
        doc = self.bring_to_signing(
            self.new_draft(
                subject=subject,
                delivery_ids=[
                    (5, 0, 0),
                    (0, 0, {"kind": "external", "partner_id": self.agency_b.id}),
                ],
                **values,
            ),
            with_annex=False,
        )
        self.sign_and_issue(doc)
        self.env["vn.lgsp.exchange"]._cron_send_outbox()
        self.assertEqual(doc.delivery_ids.state, "sent")
        return doc

    def delivery_codes(self, doc):
        notes = doc.trail_ids.filtered(lambda s: s.kind == "delivery").mapped("note")
        return [
            code
            for code in ("01", "02", "03", "04", "05", "06")
            if any(f"({code})" in n for n in notes)
        ]

    # ------------------------------------------------------------------
    def test_issue_receive_handle_recall_update_replace(self):
        # A issues a signed document to B.
        doc = self.issue_to_b("Quyết định giao chỉ tiêu cho phường B")
        document_id = doc._vn_edxml_document_id()
        # B's poll is killed after storing the package, then after processing it:
        # nothing lost, nothing twice.
        self.peer("exchange", crash_at="after_fetch_commit")
        self.peer("exchange", crash_at="after_process_commit")
        self.peer("exchange")
        shown = self.peer("show", document_id)
        self.assertEqual(shown["count"], 1)
        received = shown["documents"][0]
        self.assertEqual(received["state"], "received")
        self.assertEqual(received["legal_value"], "original")
        self.assertEqual(received["signatures_valid"], [True, True])
        self.assertTrue(received["raw_package"])
        # B's clerk registers it, the head assigns the unit, the unit's head passes it
        # on, staff completes it.
        self.assertEqual(self.peer("handle", document_id)["state"], "done")
        self.exchange_a()
        self.assertEqual(doc.delivery_ids.state, "done")
        self.assertEqual(self.delivery_codes(doc), ["01", "03", "04", "05", "06"])

        # Recall: B agrees (15), destroys its copy; A's line ends recalled.
        recalled = self.issue_to_b("Thông báo sẽ thu hồi")
        self.peer("exchange")
        self.exchange_a()
        recalled.with_user(self.clerk)._vn_recall("Gửi nhầm nơi nhận")
        self.exchange_a()
        self.peer("exchange")
        self.assertEqual(
            self.peer("show", recalled._vn_edxml_document_id())["documents"][0][
                "state"
            ],
            "recalled",
        )
        self.exchange_a()
        self.assertEqual(recalled.delivery_ids.state, "recalled")

        # Update: B takes the new metadata and agrees.
        updated = self.issue_to_b("Kế hoạch cần cập nhật")
        self.peer("exchange")
        updated.delivery_ids._vn_send_update("Cập nhật nơi nhận")
        self.exchange_a()
        self.peer("exchange")
        self.exchange_a()
        self.assertIn("15", self.inbox_codes(updated))

        # Replace: a new document replaces the earlier one at B, which recalls the old
        # copy.
        old = self.issue_to_b("Quyết định có sai sót nội dung")
        self.peer("exchange")
        replacement = self.env["vn.document.outgoing"].browse(
            old.with_user(self.staff).action_new_replacement()["res_id"]
        )
        self.bring_to_signing(replacement, with_annex=False)
        self.sign_and_issue(replacement)
        self.exchange_a()
        self.peer("exchange")
        self.assertEqual(
            self.peer("show", old._vn_edxml_document_id())["documents"][0]["state"],
            "recalled",
        )
        new = self.peer("show", replacement._vn_edxml_document_id())
        self.assertEqual((new["count"], new["documents"][0]["state"]), (1, "received"))
        self.exchange_a()
        self.assertEqual(replacement.delivery_ids.state, "received")
        self.assertIn("15", self.inbox_codes(replacement))

    def test_kill_between_acceptance_and_commit_sends_once(self):
        """R-LG4: B's worker is killed (a separate OS process) after the platform
        accepted its status 01 but before B committed it as sent; the next run asks the
        platform, records it as sent and does not send it again: one store on the
        platform, one status at A."""
        # Each test has a document type of its own: B's database keeps what earlier
        # tests sent it, and this database's numbers start again in each test.
        doc = self.issue_to_b(
            "Thông báo gửi một lần",
            doc_type=self.own_type("vn_document_type_thong_bao"),
        )
        document_id = doc._vn_edxml_document_id()
        self.peer("exchange", crash_at="after_send_before_commit")
        self.assertEqual(
            self.peer("due")["due"], 1, "the claim of the killed worker runs out"
        )
        self.peer("exchange")
        self.assertEqual(self.peer_stores(document_id, "01"), 1)
        self.exchange_a()
        self.assertEqual(self.inbox_codes(doc), ["01"])
        self.assertEqual(self.delivery_codes(doc), ["01"])

    def test_two_workers_at_once_send_and_process_once(self):
        """R-LG4: two of B's workers (the scheduled job and the administrator's "send
        and fetch now", as two OS processes) start together on the same packages, slowed
        down by the platform: each package becomes one document, each status is stored
        once on the platform, none fails."""
        plan = self.own_type("vn_document_type_ke_hoach")
        docs = [
            self.issue_to_b(f"Kế hoạch gửi hai luồng {i}", doc_type=plan)
            for i in (1, 2)
        ]
        self.sim.fault(
            "getEdoc", "delay", count=2, seconds=3.0
        )  # both workers are in the poll at once
        self.sim.fault("sendEdoc", "delay", count=4, seconds=0.5)
        workers = [self.peer_start("exchange") for _i in range(2)]
        for worker in workers:
            out, err = worker.communicate(timeout=300)
            self.assertEqual(worker.returncode, 0, err[-4000:])
        self.peer("exchange")
        self.exchange_a()
        for doc in docs:
            document_id = doc._vn_edxml_document_id()
            self.assertEqual(self.peer("show", document_id)["count"], 1)
            self.assertEqual(self.peer_stores(document_id, "01"), 1)
            self.assertEqual(self.inbox_codes(doc), ["01"])

    def own_type(self, xmlid):
        """A document type numbered in a register book of its own (from 1 in each
        test)."""
        doc_type = self.env.ref(f"vn_document_base.{xmlid}")
        self.env["vn.register.book"].create(
            {
                "name": f"Sổ văn bản đi - {doc_type.name}",
                "kind": "outgoing",
                "document_type_ids": [(6, 0, doc_type.ids)],
            }
        )
        return doc_type

    @classmethod
    def peer_start(cls, *args):
        """Start one step in agency B's database in its own process, without waiting."""
        command, env = cls.peer_command(*args)
        return subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )

    def peer_stores(self, document_id, status_code):
        """How many status packages with this code about this document B stored on the
        platform."""
        rows = LgspClient(self.sim.url, "sys-b", "secret-b").sent_list(
            message_type="status", document_id=document_id
        )
        return len({row["docId"] for row in rows if row["statusCode"] == status_code})

    def inbox_codes(self, doc):
        return (
            self.env["vn.lgsp.message"]
            .search(
                [
                    ("direction", "=", "in"),
                    ("message_type", "=", "status"),
                    ("edxml_document_id", "=", doc._vn_edxml_document_id()),
                ]
            )
            .mapped("status_code")
        )
