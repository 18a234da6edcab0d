# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""19.0.1.10.0: the register chain. Registrations made before it existed are chained
once, at the end of the upgrade (every registering module loaded), in the order they
were registered, each marked ``backfilled``: the chain vouches for them from today, not
for their past."""

import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    count = env["vn.register.chain"]._vn_backfill()
    _logger.info("register chain: %s existing registrations chained", count)
