# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import datetime
import hashlib

from odoo import fields
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.vn_document_base.tests import pdf_fixtures
from odoo.addons.vn_document_outbound.tests.common import OutgoingCase

from ..tools import edxml
from ..tools.lgsp_client import LgspClient
from .common import CODE_A, CODE_B, PLATFORM_ADMIN, Simulator, flush_progress

QUIET = (
    "odoo.addons.vn_lgsp_connector.models.vn_lgsp_exchange",
    "odoo.addons.vn_document_base.models.vn_file_check",
    "pyhanko",
    "pyhanko_certvalidator",
)


class LgspExchangeCase(OutgoingCase):
    """Agency A is this database, connected to a simulator; agency B is played by the
    test with the same transport client."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        flush_progress(cls)
        cls.sim = Simulator()
        cls.addClassCleanup(cls.sim.stop)
        cls.company.vn_organ_code = CODE_A
        cls.env["vn.lgsp.profile"].search([]).active = False
        cls.env.flush_all()
        cls.profile = cls.env["vn.lgsp.profile"].create(
            {
                "name": "Simulator",
                "endpoint": cls.sim.url,
                "system_id": "sys-a",
                "secret": "secret-a",
                "max_attempts": 3,
                "backoff_seconds": 60,
            }
        )
        cls.peer = LgspClient(cls.sim.url, "sys-b", "secret-b")
        cls.agency_b = cls.env["res.partner"].create(
            {"name": "Agency B", "is_company": True, "vn_organ_code": CODE_B}
        )
        cls.exchange = cls.env["vn.lgsp.exchange"]
        # The sample PDFs of the other agency are signed by the tests' PKI, whose root
        # (with its CRL) OutgoingSetup trusts.
        cls.env["vn.register.book"].create({"name": "Sổ đến", "kind": "incoming"})

    def setUp(self):
        super().setUp()
        self.sim.admin("reset")  # the platform keeps no package from another test
        self.sim.add_system("sys-a", "secret-a", CODE_A, "Agency A")
        self.sim.add_system("sys-b", "secret-b", CODE_B, "Agency B")

    def package(
        self, to_code=CODE_A, document_id=None, attachments=None, business=None
    ):
        return edxml.DocumentPackage(
            from_org=edxml.Organization(organ_id=CODE_B, name="Agency B"),
            to_orgs=[edxml.Organization(organ_id=to_code, name="Agency A")],
            document_id=document_id or f"{CODE_B},2026/11/20,12/UBND-VP",
            code_number="12",
            code_notation="UBND-VP",
            place="Phường B",
            promulgation_date=datetime.date(2026, 11, 20),
            type=1,
            type_detail=18,
            type_name="Công văn",
            subject="V/v phối hợp tổ chức hội nghị",
            trace=[(CODE_B, datetime.datetime(2026, 11, 20, 9, 0))],
            business=business or edxml.Business(),
            attachments=attachments
            if attachments is not None
            else [
                edxml.Attachment(
                    "1",
                    "cv.pdf",
                    "application/pdf",
                    "Công văn",
                    pdf_fixtures.make_two_signature_pdf(),
                )
            ],
        )

    def send_from_b(self, package=None, raw=None):
        return self.peer.send_edoc(
            raw or edxml.build_document(package or self.package()),
            from_code=CODE_B,
            to_codes=[CODE_A],
        )

    def incoming(self, document_id=f"{CODE_B},2026/11/20,12/UBND-VP"):
        return self.env["vn.document.incoming"].search(
            [("document_identifier", "=", document_id)]
        )

    def statuses_to_b(self):
        """Status codes waiting for B, read back from the platform."""
        codes = []
        for item in self.peer.received_list("status"):
            codes.append(edxml.parse(self.peer.get_edoc(item["docId"])).status_code)
            self.peer.update_status(item["docId"], "done")
        return codes


@tagged("post_install", "-at_install")
class TestExchange(LgspExchangeCase):
    """R-LG1, R-LG2, R-LG4, R-SEC1: one agency against the simulator; the other agency
    is played by the test with the same transport client."""

    def test_receive_register_and_statuses(self):
        """R-LG1, R-IN4: a package becomes an incoming document (raw package kept),
        status 01 goes back on arrival and 03 on registration; the package is
        acknowledged only once stored."""
        self.send_from_b()
        self.assertEqual(self.exchange._cron_poll(), 1)
        doc = self.incoming()
        self.assertEqual(len(doc), 1)
        self.assertEqual(
            (doc.channel, doc.code_notation, doc.sender_id),
            ("lgsp", "UBND-VP", self.agency_b),
        )
        self.assertEqual(
            doc.legal_value, "original", "both signatures of the PDF validate"
        )
        raw = self.env["ir.attachment"].search(
            [
                ("res_model", "=", doc._name),
                ("res_id", "=", doc.id),
                ("mimetype", "=", "application/xml"),
            ]
        )
        self.assertTrue(raw.raw.startswith(b"<?xml"))
        self.assertTrue(doc.vn_lgsp_message_id.acknowledged)
        self.assertFalse(
            self.peer.received_list("edoc"),
            "acknowledged: the platform no longer serves it",
        )
        doc.with_user(self.clerk).action_register()
        self.exchange._cron_send_outbox()
        self.assertEqual(self.statuses_to_b(), ["01", "03"])

    def test_package_payloads_are_kept_whole_and_not_indexed(self):
        """A received package and a queued status are kept byte for byte as the
        message's payload, without their text (megabytes of base64 for a real
        document) copied into the attachment's full-text index column."""
        raw_package = edxml.build_document(self.package())
        self.send_from_b(raw=raw_package)
        self.exchange._cron_poll()
        received = self.incoming().vn_lgsp_message_id
        doc = self.incoming()
        doc.with_user(self.clerk).action_register()
        status = self.env["vn.lgsp.message"].search(
            [("direction", "=", "out"), ("message_type", "=", "status")],
            order="id desc",
            limit=1,
        )
        for message, data in ((received, raw_package), (status, None)):
            payload = self.env["ir.attachment"].search(
                [
                    ("res_model", "=", "vn.lgsp.message"),
                    ("res_id", "=", message.id),
                    ("res_field", "=", "payload"),
                ]
            )
            self.assertEqual(len(payload), 1)
            self.assertEqual(
                hashlib.sha256(payload.raw).hexdigest(), message.payload_sha256
            )
            if data:
                self.assertEqual(payload.raw, data)
            self.assertTrue(payload.raw.startswith(b"<?xml"))
            self.assertFalse(payload.index_content, "the package is not indexed")
        # Other files are indexed as before (the context stops at the payload).
        note = self.env["ir.attachment"].create(
            {"name": "note.txt", "raw": b"ghi chu van ban den"}
        )
        self.assertTrue(note.index_content)

    def test_return_sends_02_with_the_reason(self):
        """R-IN3: a document returned by the clerk goes back to its sender as status 02
        with the reason."""
        self.send_from_b()
        self.exchange._cron_poll()
        self.incoming().with_user(self.clerk)._vn_return(
            "Không thuộc thẩm quyền giải quyết"
        )
        self.exchange._cron_send_outbox()
        items = self.peer.received_list("status")
        statuses = [edxml.parse(self.peer.get_edoc(item["docId"])) for item in items]
        self.assertEqual([s.status_code for s in statuses], ["01", "02"])
        self.assertEqual(statuses[1].description, "Không thuộc thẩm quyền giải quyết")

    def test_take_back_request_13_is_answered_15(self):
        """R-IN5: the sender asks for its document back (status 13): our copy is
        recalled, we answer 15."""
        self.send_from_b()
        self.exchange._cron_poll()
        doc = self.incoming()
        take_back = edxml.StatusPackage(
            from_org=edxml.Organization(organ_id=CODE_B, name="Agency B"),
            response_for={
                "organ_id": CODE_A,
                "code": "12/UBND-VP",
                "document_id": doc.document_identifier,
                "promulgation_date": datetime.date(2026, 11, 20),
            },
            status_code="13",
            description="Gửi nhầm văn bản",
            timestamp=datetime.datetime(2026, 11, 21, 9, 0),
            staff={},
        )
        self.peer.send_edoc(
            edxml.build_status(take_back),
            message_type="status",
            from_code=CODE_B,
            to_codes=[CODE_A],
        )
        self.exchange._cron_poll()
        self.assertEqual(doc.state, "recalled")
        self.assertEqual(doc.recall_reason, "Gửi nhầm văn bản")
        self.assertFalse(doc.file_ids.attachment_id, "the received files are destroyed")
        self.exchange._cron_send_outbox()
        self.assertEqual(self.statuses_to_b(), ["01", "15"])

    def test_same_package_twice_is_one_document(self):
        """R-LG4: delivered twice (the platform repeats it, or the sender re-sent after
        a crash)."""
        self.sim.fault("getReceivedEdocList", "duplicate")
        self.send_from_b()
        self.send_from_b()  # the same edXML document id under another platform id
        self.exchange._cron_poll()
        self.exchange._cron_poll()
        self.assertEqual(len(self.incoming()), 1)
        inbox = self.env["vn.lgsp.message"].search(
            [("direction", "=", "in"), ("message_type", "=", "edoc")]
        )
        self.assertTrue(all(m.acknowledged for m in inbox))

    @mute_logger(*QUIET)
    def test_hostile_packages_are_refused_with_status_02(self):
        """R-SEC1: a DTD or entities, a ZIP bomb, a file type not allowed, malware,
        another addressee: refused with a reason, answered with status 02, nothing kept
        but the refused package's record."""
        xxe = (
            b'<?xml version="1.0"?><!DOCTYPE edXML [<!ENTITY x SYSTEM '
            b'"file:///etc/passwd">]>'
            b'<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">&x;</edXML>'
        )
        eicar = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
        cases = [
            self.package(
                document_id="B,1",
                attachments=[
                    edxml.Attachment(
                        "1",
                        "setup.pdf",
                        "application/pdf",
                        "",
                        b"MZ\x90\x00" + b"\x00" * 200,
                    )
                ],
            ),
            self.package(
                document_id="B,2",
                attachments=[
                    edxml.Attachment("1", "virus.pdf", "application/pdf", "", eicar)
                ],
            ),
            self.package(document_id="B,3", to_code="000.09.41.H29"),
        ]
        for package in cases:
            self.peer.send_edoc(
                edxml.build_document(package), from_code=CODE_B, to_codes=[CODE_A]
            )
        self.exchange._cron_poll()
        # The platform itself refuses a DTD; a package with one is processed as if it
        # had passed.
        hostile = self.env["vn.lgsp.message"].create(
            {
                "direction": "in",
                "message_type": "edoc",
                "state": "fetched",
                "from_code": CODE_B,
                "attested_from_code": CODE_B,
                "platform_doc_id": "forged",
                "payload": base64.b64encode(xxe),
            }
        )
        hostile._vn_process()
        inbox = self.env["vn.lgsp.message"].search(
            [("direction", "=", "in"), ("message_type", "=", "edoc")]
        )
        self.assertEqual(inbox.mapped("state"), ["refused"] * 4)
        self.assertTrue(all(inbox.mapped("last_error")))
        self.assertFalse(
            self.env["vn.document.incoming"].search([("channel", "=", "lgsp")])
        )
        self.exchange._cron_send_outbox()
        # The unreadable package names no document: no status can refer to it (R-SEC3),
        # only the three packages that could be read are answered 02, each about its own
        # document.
        self.assertEqual(self.statuses_to_b(), ["02"] * 3)

    @mute_logger(*QUIET)
    def test_outbox_backoff_then_parked_with_an_alert(self):
        """R-LG4: errors give exponential backoff; after N attempts the line is parked
        and the administrator alerted."""
        message = self.env["vn.lgsp.message"]._vn_enqueue(
            {
                "message_type": "edoc",
                "from_code": CODE_A,
                "to_codes": CODE_B,
                "subject": "x",
            },
            edxml.build_document(self.package(to_code=CODE_B)),
        )
        self.sim.fault("sendEdoc", "error500", count=10)
        self.exchange._cron_send_outbox()
        self.assertEqual((message.state, message.attempts), ("queued", 1))
        first_wait = message.next_attempt_at - fields.Datetime.now()
        self.assertGreater(first_wait.total_seconds(), 50)
        for _i in range(2):
            message.next_attempt_at = fields.Datetime.now()
            self.exchange._cron_send_outbox()
        self.assertEqual((message.state, message.attempts), ("parked", 3))
        self.assertTrue(
            message.activity_ids.filtered(lambda a: a.user_id == self.users["admin"])
        )
        message.with_user(self.users["admin"]).action_retry()
        self.assertEqual(message.state, "queued")

    @mute_logger(*QUIET)
    def test_platform_down_loses_nothing(self):
        """R-LG4: the platform stops; the package waits in the outbox and goes when it
        is back."""
        message = self.env["vn.lgsp.message"]._vn_enqueue(
            {
                "message_type": "edoc",
                "from_code": CODE_A,
                "to_codes": CODE_B,
                "subject": "y",
            },
            edxml.build_document(self.package(to_code=CODE_B)),
        )
        self.profile.endpoint = "http://127.0.0.1:9"  # nothing listens there
        self.exchange._cron_send_outbox()
        self.assertEqual((message.state, message.attempts), ("queued", 1))
        self.assertTrue(message.last_error)
        self.profile.endpoint = self.sim.url
        message.next_attempt_at = fields.Datetime.now()
        self.exchange._cron_send_outbox()
        self.assertEqual(message.state, "sent")
        self.assertEqual(len(self.peer.received_list("edoc")), 1)

    def test_issue_to_another_agency_and_follow_statuses(self):
        """R-OUT8, R-LG2: one package per external recipient; the statuses that come
        back move its line."""
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
        line = doc.delivery_ids
        self.assertEqual(line.state, "queued")
        self.exchange._cron_send_outbox()
        self.assertEqual(line.state, "sent")
        item = self.peer.received_list("edoc")[0]
        package = edxml.parse(self.peer.get_edoc(item["docId"]))
        self.assertEqual(
            package.document_id,
            f"{CODE_A},{doc.issued_date:%Y/%m/%d},{doc.number_symbol}",
        )
        self.assertEqual([o.organ_id for o in package.to_orgs], [CODE_B])
        self.assertEqual(len(package.attachments), 1)
        for code in ("01", "03", "04", "05", "06"):
            status = edxml.StatusPackage(
                from_org=edxml.Organization(organ_id=CODE_B, name="Agency B"),
                response_for={
                    "organ_id": CODE_A,
                    "code": doc.number_symbol,
                    "document_id": package.document_id,
                    "promulgation_date": doc.issued_date,
                },
                status_code=code,
                description=f"status {code}",
                timestamp=datetime.datetime(2026, 11, 21, 8, 0),
                staff={},
            )
            self.peer.send_edoc(
                edxml.build_status(status),
                message_type="status",
                from_code=CODE_B,
                to_codes=[CODE_A],
            )
        self.exchange._cron_poll()
        self.assertEqual(line.state, "done")
        notes = doc.trail_ids.filtered(lambda s: s.kind == "delivery").mapped("note")
        for label in ("(01)", "(03)", "(04)", "(05)", "(06)"):
            self.assertTrue(any(label in note for note in notes), label)

    def test_late_receipt_alerts_the_follow_up_officer(self):
        """R-LG3: no "received" after 3 working days: an alert and the monitoring
        view."""
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
        doc.delivery_ids.sudo().sent_on = fields.Datetime.now() - datetime.timedelta(
            days=10
        )
        self.assertEqual(self.exchange._cron_monitor(), 1)
        self.assertTrue(doc.delivery_ids.vn_lgsp_alerted)
        self.assertTrue(
            doc.activity_ids.filtered(lambda a: a.user_id == self.users["follow_up"])
        )

    def test_credentials_for_administrators_only(self):
        """R-SEC1, R-SEC3: only document administrators write the secret, and nobody
        reads it back; clerks see the connection."""
        from odoo.exceptions import AccessError

        profile = self.profile.with_user(self.clerk)
        self.assertEqual(profile.endpoint, self.sim.url)
        with self.assertRaises(AccessError):
            profile.read(["secret"])
        admin_profile = self.profile.with_user(self.users["admin"])
        self.assertFalse(
            admin_profile.secret, "write-only: the stored secret is never read back"
        )
        self.assertTrue(admin_profile.secret_set)
        self.assertEqual(
            self.profile._client().secret, "secret-a", "the exchange still uses it"
        )

    def test_agency_directory_sync_keeps_code_history(self):
        """The directory comes from the platform; a code that changed keeps its history
        here."""
        old = self.env["res.partner"].create(
            {
                "name": "Phòng Tư pháp",
                "is_company": True,
                "vn_organ_code": "000.05.41.H29",
            }
        )
        # only the platform operator changes the directory
        self.sim.add_platform_admin()
        LgspClient(self.sim.url, *PLATFORM_ADMIN).register_agency(
            {
                "code": "000.15.41.H29",
                "oldCode": "000.05.41.H29",
                "pcode": "000.00.41.H29",
                "name": "Phòng Tư pháp Quận 1",
            }
        )
        self.assertGreaterEqual(self.exchange._cron_sync_agencies(), 5)
        self.assertEqual(
            old.vn_organ_code, "000.15.41.H29", "the same partner, with its new code"
        )
        self.assertEqual(old.name, "Phòng Tư pháp Quận 1")
        history = self.env["vn.agency.code.history"].search(
            [("partner_id", "=", old.id)]
        )
        self.assertIn("000.05.41.H29", history.mapped("code"))
        self.assertTrue(
            self.env["res.partner"].search([("vn_organ_code", "=", "000.00.41.H29")])
        )
