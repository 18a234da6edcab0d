# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestUi(HttpCase):
    """Browser tours in Chromium: the screens a clerk and an administrator open
    first."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clerk = new_test_user(
            cls.env,
            login="vn_tour_clerk",
            groups="vn_document_base.group_vn_document_clerk",
            lang="vi_VN",
            tz="Asia/Ho_Chi_Minh",
        )
        cls.admin = new_test_user(
            cls.env,
            login="vn_tour_admin",
            groups="vn_document_base.group_vn_document_admin",
            lang="vi_VN",
            tz="Asia/Ho_Chi_Minh",
        )
        cls.env["vn.register.book"].create(
            {"name": "Sổ đến của tour", "kind": "incoming"}
        )

    def test_clerk_finds_register_books(self):
        self.start_tour("/odoo", "vn_document_base_clerk_tour", login="vn_tour_clerk")

    def test_admin_opens_settings(self):
        self.start_tour(
            "/odoo", "vn_document_base_settings_tour", login="vn_tour_admin"
        )
