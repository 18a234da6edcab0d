# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
import inspect
import re

import requests

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from ..tools import edxml
from ..tools import lgsp_protocol as proto
from ..tools.lgsp_client import LgspClient, LgspError
from .common import CODE_A, CODE_B, CODE_C, PLATFORM_ADMIN
from .test_exchange import QUIET, LgspExchangeCase

# Public methods of the connector's models, reviewed: each checks its caller itself (the
# actions), or is an ORM entry point guarded by the access rights (create, write,
# settings).
REVIEWED_PUBLIC_METHODS = {
    "vn.lgsp.profile": {
        "action_test_connection",
        "action_exchange_now",
        "create",
        "write",
    },
    "vn.lgsp.message": {"action_retry", "action_park"},
    "res.config.settings": {"get_values", "set_values"},
}


@tagged("post_install", "-at_install")
class TestTrustBoundary(LgspExchangeCase):
    """R-SEC3, R-LG4: messages from other agencies are input. A third agency C is
    connected to the same platform as A and B and tries to pass for B, to recall, update
    or replace B's documents, to move the lines of A's documents, to replay requests and
    to change the agency directory; empty identifiers never match; a recall leaves no
    content behind; only document administrators act on the exchange."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.peer_c = LgspClient(cls.sim.url, "sys-c", "secret-c")

    def setUp(self):
        super().setUp()
        self.sim.add_system("sys-c", "secret-c", CODE_C, "Agency C")

    # ------------------------------------------------------------------
    def from_c(self, package, message_type="edoc"):
        """C sends, authenticated as itself; the package says whatever C wants."""
        data = (
            edxml.build_document(package)
            if message_type == "edoc"
            else edxml.build_status(package)
        )
        return self.peer_c.send_edoc(
            data, message_type=message_type, from_code=CODE_C, to_codes=[CODE_A]
        )

    def package_from(self, organ_id, **kwargs):
        package = self.package(**kwargs)
        package.from_org = edxml.Organization(
            organ_id=organ_id, name=f"Agency {organ_id}"
        )
        return package

    def status(
        self, from_code, code, document_id, organ_id=CODE_A, description="Trạng thái"
    ):
        return edxml.StatusPackage(
            from_org=edxml.Organization(organ_id=from_code, name=f"Agency {from_code}"),
            response_for={
                "organ_id": organ_id,
                "code": "12/UBND-VP",
                "document_id": document_id,
                "promulgation_date": datetime.date(2026, 11, 20),
            },
            status_code=code,
            description=description,
            timestamp=datetime.datetime(2026, 11, 21, 9, 0),
            staff={},
        )

    def statuses_to(self, client):
        """The status packages waiting for ``client``'s agency, read back from the
        platform."""
        statuses = []
        for item in client.received_list("status"):
            statuses.append(edxml.parse(client.get_edoc(item["docId"])))
            client.update_status(item["docId"], "done")
        return statuses

    def inbox(self, **domain):
        return self.env["vn.lgsp.message"].search(
            [("direction", "=", "in")]
            + [(key, "=", value) for key, value in domain.items()],
            order="id",
        )

    def raw_package(self, doc):
        return self.env["ir.attachment"].search(
            [
                ("res_model", "=", doc._name),
                ("res_id", "=", doc.id),
                ("mimetype", "=", "application/xml"),
            ]
        )

    # ------------------------------------------------------------------
    @mute_logger(*QUIET)
    def test_sender_is_the_one_the_platform_attests(self):
        """R-SEC3, R-LG4: C sends a package whose From says B. The platform attests C:
        the package is refused, the reason (in Vietnamese) is kept, the 02 goes to C,
        never to B, and nothing is created."""
        self.from_c(self.package_from(CODE_B))
        self.exchange.with_context(lang="vi_VN")._cron_poll()
        message = self.inbox(message_type="edoc")
        self.assertEqual(
            (message.attested_from_code, message.from_code, message.state),
            (CODE_C, CODE_B, "refused"),
        )
        self.assertIn(
            "nền tảng tích hợp", message.last_error, "the reason is in Vietnamese"
        )
        self.assertIn(CODE_B, message.last_error)
        self.assertIn(CODE_C, message.last_error)
        self.assertFalse(
            self.incoming(), "no document from a sender who is not who it says"
        )
        self.exchange._cron_send_outbox()
        self.assertFalse(
            self.statuses_to(self.peer), "B is not told anything about C's package"
        )
        answers = self.statuses_to(self.peer_c)
        self.assertEqual(
            [(s.status_code, s.response_for["organ_id"]) for s in answers],
            [("02", CODE_C)],
        )
        self.assertEqual(answers[0].description, message.last_error)
        # The platform also shows C that A did not accept its package.
        self.assertEqual(
            [row["ackStatus"] for row in self.peer_c.sent_list(message_type="edoc")],
            ["fail"],
        )

    @mute_logger(*QUIET)
    def test_only_the_original_sender_recalls_updates_or_replaces(self):
        """R-SEC3, R-LG4: B's document is received. C asks to recall it (as itself, and
        pretending to be B), to update it, to replace it and to take it back (status
        13): all refused and answered 02 to C; B's document keeps its state, its subject
        and its files."""
        self.send_from_b()
        self.exchange._cron_poll()
        doc = self.incoming()
        identifier = doc.document_identifier
        recall = edxml.Business(
            doc_type=1, document_id=identifier, reason="Thu hồi văn bản điện tử"
        )
        self.from_c(self.package_from(CODE_C, document_id=identifier, business=recall))
        self.from_c(self.package_from(CODE_B, document_id=identifier, business=recall))
        update = self.package_from(
            CODE_C,
            document_id=identifier,
            business=edxml.Business(
                doc_type=2,
                document_id=identifier,
                update_document_info=1,
                reason="Cập nhật",
            ),
        )
        update.subject = "Nội dung đã bị sửa"
        self.from_c(update)
        self.from_c(
            self.package_from(
                CODE_C,
                document_id=f"{CODE_C},2026/11/21,13/UBND",
                business=edxml.Business(
                    doc_type=3,
                    replaced_document_ids=[identifier],
                    replacement_organ_ids=[CODE_A],
                    reason="Thay thế",
                ),
            )
        )
        self.from_c(self.status(CODE_C, "13", identifier), "status")
        self.from_c(self.status(CODE_B, "13", identifier), "status")
        self.exchange._cron_poll()
        self.assertEqual(
            (doc.state, doc.subject), ("received", "V/v phối hợp tổ chức hội nghị")
        )
        self.assertTrue(doc.file_ids.attachment_id, "the files are still there")
        self.assertEqual(
            len(self.incoming()), 1, "no second document under B's identifier"
        )
        from_c = self.inbox(attested_from_code=CODE_C)
        self.assertEqual(len(from_c), 6)
        self.assertEqual(set(from_c.mapped("state")), {"refused"})
        self.exchange._cron_send_outbox()
        self.assertEqual(
            [s.status_code for s in self.statuses_to(self.peer_c)], ["02"] * 6
        )
        self.assertEqual([s.status_code for s in self.statuses_to(self.peer)], ["01"])

    @mute_logger(*QUIET)
    def test_status_moves_only_the_line_of_its_attested_sender(self):
        """R-SEC3, R-LG2: A's document went to B. C sends "completed (06)" about it,
        once as B and once as itself: the line to B does not move; the spoofed one is
        refused."""
        doc = self.bring_to_signing(
            self.new_draft(
                delivery_ids=[
                    (5, 0, 0),
                    (0, 0, {"kind": "external", "partner_id": self.agency_b.id}),
                ]
            ),
            with_annex=False,
        )
        self.sign_and_issue(doc)
        self.exchange._cron_send_outbox()
        line = doc.delivery_ids
        self.assertEqual(line.state, "sent")
        identifier = doc._vn_edxml_document_id()
        self.from_c(self.status(CODE_B, "06", identifier), "status")
        self.from_c(self.status(CODE_C, "06", identifier), "status")
        self.exchange._cron_poll()
        self.assertEqual(line.state, "sent")
        self.assertEqual(
            self.inbox(message_type="status").mapped("state"), ["refused", "done"]
        )
        # B itself moves it.
        self.peer.send_edoc(
            edxml.build_status(self.status(CODE_B, "01", identifier)),
            message_type="status",
            from_code=CODE_B,
            to_codes=[CODE_A],
        )
        self.exchange._cron_poll()
        self.assertEqual(line.state, "received")

    @mute_logger(*QUIET)
    def test_empty_document_id_is_refused_and_never_matched(self):
        """R-SEC3, R-LG4: a recall and a take-back request (13) without DocumentId are
        refused by the parser; a paper document of the same sender (no identifier) is
        not touched; the sender learns why from the platform (acknowledgement "fail"
        with the reason), as no status can name a document."""
        paper = self.env["vn.document.incoming"].create(
            {
                "subject": "Công văn giấy của B",
                "channel": "paper",
                "sender_id": self.agency_b.id,
            }
        )
        self.assertFalse(paper.document_identifier)
        recall = edxml.build_document(
            self.package(business=edxml.Business(doc_type=1, reason="Thu hồi"))
        )
        emptied = re.sub(
            rb"<edXML:DocumentId>[^<]*</edXML:DocumentId>",
            b"<edXML:DocumentId> </edXML:DocumentId>",
            recall,
        )
        removed = re.sub(rb"<edXML:DocumentId>[^<]*</edXML:DocumentId>", b"", recall)
        take_back = edxml.build_status(self.status(CODE_B, "13", ""))
        for data in (emptied, removed, take_back):
            with self.assertRaises(edxml.EdxmlError) as caught:
                edxml.parse(data)
            self.assertEqual(caught.exception.code, "missing_field")
            self.assertIn("DocumentId", caught.exception.detail)
        self.peer.send_edoc(emptied, from_code=CODE_B, to_codes=[CODE_A])
        self.peer.send_edoc(removed, from_code=CODE_B, to_codes=[CODE_A])
        self.peer.send_edoc(
            take_back, message_type="status", from_code=CODE_B, to_codes=[CODE_A]
        )
        self.exchange.with_context(lang="vi_VN")._cron_poll()
        self.assertEqual((paper.state, paper.recall_reason), ("received", False))
        refused = self.inbox()
        self.assertEqual(refused.mapped("state"), ["refused"] * 3)
        self.assertTrue(
            all(
                "DocumentId" in error and "định danh" in error
                for error in refused.mapped("last_error")
            )
        )
        self.assertTrue(all(refused.mapped("acknowledged")))
        self.exchange._cron_send_outbox()
        self.assertFalse(
            self.statuses_to(self.peer), "a status needs a document to refer to"
        )
        rows = self.peer.sent_list()
        self.assertEqual([row["ackStatus"] for row in rows], ["fail"] * 3)
        self.assertTrue(all("DocumentId" in row["receiveStatusDesc"] for row in rows))
        # And no code path matches an empty identifier.
        message = refused[0]
        self.assertFalse(message._vn_incoming_with_identifier(""))
        self.assertFalse(message._vn_incoming_with_identifier(False))
        self.assertFalse(message._vn_existing_incoming("", CODE_B))

    def test_recall_destroys_the_raw_package_and_the_stored_payload(self):
        """R-LG4, R-IN5 (ND 30 Phụ lục VI III.8.b): a recall through the platform
        destroys the files, the raw package kept with the document and the payload of
        the packages; ids, dates, sender, SHA-256 and sizes stay. The sender is answered
        15 once."""
        self.send_from_b()
        self.exchange._cron_poll()
        doc = self.incoming()
        message = doc.vn_lgsp_message_id
        raw = self.raw_package(doc)
        sha, size = message.payload_sha256, message.payload_size
        self.assertEqual((len(raw), raw.file_size), (1, size))
        self.assertTrue(sha and size)
        recall = self.package(
            document_id=doc.document_identifier,
            attachments=[],
            business=edxml.Business(
                doc_type=1, document_id=doc.document_identifier, reason="Gửi nhầm"
            ),
        )
        self.peer.send_edoc(
            edxml.build_document(recall), from_code=CODE_B, to_codes=[CODE_A]
        )
        self.exchange._cron_poll()
        self.assertEqual(doc.state, "recalled")
        self.assertFalse(doc.file_ids.attachment_id)
        self.assertFalse(message.payload)
        self.assertEqual(
            (message.payload_sha256, message.payload_size, message.attested_from_code),
            (sha, size, CODE_B),
        )
        self.assertTrue(message.content_destroyed_on)
        self.assertFalse(
            self.env["ir.attachment"].search(
                [
                    ("res_model", "=", message._name),
                    ("res_id", "=", message.id),
                    ("res_field", "=", "payload"),
                ]
            )
        )
        self.assertTrue(raw.exists(), "the raw package's record stays")
        self.assertEqual(raw.file_size, 0)
        self.assertFalse(raw.raw)
        self.assertIn(sha, raw.description)
        recall_message = self.inbox(business_type="1")
        self.assertEqual(
            (recall_message.state, recall_message.incoming_id), ("done", doc)
        )
        self.assertFalse(recall_message.payload)
        self.exchange._cron_send_outbox()
        self.assertEqual(
            [s.status_code for s in self.statuses_to(self.peer)], ["01", "15"]
        )

    def test_recall_recorded_by_the_clerk_is_answered_to_the_sender(self):
        """R-IN5, R-LG2, R-SEC3: the sender asked by phone; the clerk records the recall
        with the wizard. The sender is answered 15 with the reason, once, and the
        packages are destroyed as well."""
        self.send_from_b()
        self.exchange._cron_poll()
        doc = self.incoming()
        wizard = (
            self.env["vn.incoming.recall.wizard"]
            .with_user(self.clerk)
            .with_context(default_document_id=doc.id)
            .create({"reason": "Văn phòng B gọi điện đề nghị thu hồi"})
        )
        wizard.action_confirm()
        self.assertEqual(doc.state, "recalled")
        self.assertFalse(doc.vn_lgsp_message_id.payload)
        self.assertEqual(self.raw_package(doc).file_size, 0)
        self.exchange._cron_send_outbox()
        answers = self.statuses_to(self.peer)
        self.assertEqual([s.status_code for s in answers], ["01", "15"])
        self.assertEqual(answers[1].description, "Văn phòng B gọi điện đề nghị thu hồi")
        self.assertEqual(
            answers[1].response_for["document_id"], doc.document_identifier
        )

    # ------------------------------------------------------------------
    @mute_logger(*QUIET)
    def test_lgsp_actions_for_document_administrators_only(self):
        """R-SEC3: the connection test and every exchange action are refused on the
        server to anyone but a document administrator; packages cannot be written by
        anyone; every public method of the connector's models is on the reviewed
        list."""
        message = self.env["vn.lgsp.message"]._vn_enqueue(
            {
                "message_type": "edoc",
                "from_code": CODE_A,
                "to_codes": CODE_B,
                "subject": "x",
            },
            edxml.build_document(self.package(to_code=CODE_B)),
        )
        message.state = "parked"
        for role in ("clerk", "follow_up", "staff", "agency_head"):
            user = self.users[role]
            with self.subTest(role=role):
                for call in (
                    lambda user=user: self.profile.with_user(
                        user
                    ).action_test_connection(),
                    lambda user=user: self.profile.with_user(
                        user
                    ).action_exchange_now(),
                    lambda user=user: message.with_user(user).action_retry(),
                    lambda user=user: message.with_user(user).action_park(),
                ):
                    with self.assertRaises(AccessError):
                        call()
        self.assertEqual(message.state, "parked")
        admin = self.users["admin"]
        result = self.profile.with_user(admin).action_test_connection()
        self.assertEqual(result["params"]["type"], "success")
        with self.assertRaises(AccessError):
            message.with_user(admin).write({"state": "done"})
        message.with_user(admin).action_retry()
        self.assertEqual(message.state, "queued")
        # The reviewed list of public methods.
        found = {}
        for name in self.env.registry:
            for klass in type(self.env[name]).__mro__:
                if not klass.__module__.startswith("odoo.addons.vn_lgsp_connector."):
                    continue
                for attr, value in vars(klass).items():
                    if not attr.startswith("_") and inspect.isfunction(value):
                        found.setdefault(name, set()).add(attr)
        self.assertEqual(found, REVIEWED_PUBLIC_METHODS)

    def test_secret_is_never_returned_to_a_client(self):
        """R-SEC3: the platform secret is written by a document administrator and never
        read back, not even by one who is also an Odoo settings administrator, nor in
        the answer to the save."""
        admin = new_test_user(
            self.env,
            login="lgsp_settings_admin",
            groups="vn_document_base.group_vn_document_admin,base.group_system",
        )
        profile = self.profile.with_user(admin)
        saved = profile.web_save(
            {"secret": "secret-a2", "client_secret": "client-2"},
            specification={"secret": {}, "client_secret": {}, "secret_set": {}},
        )
        self.assertEqual(
            (saved[0]["secret"], saved[0]["client_secret"], saved[0]["secret_set"]),
            (False, False, True),
        )
        self.assertEqual(
            profile.read(["secret", "client_secret"])[0],
            {"id": profile.id, "secret": False, "client_secret": False},
        )
        self.assertEqual(
            profile.search_read([("id", "=", profile.id)], ["secret"])[0]["secret"],
            False,
        )
        with self.assertRaises(AccessError):
            self.env["vn.lgsp.credential"].with_user(admin).search_read([])
        self.assertEqual(self.profile._client().secret, "secret-a2")
        profile.write(
            {"secret": False}
        )  # an empty field on the form keeps the stored secret
        self.assertEqual(self.profile._client().secret, "secret-a2")

    # ------------------------------------------------------------------
    @mute_logger("lgsp_simulator")
    def test_platform_refuses_replayed_requests(self):
        """R-SEC3: every signed request carries a nonce; the simulator refuses the same
        request sent again inside its time window, and a request without a nonce. The
        connector's requests all pass."""
        captured = []
        session = requests.Session()
        session.hooks["response"].append(
            lambda response, *args, **kwargs: captured.append(response.request)
        )
        client = LgspClient(self.sim.url, "sys-b", "secret-b", session=session)
        self.send_from_b()
        client.received_list("edoc")
        client.received_list("edoc")
        nonces = [request.headers["XroadVnpt-nonce"] for request in captured]
        self.assertEqual(len(set(nonces)), 2, "a new nonce on each request")
        replay = requests.Session().send(captured[0].copy(), timeout=10)
        self.assertEqual(replay.status_code, 401)
        self.assertIn("replay", replay.json()["ErrorDesc"])
        unsigned = proto.sign_headers(
            {
                "systemid": "sys-b",
                "timestamp": proto.timestamp_now(),
                "Content-Type": "application/json",
                "messagetype": "edoc",
            },
            "secret-b",
        )
        response = requests.post(
            f"{self.sim.url}/getReceivedEdocList", headers=unsigned, timeout=10
        )
        self.assertEqual(response.status_code, 401)
        self.assertIn("nonce", response.json()["ErrorDesc"])
        # The connector's own exchange goes through.
        self.assertEqual(self.exchange._cron_poll(), 1)

    def test_only_the_platform_administrator_changes_the_directory(self):
        """R-SEC3: a connected agency cannot register or delete agencies; the platform's
        administrator can."""
        agency = {
            "code": "000.16.41.H29",
            "pcode": "000.00.41.H29",
            "name": "Phòng giả mạo",
        }
        for call in (
            lambda: self.peer.register_agency(agency),
            lambda: self.peer_c.delete_agency(CODE_B),
        ):
            with self.assertRaises(LgspError) as caught:
                call()
            self.assertEqual(
                (caught.exception.code, caught.exception.http_status), ("auth", 403)
            )
        codes = {row["code"]: row for row in self.peer.agencies()}
        self.assertNotIn("000.16.41.H29", codes)
        self.assertFalse(codes[CODE_B]["deleted"])
        self.sim.add_platform_admin()
        LgspClient(self.sim.url, *PLATFORM_ADMIN).register_agency(agency)
        self.assertIn("000.16.41.H29", {row["code"] for row in self.peer.agencies()})
