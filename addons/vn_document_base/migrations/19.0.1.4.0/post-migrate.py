# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""19.0.1.4.0: access comes from roles (R-US1). The accounts holding suite groups get
the matching role lines, so that their access stays the same and is managed by roles
from now on."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["res.users"]._vn_roles_from_groups()
