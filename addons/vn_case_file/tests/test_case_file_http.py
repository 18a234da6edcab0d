# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Attacks on case files over HTTP (R-CF1, R-CF2, Phụ lục VI III.3.b, R-SEC3): every
call goes through the doors a browser or a script uses (JSON-RPC and
``/web/content``), as a role that must not succeed."""

from odoo import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.vn_document_base.tests.common import VnRpcMixin

from .common import CaseFileSetup


@tagged("post_install", "-at_install")
class TestCaseFileHttp(CaseFileSetup, VnRpcMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_roles()
        cls._setup_case_files()
        cls.staff = cls.users["staff"]
        cls.mine = cls._new_file(subject="Hồ sơ của chuyên viên")
        cls.theirs = cls._closed_file(cls.colleague, subject="Hồ sơ của đồng nghiệp")
        cls.batch = (
            cls.env["vn.case.file.handover"]
            .with_user(cls.colleague)
            .create(
                {
                    "name": "Nộp lưu của đồng nghiệp",
                    "case_file_ids": [Command.set(cls.theirs.ids)],
                }
            )
        )
        cls.batch.with_user(cls.colleague).action_submit()
        cls.package = cls.batch.package_ids

    def test_staff_cannot_reach_another_persons_file(self):
        """III.3.b: another person's file, its documents and its package are closed to
        a staff member, by search, by id and by URL."""
        found = self.rpc(self.staff, "vn.case.file", "search_read", [], ["subject"])
        self.assertEqual([r["id"] for r in found], self.mine.ids)
        self.assert_refused(
            self.staff, "vn.case.file", "read", self.theirs.ids, ["subject"]
        )
        self.assert_refused(
            self.staff,
            "vn.case.file.line",
            "read",
            self.theirs.sudo().line_ids.ids,
            ["subject"],
        )
        self.assert_refused(
            self.staff, "vn.case.file.package", "read", self.package.ids, ["name"]
        )
        self.authenticate(self.staff.login, self.staff.login)
        response = self.url_open(
            f"/web/content/{self.package.sudo().attachment_id.id}?download=true"
        )
        self.assertIn(response.status_code, (403, 404))

    def test_services_and_evidence_are_not_doors(self):
        """R-SEC3: the file's services are private to RPC, its lines and packages are
        made by the services only, and its state is not a client's to set."""
        paper = self._paper("Ghi chép", self.today)
        self.assert_refused(self.staff, "vn.case.file", "vn_attach", self.mine.ids, [])
        self.assert_refused(
            self.staff, "vn.case.file", "vn_reopen", self.theirs.ids, "x"
        )
        self.assert_refused(
            self.staff,
            "vn.case.file.line",
            "create",
            [
                {
                    "case_file_id": self.mine.id,
                    "res_model": paper._name,
                    "res_id": paper.id,
                }
            ],
        )
        self.assert_refused(
            self.staff, "vn.case.file", "write", self.mine.ids, {"state": "handed_over"}
        )
        self.assert_refused(
            self.staff,
            "vn.case.file",
            "create",
            [
                {
                    "subject": "Giả",
                    "file_notation": "GIA.01",
                    "retention_id": self.permanent.id,
                    "state": "closed",
                }
            ],
        )
        self.assertEqual(self.mine.state, "open")
        self.assertFalse(self.mine.line_ids)

    def test_handover_doors(self):
        """R-CF2: a staff member neither receives a handover nor names in his own
        batch a file he may not read."""
        self.assert_refused(
            self.staff, "vn.case.file.handover", "action_receive", self.batch.ids
        )
        self.assert_refused(
            self.staff,
            "vn.case.file.handover",
            "create",
            [{"name": "Lén", "case_file_ids": [Command.set(self.theirs.ids)]}],
        )
        self.assertEqual(self.batch.state, "submitted")
        self.assertEqual(self.theirs.state, "closed")
