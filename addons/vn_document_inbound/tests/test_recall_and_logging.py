# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .test_incoming import IncomingCase


@tagged("post_install", "-at_install")
class TestRecall(IncomingCase):
    def test_recall_destroys_files_and_keeps_the_record(self):
        """R-IN5: files destroyed, out of every work list, a record of the recall
        stays."""
        doc = self.receive()
        self.assign_to_unit(doc)
        attachment = doc.main_file_id.attachment_id
        self.env["vn.incoming.recall.wizard"].with_user(self.users["clerk"]).create(
            {"document_id": doc.id, "reason": "Công văn thu hồi số 15/STP-VP"}
        ).action_confirm()
        self.assertEqual(doc.state, "recalled")
        self.assertFalse(attachment.exists())
        self.assertTrue(doc.main_file_id.destroyed_on)
        self.assertEqual(
            len(doc.main_file_id.sha256), 64
        )  # what was destroyed stays identifiable
        self.assertFalse(doc.activity_ids)
        self.assertEqual(set(doc.assignment_ids.mapped("state")), {"cancelled"})
        self.assertEqual(doc.recalled_by_id, self.users["clerk"])
        self.assertEqual(doc.trail_ids[-1].note, "Công văn thu hồi số 15/STP-VP")
        follow_up = self.env["vn.document.assignment"].search(
            [("document_id", "=", doc.id), ("state", "=", "open")]
        )
        self.assertFalse(follow_up)
        with self.assertRaises(UserError):
            doc.main_file_id.action_download()


@tagged("post_install", "-at_install")
class TestFollowUp(IncomingCase):
    def test_overdue_and_due_soon_by_unit(self):
        """R-IN12: the follow-up view lists open work overdue or due within N working
        days."""
        soon, late, later = (
            self.receive(code_number="1"),
            self.receive(code_number="2"),
            self.receive(code_number="3"),
        )
        self.assign_to_unit(soon, days=1)
        self.assign_to_unit(late, days=1)
        self.assign_to_unit(later, days=20)
        late.assignment_ids.filtered(
            lambda a: a.role == "lead"
        ).sudo().deadline = "2020-01-02"
        Assignment = self.env["vn.document.assignment"].with_user(
            self.users["follow_up"]
        )
        self.assertEqual(
            Assignment.search([("is_overdue", "=", True)]).document_id, late
        )
        self.assertEqual(
            Assignment.search([("is_due_soon", "=", True)]).document_id, soon
        )
        groups = Assignment._read_group(
            [("state", "=", "open"), ("role", "!=", "inform")],
            ["department_id"],
            ["__count"],
        )
        self.assertEqual(dict(groups)[self.unit], 3)


@tagged("post_install", "-at_install")
class TestAccessLog(HttpCase, IncomingCase):
    """R-SEC3: every opening and every download of a document's file is logged; others
    are refused over HTTP."""

    def test_each_role_over_http(self):
        """R-SEC3 through the web client's JSON-RPC: the record rules hold over HTTP
        too."""
        assigned, other = self.receive(code_number="1"), self.receive(code_number="2")
        self.assign_to_unit(assigned)
        ids = (assigned | other).ids
        expected = {
            "clerk": ids,
            "agency_head": ids,
            "follow_up": ids,
            "department_head": assigned.ids,
            "staff": [],
            "outsider": [],
        }
        for role, visible in expected.items():
            user = self.outsider if role == "outsider" else self.users[role]
            self.authenticate(user.login, user.login)
            found = self.make_jsonrpc_request(
                "/web/dataset/call_kw",
                {
                    "model": "vn.document.incoming",
                    "method": "search_read",
                    "args": [[("id", "in", ids)], ["subject"]],
                    "kwargs": {},
                },
            )
            self.assertEqual(sorted(r["id"] for r in found), sorted(visible), role)

    def test_open_and_download_logged_and_refused_to_others(self):
        doc = self.receive()
        Log = self.env["vn.document.access.log"]
        # The form reads more than the list's columns: that is an opening.
        doc.with_user(self.users["clerk"]).web_read({"subject": {}, "description": {}})
        self.assertTrue(
            Log.search(
                [
                    ("res_id", "=", doc.id),
                    ("action", "=", "open"),
                    ("user_id", "=", self.users["clerk"].id),
                ]
            )
        )
        file = doc.main_file_id
        downloads = [("action", "=", "download"), ("file_id", "=", file.id)]
        self.authenticate("vn_test_clerk", "vn_test_clerk")
        response = self.url_open(f"/vn_document/file/{file.id}")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.content.startswith(b"%PDF"))
        self.assertEqual(Log.search_count(downloads), 1)
        # Odoo's generic URL (read-only route) is logged as well.
        with mute_logger("odoo.http"):  # "retrying with a read/write cursor"
            response = self.url_open(
                f"/web/content/{file.attachment_id.id}?download=true"
            )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(Log.search_count(downloads), 2)
        # Someone the document is not assigned to is refused, and nothing is logged for
        # them.
        self.authenticate("vn_test_outsider", "vn_test_outsider")
        for url in (
            f"/vn_document/file/{file.id}",
            f"/web/content/{file.attachment_id.id}?download=true",
        ):
            with mute_logger("odoo.http"):
                response = self.url_open(url)
            self.assertIn(response.status_code, (403, 404), url)
        self.assertFalse(
            Log.search(
                [("action", "=", "download"), ("user_id", "=", self.outsider.id)]
            )
        )
