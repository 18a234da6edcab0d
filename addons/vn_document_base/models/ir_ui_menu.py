# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class IrUiMenu(models.Model):
    _inherit = "ir.ui.menu"

    def _visible_menu_ids(self, debug=False):
        """Odoo's Apps menu only for system administrators. base_install_request (an
        auto-installed module) opens it to every user, whatever the load order."""
        visible = super()._visible_menu_ids(debug)
        if self.env.su or self.env.user._is_system():
            return visible
        apps = self.env.ref("base.menu_management", raise_if_not_found=False)
        if not apps:
            return visible
        hidden = set(
            self.sudo()
            .with_context(active_test=False)
            .search([("id", "child_of", apps.id)])
            .ids
        )
        return frozenset(set(visible) - hidden)
