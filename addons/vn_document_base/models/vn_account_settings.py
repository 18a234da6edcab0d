# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# pylint: disable=consider-merging-classes-inherited
from odoo import fields, models


# Account settings apart from the file settings of res_config_settings.py: one
# responsibility per file.
class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    vn_totp_enforce = fields.Boolean(
        string="Require two-factor login of signers and administrators",
        config_parameter="vn_document_base.totp_enforce",
        help="Heads of agency and document administrators must confirm each login with "
        "a code from an authenticator app or, without one, a code sent by e-mail. "
        "Their open sessions end when this is switched on.",
    )
