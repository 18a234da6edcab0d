# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import hashlib

from odoo import fields
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..tools import edxml
from .common import CODE_A, CODE_B
from .test_exchange import QUIET, LgspExchangeCase


@tagged("post_install", "-at_install")
class TestExactlyOnce(LgspExchangeCase):
    """R-LG4 under faults: a package is stored once on the platform whatever answer is
    lost, and every package processed here ends acknowledged there."""

    def stores(self, document_id, message_type="edoc", status_code=None):
        """How many packages of ours about ``document_id`` the platform stored."""
        rows = self.profile._client().sent_list(
            message_type=message_type, document_id=document_id
        )
        return len(
            {
                row["docId"]
                for row in rows
                if not status_code or row["statusCode"] == status_code
            }
        )

    def send_until_done(self, messages, rounds=6):
        for _round in range(rounds):
            if not messages.filtered(lambda m: m.state == "queued"):
                break
            messages.next_attempt_at = fields.Datetime.now()
            self.exchange._cron_send_outbox()

    @mute_logger(*QUIET)
    def test_send_whose_answer_is_lost_is_stored_once(self):
        """R-LG4: the platform stores a package but its answer is lost (connection
        dropped after processing); the next attempt asks the platform, records the
        package as sent with the platform's id and does not send it again: one store on
        the platform."""
        document_id = f"{CODE_A},2026/11/20,7/UBND-VP"
        message = self.env["vn.lgsp.message"]._vn_enqueue(
            {
                "message_type": "edoc",
                "from_code": CODE_A,
                "to_codes": CODE_B,
                "subject": "lost answer",
                "edxml_document_id": document_id,
            },
            edxml.build_document(self.package(to_code=CODE_B, document_id=document_id)),
        )
        self.sim.fault("sendEdoc", "drop", after=True)
        self.exchange._cron_send_outbox()
        self.assertEqual(message.state, "queued", "the outcome is unknown here")
        self.assertTrue(
            message.send_started_at, "the send in flight was recorded before the call"
        )
        self.send_until_done(message)
        self.assertEqual(message.state, "sent")
        self.assertEqual(self.stores(document_id), 1)
        self.assertEqual(len(self.peer.received_list("edoc")), 1)
        rows = self.profile._client().sent_list(
            message_type="edoc", document_id=document_id
        )
        self.assertEqual({row["docId"] for row in rows}, {message.platform_doc_id})

    @mute_logger(*QUIET)
    def test_statuses_under_faults_are_stored_once(self):
        """R-LG4, R-LG2: the statuses this agency sends (01 on arrival, 03 on
        registration) go through HTTP 500s, connections dropped before and after the
        platform processed them and delays: each is stored once on the platform and
        reaches the sender once."""
        self.profile.max_attempts = (
            10  # the plan below fails some statuses several times
        )
        self.send_from_b()
        for fault in (
            dict(kind="error500"),
            dict(kind="drop", after=True),
            dict(kind="drop"),
            dict(kind="drop", after=True),
            dict(kind="delay", seconds=0.2),
        ):
            self.sim.fault("sendEdoc", **fault)
        self.exchange._cron_poll()
        doc = self.incoming()
        doc.with_user(self.clerk).action_register()
        statuses = self.env["vn.lgsp.message"].search(
            [("direction", "=", "out"), ("message_type", "=", "status")]
        )
        self.send_until_done(statuses, rounds=10)
        self.assertEqual(statuses.mapped("state"), ["sent", "sent"])
        for code in ("01", "03"):
            self.assertEqual(
                self.stores(doc.document_identifier, "status", code), 1, code
            )
        self.assertEqual(sorted(self.statuses_to_b()), ["01", "03"])

    @mute_logger(*QUIET)
    def test_acknowledgement_whose_answer_is_lost_ends_recorded(self):
        """R-LG4: the platform takes our "done" but its answer is lost, so the package
        is no longer listed; the next poll acknowledges it again anyway (the platform
        accepts the same final status twice) and the line ends acknowledged."""
        self.send_from_b()
        # Both acknowledgements of the first poll (on receipt, then the sweep at its
        # end) lose their answer.
        self.sim.fault("updateStatus", "drop", count=2, after=True)
        self.exchange._cron_poll()
        line = self.env["vn.lgsp.message"].search(
            [("direction", "=", "in"), ("message_type", "=", "edoc")]
        )
        self.assertEqual((line.state, line.acknowledged), ("done", False))
        self.assertFalse(
            self.peer.received_list("edoc"),
            "the platform has it done: no longer listed",
        )
        self.exchange._cron_poll()
        self.assertTrue(line.acknowledged)
        self.assertEqual(len(self.incoming()), 1)
        unacknowledged = self.env["vn.lgsp.message"].search_count(
            [
                ("direction", "=", "in"),
                ("state", "in", ("done", "refused")),
                ("acknowledged", "=", False),
            ]
        )
        self.assertEqual(unacknowledged, 0)

    def inbox(self):
        return self.env["vn.lgsp.message"].search(
            [("direction", "=", "in"), ("message_type", "=", "edoc")]
        )

    @mute_logger(*QUIET)
    def test_listing_and_intake_lanes(self):
        """Issue 15: the poll only lists (a package listed twice, or by two pollers,
        is one line); an intake lane fetches, checks, stores and acknowledges it, the
        raw package kept as it came."""
        self.send_from_b()
        items = self.profile._client().received_list("edoc")
        listed = self.exchange._vn_list_inbox(self.profile, "edoc", items + items)
        self.assertEqual(listed, 1)
        self.assertEqual(self.exchange._vn_list_inbox(self.profile, "edoc", items), 0)
        line = self.inbox()
        self.assertEqual((len(line), line.state, line.payload), (1, "listed", False))
        self.assertEqual(self.exchange._cron_intake_lane(), 1)
        self.assertEqual((line.state, line.acknowledged), ("done", True))
        self.assertEqual(len(self.incoming()), 1)
        raw = self.peer.sent_list(message_type="edoc")
        self.assertEqual({row["ackStatus"] for row in raw}, {"done"})
        self.assertEqual(
            line.payload_sha256,
            hashlib.sha256(base64.b64decode(line.payload)).hexdigest(),
        )
        self.assertEqual(self.exchange._cron_intake_lane(), 0, "nothing left")

    @mute_logger(*QUIET)
    def test_a_failed_fetch_waits_listed_for_the_next_lane_run(self):
        """Issue 15: a fetch that fails leaves the line listed with its error and
        nothing acknowledged; the next lane run receives the package once."""
        self.send_from_b()
        self.sim.fault("getEdoc", "error500")
        self.assertEqual(self.exchange._cron_poll(), 0)
        line = self.inbox()
        self.assertEqual(line.state, "listed")
        self.assertIn("500", line.last_error)
        self.assertFalse(line.acknowledged)
        self.assertEqual(len(self.profile._client().received_list("edoc")), 1)
        self.assertEqual(self.exchange._cron_intake_lane(), 1)
        self.assertEqual((line.state, line.acknowledged), ("done", True))
        self.assertEqual(len(self.incoming()), 1)
