# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    vn_organ_code = fields.Char(related="company_id.vn_organ_code", readonly=False)
    vn_short_name = fields.Char(related="company_id.vn_short_name", readonly=False)
    vn_managing_body = fields.Char(
        related="company_id.vn_managing_body", readonly=False
    )
    vn_resource_calendar_id = fields.Many2one(
        related="company_id.resource_calendar_id",
        readonly=False,
        string="Working calendar",
    )
    vn_clamd_address = fields.Char(
        string="Malware scanner address",
        config_parameter="vn_document_base.clamd_address",
        help="unix:///var/run/clamav/clamd.ctl or tcp://host:3310. Empty: the "
        "VN_CLAMD_ADDRESS environment variable, then the vn_clamd_address option of "
        "odoo.conf, then Debian's socket.",
    )
    vn_max_file_size_mb = fields.Integer(
        string="Largest file (MB)",
        config_parameter="vn_document_base.max_file_size_mb",
        default=50,
    )
    vn_revocation_mode = fields.Selection(
        [
            ("soft-fail", "Check when revocation data is available"),
            ("hard-fail", "Refuse when declared revocation data cannot be checked"),
            ("require", "Require revocation data for every certificate"),
        ],
        string="Certificate revocation",
        config_parameter="vn_document_base.revocation_mode",
        default="soft-fail",
    )
    vn_revocation_fetch = fields.Boolean(
        string="Fetch revocation data online (OCSP, CRL)",
        config_parameter="vn_document_base.revocation_fetch",
    )
