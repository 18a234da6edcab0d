import json
import os
import subprocess
import sys

from odoo.tests import tagged

from odoo.addons.vn_document_outbound.tests.common import OutgoingCase

from .common import CODE_A, CODE_B, ROOT, Simulator


@tagged("post_install", "-at_install")
class TestTwoAgencies(OutgoingCase):
    """R-LG1 to R-LG4, R-OUT8, R-IN4, R-IN5 end to end: agency A is this test's database; agency B is
    a second database ($VN_E2E_PEER_DB, made by scripts/run_tests.sh), driven by separate processes
    (scripts/lgsp_peer.py) as its scheduled jobs would be, so they can be killed mid-way."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.peer_db = os.environ["VN_E2E_PEER_DB"]
        cls.sim = Simulator()
        cls.addClassCleanup(cls.sim.stop)
        cls.sim.add_system("sys-a", "secret-a", CODE_A, "Agency A")
        cls.sim.add_system("sys-b", "secret-b", CODE_B, "Agency B")
        cls.company.vn_organ_code = CODE_A
        cls.env["vn.lgsp.profile"].search([]).active = False
        cls.env.flush_all()
        cls.env["vn.lgsp.profile"].create({"name": "Simulator", "endpoint": cls.sim.url, "system_id": "sys-a",
                                           "secret": "secret-a"})
        cls.agency_b = cls.env["res.partner"].create({"name": "Ủy ban nhân dân phường B", "is_company": True,
                                                      "vn_organ_code": CODE_B})
        cls.peer("setup", CODE_B, cls.sim.url, "sys-b", "secret-b")

    @classmethod
    def peer(cls, *args, crash_at=None):
        """Run one step in agency B's database, in its own process."""
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
        env.pop("VN_LGSP_CRASH_AT", None)
        if crash_at:
            env["VN_LGSP_CRASH_AT"] = crash_at
        result = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "lgsp_peer.py"), cls.peer_db, *args],
                                capture_output=True, text=True, env=env, timeout=300, check=False)
        if crash_at:
            assert result.returncode == 137, f"B should have been killed at {crash_at}: {result.stderr[-2000:]}"
            return None
        assert result.returncode == 0, result.stderr[-4000:]
        line = next(l for l in result.stdout.splitlines() if l.startswith("RESULT "))
        return json.loads(line[len("RESULT "):])

    def exchange_a(self):
        exchange = self.env["vn.lgsp.exchange"]
        exchange._cron_send_outbox()
        exchange._cron_poll()
        exchange._cron_send_outbox()

    def issue_to_b(self, subject, **values):
        doc = self.bring_to_signing(self.new_draft(subject=subject, delivery_ids=[(5, 0, 0), (0, 0, {
            "kind": "external", "partner_id": self.agency_b.id})], **values), with_annex=False)
        self.sign_and_issue(doc)
        self.env["vn.lgsp.exchange"]._cron_send_outbox()
        self.assertEqual(doc.delivery_ids.state, "sent")
        return doc

    def delivery_codes(self, doc):
        notes = doc.step_ids.filtered(lambda s: s.kind == "delivery").mapped("note")
        return [code for code in ("01", "02", "03", "04", "05", "06") if any(f"({code})" in n for n in notes)]

    # ------------------------------------------------------------------
    def test_issue_receive_handle_recall_update_replace(self):
        # A issues a signed document to B.
        doc = self.issue_to_b("Quyết định giao chỉ tiêu cho phường B")
        document_id = doc._vn_edxml_document_id()
        # B's poll is killed after storing the package, then after processing it: nothing lost, nothing twice.
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
        # B's clerk registers it, the head assigns the unit, the unit's head passes it on, staff completes it.
        self.assertEqual(self.peer("handle", document_id)["state"], "done")
        self.exchange_a()
        self.assertEqual(doc.delivery_ids.state, "done")
        self.assertEqual(self.delivery_codes(doc), ["01", "03", "04", "05", "06"])

        # Recall: B agrees (15), destroys its copy; A's line ends recalled.
        recalled = self.issue_to_b("Thông báo sẽ thu hồi")
        # B is killed after the platform took its status 01 but before B recorded it as sent: B sends it
        # again, and A counts it once.
        self.peer("exchange", crash_at="after_send_before_commit")
        self.peer("exchange")
        self.exchange_a()
        self.assertEqual(self.inbox_codes(recalled), ["01", "01"])
        self.assertEqual(self.delivery_codes(recalled), ["01"])
        self.assertEqual(len(recalled.step_ids.filtered(lambda s: s.kind == "delivery" and "(01)" in s.note)), 1)
        recalled.with_user(self.clerk)._vn_recall("Gửi nhầm nơi nhận")
        self.exchange_a()
        self.peer("exchange")
        self.assertEqual(self.peer("show", recalled._vn_edxml_document_id())["documents"][0]["state"], "recalled")
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

        # Replace: a new document replaces the earlier one at B, which recalls the old copy.
        old = self.issue_to_b("Quyết định có sai sót nội dung")
        self.peer("exchange")
        replacement = self.env["vn.document.outgoing"].browse(old.with_user(self.staff).action_new_replacement()["res_id"])
        self.bring_to_signing(replacement, with_annex=False)
        self.sign_and_issue(replacement)
        self.exchange_a()
        self.peer("exchange")
        self.assertEqual(self.peer("show", old._vn_edxml_document_id())["documents"][0]["state"], "recalled")
        new = self.peer("show", replacement._vn_edxml_document_id())
        self.assertEqual((new["count"], new["documents"][0]["state"]), (1, "received"))
        self.exchange_a()
        self.assertEqual(replacement.delivery_ids.state, "received")
        self.assertIn("15", self.inbox_codes(replacement))

    def inbox_codes(self, doc):
        return self.env["vn.lgsp.message"].search([
            ("direction", "=", "in"), ("message_type", "=", "status"),
            ("edxml_document_id", "=", doc._vn_edxml_document_id())]).mapped("status_code")
