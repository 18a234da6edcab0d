# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, fields, models
from odoo.exceptions import AccessError


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
    vn_scan_policy = fields.Selection(
        related="company_id.vn_scan_policy", readonly=False
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

    # The daily backup (R-OP2). The folders decide where the whole database goes: only
    # Odoo's system administrators may change them.
    vn_backup_folder = fields.Char(
        string="Backup folder",
        config_parameter="vn_document_base.backup_folder",
        groups="base.group_system",
    )
    vn_backup_second_folder = fields.Char(
        string="Second copy",
        config_parameter="vn_document_base.backup_second_folder",
        groups="base.group_system",
    )
    vn_backup_keep_daily = fields.Integer(
        string="Dailies",
        config_parameter="vn_document_base.backup_keep_daily",
        default=7,
    )
    vn_backup_keep_weekly = fields.Integer(
        string="Weeklies",
        config_parameter="vn_document_base.backup_keep_weekly",
        default=4,
    )
    vn_backup_keep_monthly = fields.Integer(
        string="Monthlies",
        config_parameter="vn_document_base.backup_keep_monthly",
        default=12,
    )

    def action_vn_backup_now(self):
        """Run the nightly backup job now (in the scheduler, not in this request); the
        result appears in the backup log."""
        if not self.env.user.has_group("vn_document_base.group_vn_document_admin"):
            raise AccessError(_("Only document administrators may start a backup."))
        self.env.ref("vn_document_base.ir_cron_vn_backup").sudo()._trigger()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": _("The backup starts in a moment; see the backup log."),
                "type": "info",
            },
        }
