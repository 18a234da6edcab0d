# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Attacks on the trust boundary over HTTP, as each role of the suite (R-SEC3, R-US4,
R-OUT3, R-IN6).

Each test is one class of the audit of issue 9 (SECURITY.md): it did what it must not on
the code before the fix, and fails now. Every call goes through the web doors a browser
or a script uses: JSON-RPC (``/web/dataset/call_kw``), ``/json/2``, ``onchange`` and
``/web/content``.
"""

import base64
import datetime

from odoo import Command, fields
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from odoo.addons.vn_document_base.tests import pdf_fixtures
from odoo.addons.vn_document_base.tests.common import VnRolesSetup

from .common import PASSPHRASE, OutgoingSetup


@tagged("post_install", "-at_install")
class TestTrustBoundaryHttp(OutgoingSetup, VnRolesSetup, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_roles()
        cls._setup_agency()
        env = cls.env
        clerk = cls.clerk
        # A registered incoming document with a signed PDF: clerks see it, staff do not.
        book = env["vn.register.book"].search([("kind", "=", "incoming")], limit=1)
        upload = (
            env["ir.attachment"]
            .with_user(clerk)
            .create(
                {
                    "name": "cong-van-den.pdf",
                    "raw": pdf_fixtures.make_two_signature_pdf(),
                    "res_model": "vn.document.incoming",
                }
            )
        )
        cls.incoming = (
            env["vn.document.incoming"]
            .with_user(clerk)
            .create(
                {
                    "subject": "Công văn mật về nhân sự",
                    "channel": "paper",
                    "register_book_id": book.id,
                    "upload_ids": [Command.set(upload.ids)],
                }
            )
        )
        cls.incoming.with_user(clerk).action_register()
        cls.incoming_file = cls.incoming.main_file_id
        # An issued outgoing document (the whole agency reads it).
        cls.issued = (
            env["vn.document.outgoing"]
            .with_user(cls.staff)
            .create(
                {
                    "document_type_id": cls.decision.id,
                    "subject": "Quyết định đã ban hành",
                    "drafting_department_id": cls.department.id,
                    "signer_id": cls.signer.id,
                    "delivery_ids": [
                        Command.create(
                            {"kind": "paper", "partner_id": cls.external_agency.id}
                        )
                    ],
                }
            )
        )
        cls.issued.with_user(cls.staff)._vn_add_version(
            "du-thao.pdf", cls.final_pdf, "final"
        )
        cls.issued.with_user(cls.staff).action_send_to_head()
        cls.issued.with_user(cls.head_of_unit).action_approve_content()
        cls.issued.with_user(clerk).action_approve_format()
        cls.issued.with_user(cls.signer)._vn_sign(cls.signer_key, PASSPHRASE)
        cls.issued.with_user(clerk)._vn_issue(cls.agency_p12_key, PASSPHRASE)
        # A draft of another unit's staff member that the staff user has nothing to do
        # with.
        cls.foreign_draft = (
            env["vn.document.outgoing"]
            .with_user(cls.outsider)
            .create(
                {
                    "document_type_id": cls.letter.id,
                    "subject": "Dự thảo của đơn vị khác",
                }
            )
        )
        cls.foreign_draft.with_user(cls.outsider)._vn_add_version(
            "ban-thao.pdf", cls.final_pdf, "draft"
        )

    # ------------------------------------------------------------------
    def rpc(self, role_user, model, method, *args, **kwargs):
        """Call ``model.method`` over JSON-RPC as ``role_user`` (password = login)."""
        self.authenticate(role_user.login, role_user.login)
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {
                "model": model,
                "method": method,
                "args": list(args),
                "kwargs": kwargs,
            },
        )

    def assert_refused(self, role_user, model, method, *args, **kwargs):
        # A call of a method that does not exist (any more) is logged as an error by the
        # server.
        with (
            self.assertRaises(
                JsonRpcException,
                msg=f"{role_user.login} {model}.{method} must be refused",
            ),
            mute_logger("odoo.http"),
        ):
            self.rpc(role_user, model, method, *args, **kwargs)

    # ------------------------------------------------------------------
    # 1. Related binaries computed as superuser
    # ------------------------------------------------------------------
    def test_01_onchange_preview_reads_no_foreign_file(self):
        """R-SEC3: an onchange pointing the preview at another document's file returns
        nothing."""
        stolen = self.incoming_file
        result = self.rpc(
            self.staff,
            "vn.document.outgoing",
            "onchange",
            [],
            {"signing_file_id": stolen.id},
            ["signing_file_id"],
            {"signing_file_id": {}, "signing_file_preview": {}},
        )
        self.assertFalse(result.get("value", {}).get("signing_file_preview"))
        # The clerk, who may read every incoming document, gets no other document's file
        # either.
        result = self.rpc(
            self.clerk,
            "vn.document.incoming",
            "onchange",
            [],
            {"main_file_id": self.issued.issued_file_id.id},
            ["main_file_id"],
            {"main_file_id": {}, "main_file_preview": {}},
        )
        self.assertFalse(result.get("value", {}).get("main_file_preview"))
        # Pointing an existing document at a foreign file is refused on save.
        self.assert_refused(
            self.clerk,
            "vn.document.incoming",
            "write",
            [self.incoming.id],
            {"main_file_id": self.issued.issued_file_id.id},
        )

    # ------------------------------------------------------------------
    # 2. Evidence made and destroyed by clients
    # ------------------------------------------------------------------
    def test_02_evidence_cannot_be_forged_or_destroyed(self):
        """R-SEC3: checked files and verdicts are made and destroyed by the services
        only."""
        key_attachment = (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "vn.signing.key"),
                    ("res_field", "=", "pkcs12_file"),
                ],
                limit=1,
            )
        )
        self.assertTrue(key_attachment)
        self.assert_refused(
            self.staff,
            "vn.document.file",
            "create",
            {
                "name": "x.pdf",
                "attachment_id": key_attachment.id,
                "res_model": "vn.document.outgoing",
                "res_id": self.issued.id,
                "sha256": "0" * 64,
                "scan_engine": "forged",
                "legal_value": "original",
            },
        )
        self.assert_refused(
            self.staff,
            "vn.document.signature",
            "create",
            {
                "file_id": self.issued.issued_file_id.id,
                "signer_name": "Forged",
                "is_valid": True,
            },
        )
        self.assert_refused(
            self.staff,
            "vn.document.file",
            "vn_destroy_content",
            [self.issued.issued_file_id.id],
            "gone",
        )
        self.assert_refused(
            self.staff,
            "vn.document.file",
            "_vn_destroy_content",
            [self.issued.issued_file_id.id],
            "gone",
        )
        self.assertTrue(
            self.issued.issued_file_id.attachment_id, "the original is still there"
        )
        for model in (
            "vn.document.trail",
            "vn.document.access.log",
            "vn.register.correction",
            "vn.register.number",
        ):
            self.assert_refused(self.clerk, model, "create", {})
        # The ledger of numbers taken: nobody forges, renumbers or removes a number
        # (R-IN6).
        taken = self.env["vn.register.number"].search(
            [("book_id", "=", self.incoming.register_book_id.id)]
        )
        self.assertTrue(taken)
        self.assert_refused(
            self.clerk,
            "vn.register.number",
            "create",
            {
                "book_id": taken.book_id.id,
                "year": taken.year,
                "number": taken.number + 1,
            },
        )
        self.assert_refused(
            self.clerk, "vn.register.number", "write", taken.ids, {"number": 99}
        )
        self.assert_refused(self.clerk, "vn.register.number", "unlink", taken.ids)

    # ------------------------------------------------------------------
    # 4. Workflow fields through create
    # ------------------------------------------------------------------
    def test_04_create_refuses_workflow_fields(self):
        """R-OUT3: a forged "issued" document with a number cannot be created."""
        self.assert_refused(
            self.staff,
            "vn.document.outgoing",
            "create",
            {
                "document_type_id": self.decision.id,
                "subject": "Giả mạo",
                "state": "issued",
                "number_symbol": "99/QĐ-UBND",
                "code_number": "99",
                "issued_date": "2026-05-05",
                "register_book_id": self.book_decision.id,
            },
        )
        self.assert_refused(
            self.staff,
            "vn.document.outgoing",
            "create",
            {
                "document_type_id": self.decision.id,
                "subject": "Giả mạo",
                "paper_copy_count": 5,
            },
        )
        self.assert_refused(
            self.clerk,
            "vn.document.incoming",
            "create",
            {"subject": "Giả mạo", "state": "done", "arrival_number": 999},
        )
        self.assertFalse(
            self.env["vn.document.outgoing"].search([("subject", "=", "Giả mạo")])
        )

    # ------------------------------------------------------------------
    # 5. Child records visible exactly when their parent is
    # ------------------------------------------------------------------
    def test_05_children_follow_their_document(self):
        """R-SEC3: steps, versions, trail, files and recipients of a draft the user may
        not read are invisible to him, and he cannot add recipients to it."""
        draft = self.foreign_draft
        found = self.rpc(
            self.staff,
            "vn.document.trail",
            "search_read",
            [("res_model", "=", "vn.document.outgoing"), ("res_id", "=", draft.id)],
            ["id"],
        )
        self.assertFalse(found, "the trail of a foreign draft is visible")
        for model in (
            "vn.document.outgoing.version",
            "vn.document.delivery",
        ):
            found = self.rpc(
                self.staff,
                model,
                "search_read",
                [("document_id", "=", draft.id)],
                ["id"],
            )
            self.assertFalse(found, f"{model} of a foreign draft is visible")
        files = self.rpc(
            self.staff,
            "vn.document.file",
            "search_read",
            [("res_model", "=", "vn.document.outgoing"), ("res_id", "=", draft.id)],
            ["id"],
        )
        self.assertFalse(files)
        trail = self.rpc(
            self.staff,
            "vn.document.trail",
            "search_read",
            [
                ("res_model", "=", "vn.document.incoming"),
                ("res_id", "=", self.incoming.id),
            ],
            ["id"],
        )
        self.assertFalse(trail)
        self.assert_refused(
            self.staff,
            "vn.document.delivery",
            "create",
            {"document_id": draft.id, "kind": "email", "email": "attacker@example.com"},
        )
        # The staff user's own documents still show theirs.
        steps = self.rpc(
            self.staff,
            "vn.document.trail",
            "search_read",
            [
                ("res_model", "=", "vn.document.outgoing"),
                ("res_id", "=", self.issued.id),
            ],
            ["id"],
        )
        self.assertTrue(steps)

    # ------------------------------------------------------------------
    # 6. Register entries are immutable
    # ------------------------------------------------------------------
    def test_06_register_entry_never_changes(self):
        """R-IN6: after registration the register fields are frozen; a correction is a
        record."""
        doc = self.incoming
        number = doc.arrival_number
        for values in (
            {"arrival_number": number + 5},
            {"subject": "Đã sửa"},
            {"state": "received"},
            {"arrival_date": "2025-01-01 00:00:00"},
            {"registered_by_id": self.staff.id},
        ):
            self.assert_refused(
                self.clerk, "vn.document.incoming", "write", [doc.id], values
            )
            self.assert_refused(
                self.signer, "vn.document.incoming", "write", [doc.id], values
            )
        self.assertEqual(doc.arrival_number, number)
        self.assertEqual(doc.subject, "Công văn mật về nhân sự")
        sequence = (
            self.env["ir.sequence"]
            .sudo()
            .create({"name": "swap", "implementation": "no_gap"})
        )
        self.assert_refused(
            self.clerk,
            "vn.register.book",
            "write",
            [doc.register_book_id.id],
            {"sequence_id": sequence.id},
        )
        # The correction wizard keeps the entry and adds a correction record.
        wizard = self.rpc(
            self.clerk,
            "vn.register.correction.wizard",
            "create",
            {
                "res_model": "vn.document.incoming",
                "res_id": doc.id,
                "field_name": "subject",
                "new_value": "Công văn về nhân sự",
                "reason": "Gõ nhầm trích yếu",
            },
        )
        self.rpc(
            self.clerk, "vn.register.correction.wizard", "action_confirm", [wizard]
        )
        self.assertEqual(doc.subject, "Công văn mật về nhân sự")
        self.assertEqual(doc.register_correction_ids.new_value, "Công văn về nhân sự")
        self.assertEqual(
            doc.register_correction_ids.old_value, "Công văn mật về nhân sự"
        )
        self.assert_refused(
            self.clerk,
            "vn.register.correction",
            "write",
            doc.register_correction_ids.ids,
            {"new_value": "x"},
        )
        self.assert_refused(
            self.clerk,
            "vn.register.correction",
            "unlink",
            doc.register_correction_ids.ids,
        )

    # ------------------------------------------------------------------
    # 7. Issued originals published or padded with unchecked files
    # ------------------------------------------------------------------
    def test_07_originals_cannot_be_published(self):
        """R-OUT9: nobody publishes an issued original or attaches an unchecked file to
        it."""
        attachment = self.issued.issued_file_id.attachment_id
        for values in (
            {"public": True},
            {"access_token": "open-sesame"},
            {"type": "url", "url": "http://x"},
            {"res_id": self.foreign_draft.id},
        ):
            self.assert_refused(
                self.staff, "ir.attachment", "write", [attachment.id], values
            )
        self.assert_refused(
            self.staff, "ir.attachment", "generate_access_token", [attachment.id]
        )
        self.logout()
        response = self.url_open(
            f"/web/content/{attachment.id}?access_token=open-sesame"
        )
        self.assertNotEqual(response.status_code, 200)
        self.assert_refused(
            self.staff,
            "ir.attachment",
            "create",
            {
                "name": "unchecked.pdf",
                "raw": base64.b64encode(b"%PDF-1.4 fake").decode(),
                "res_model": "vn.document.outgoing",
                "res_id": self.issued.id,
            },
        )

    # ------------------------------------------------------------------
    # 8. Workflow facts, separation of duties, deletion, routing
    # ------------------------------------------------------------------
    def test_08a_delivery_and_paper_facts_are_not_forgeable(self):
        """R-OUT8: statuses and paper-copy facts of issued documents come from the
        services."""
        line = self.issued.delivery_ids[:1]
        self.assert_refused(
            self.staff, "vn.document.delivery", "write", line.ids, {"state": "received"}
        )
        self.assert_refused(
            self.staff,
            "vn.document.delivery",
            "write",
            line.ids,
            {"postal_receipt": "BĐ-1"},
        )
        self.assert_refused(self.staff, "vn.document.delivery", "unlink", line.ids)
        self.assert_refused(
            self.staff,
            "vn.document.outgoing",
            "write",
            self.issued.ids,
            {"paper_copy_count": 3},
        )

    def test_08b_drafter_cannot_approve_own_draft(self):
        """R-OUT2: the drafter names himself content approver and format checker:
        refused at approval."""
        draft = (
            self.env["vn.document.outgoing"]
            .with_user(self.head_of_unit)
            .create(
                {
                    "document_type_id": self.decision.id,
                    "subject": "Tự duyệt",
                    "drafting_department_id": self.department.id,
                    "signer_id": self.signer.id,
                }
            )
        )
        draft.with_user(self.head_of_unit)._vn_add_version(
            "du-thao.pdf", self.final_pdf, "final"
        )
        self.assertEqual(draft.content_approver_id, self.head_of_unit)
        self.rpc(
            self.head_of_unit, "vn.document.outgoing", "action_send_to_head", draft.ids
        )
        self.assert_refused(
            self.head_of_unit,
            "vn.document.outgoing",
            "action_approve_content",
            draft.ids,
        )
        self.assertEqual(draft.state, "head_review")

    def test_08c_only_the_drafter_deletes_a_draft(self):
        """R-OUT2: a reviewer involved in a draft cannot delete it."""
        draft = (
            self.env["vn.document.outgoing"]
            .with_user(self.staff)
            .create(
                {
                    "document_type_id": self.letter.id,
                    "subject": "Bản nháp",
                    "reviewer_ids": [Command.set(self.reviewer.ids)],
                }
            )
        )
        self.assert_refused(self.reviewer, "vn.document.outgoing", "unlink", draft.ids)
        self.assertTrue(draft.exists())

    def test_08d_clerk_cannot_route_past_the_policy(self):
        """R-IN9: with routing through the head (the default), the clerk creates no
        assignment."""
        self.assert_refused(
            self.clerk,
            "vn.document.assignment",
            "create",
            {"document_id": self.incoming.id, "role": "lead", "user_id": self.staff.id},
        )
        self.assertFalse(self.incoming.assignment_ids)

    def test_08e_access_log_has_no_skip(self):
        """R-SEC3: read(), multi-record reads and the old context key are all logged."""
        Log = self.env["vn.document.access.log"].sudo()
        before = Log.search_count(
            [
                ("res_model", "=", "vn.document.outgoing"),
                ("user_id", "=", self.staff.id),
            ]
        )
        self.rpc(
            self.staff,
            "vn.document.outgoing",
            "read",
            self.issued.ids,
            ["subject", "description"],
        )
        self.rpc(
            self.staff,
            "vn.document.outgoing",
            "web_read",
            self.issued.ids,
            {"description": {}},
            context={"vn_list_read": True},
        )
        self.authenticate(self.staff.login, self.staff.login)
        self.url_open(
            f"/web/content/vn.document.outgoing/{self.issued.id}/signing_file_preview"
        )
        after = Log.search_count(
            [
                ("res_model", "=", "vn.document.outgoing"),
                ("user_id", "=", self.staff.id),
            ]
        )
        self.assertGreaterEqual(after - before, 3)
        # Listing the register (the list's columns) is not an opening.
        self.rpc(
            self.staff,
            "vn.document.outgoing",
            "search_read",
            [("id", "=", self.issued.id)],
            ["subject", "number_symbol", "state"],
        )
        self.assertEqual(
            Log.search_count(
                [
                    ("res_model", "=", "vn.document.outgoing"),
                    ("user_id", "=", self.staff.id),
                ]
            ),
            after,
        )

    # ------------------------------------------------------------------
    # /json/2 is the same door
    # ------------------------------------------------------------------
    def test_json2_same_rules(self):
        """R-SEC3: the /json/2 API applies the same refusals."""
        key = (
            self.env["res.users.apikeys"]
            .with_user(self.staff)
            .sudo()
            ._generate(
                "rpc", "test", fields.Datetime.now() + datetime.timedelta(days=1)
            )
        )
        headers = {"Authorization": f"bearer {key}", "Content-Type": "application/json"}
        response = self.url_open(
            "/json/2/vn.document.file/create",
            headers=headers,
            json={
                "vals_list": [
                    {
                        "name": "x",
                        "res_model": "vn.document.outgoing",
                        "res_id": self.issued.id,
                        "sha256": "0" * 64,
                    }
                ]
            },
        )
        self.assertNotEqual(response.status_code, 200)
        response = self.url_open(
            "/json/2/vn.document.trail/search_read",
            headers=headers,
            json={
                "domain": [
                    ("res_model", "=", "vn.document.outgoing"),
                    ("res_id", "=", self.foreign_draft.id),
                ],
                "fields": ["note"],
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), [])

    def test_uploads_are_fresh_uploads_only(self):
        """R-SEC3: a clerk cannot pass another record's attachment as an upload (it
        would be copied, then deleted by the check step)."""
        foreign = self.env["ir.attachment"].create(
            {
                "name": "phu-luc-khac.pdf",
                "raw": self.annex_pdf,
                "res_model": "vn.document.outgoing",
                "res_id": self.issued.id,
            }
        )
        self.assert_refused(
            self.clerk,
            "vn.document.incoming",
            "create",
            {
                "subject": "Lấy tệp của văn bản khác",
                "channel": "paper",
                "upload_ids": [[6, 0, foreign.ids]],
            },
        )
        self.assertTrue(foreign.exists())
