# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import VnDocumentCase


@tagged("post_install", "-at_install")
class TestAdminHygiene(VnDocumentCase):
    """Issue 14: no call to Odoo's IAP services; Odoo's Apps menu for system
    administrators only."""

    def test_iap_calls_are_refused_before_any_network_request(self):
        if "iap.account" not in self.env:
            self.skipTest("iap is not installed")
        from odoo.addons import iap
        from odoo.addons.iap.tools import iap_tools

        with patch("requests.post") as post, patch("requests.get") as get:
            for call in (iap_tools.iap_jsonrpc, iap.jsonrpc):
                with self.assertRaisesRegex(UserError, "IAP"):
                    call("https://iap.odoo.com/iap/1/balance", params={})
        post.assert_not_called()
        get.assert_not_called()

    def test_no_partner_autocomplete_widget(self):
        """The partner and agency forms do not offer Odoo's online autocomplete."""
        if "iap.autocomplete.api" not in self.env:
            self.skipTest("partner_autocomplete is not installed")
        for model in ("res.partner", "res.company"):
            arch = self.env[model].get_views([(False, "form")])["views"]["form"]["arch"]
            self.assertIn('name="name"', arch, model)
            self.assertNotIn("field_partner_autocomplete", arch, model)

    def test_apps_menu_only_for_system_administrators(self):
        apps = self.env.ref("base.menu_management")
        menus = self.env["ir.ui.menu"]
        self.assertNotIn(
            apps.id, menus.with_user(self.users["admin"])._visible_menu_ids()
        )
        self.assertNotIn(
            apps.id, menus.with_user(self.users["admin"]).load_menus(False)
        )
        self.assertIn(
            apps.id,
            menus.with_user(self.env.ref("base.user_admin"))._visible_menu_ids(),
        )
        # the suite's own settings menu is his
        self.assertIn(
            self.env.ref("vn_document_base.res_config_settings_menu_vn_document").id,
            menus.with_user(self.users["admin"])._visible_menu_ids(),
        )
