# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

CRONS = {
    "vn_lgsp_send_interval": "vn_lgsp_connector.ir_cron_vn_lgsp_send",
    "vn_lgsp_poll_interval": "vn_lgsp_connector.ir_cron_vn_lgsp_poll",
}


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    vn_lgsp_profile_id = fields.Many2one(
        "vn.lgsp.profile",
        string="Platform connection",
        compute="_compute_vn_lgsp_profile_id",
    )
    vn_lgsp_monitor_days = fields.Integer(
        string="Alert when no receipt after (working days)",
        default=3,
        config_parameter="vn_lgsp_connector.monitor_days",
    )
    vn_lgsp_max_package_mb = fields.Integer(
        string="Largest package (MB)",
        default=60,
        config_parameter="vn_lgsp_connector.max_package_mb",
    )
    vn_lgsp_max_zip_ratio = fields.Integer(
        string="Largest compression ratio of an attachment",
        default=100,
        config_parameter="vn_lgsp_connector.max_zip_ratio",
    )
    vn_lgsp_send_interval = fields.Integer(
        string="Send the outbox every (minutes)", default=2
    )
    vn_lgsp_poll_interval = fields.Integer(
        string="Fetch documents and statuses every (minutes)", default=5
    )

    @api.depends("company_id")
    def _compute_vn_lgsp_profile_id(self):
        for settings in self:
            settings.vn_lgsp_profile_id = (
                self.env["vn.lgsp.profile"]
                .sudo()
                .search([("company_id", "=", settings.company_id.id)], limit=1)
            )

    @api.model
    def get_values(self):
        values = super().get_values()
        for field, xmlid in CRONS.items():
            cron = self.env.ref(xmlid, raise_if_not_found=False)
            if cron:
                values[field] = cron.sudo().interval_number
        return values

    def set_values(self):
        result = super().set_values()
        for field, xmlid in CRONS.items():
            cron = self.env.ref(xmlid, raise_if_not_found=False)
            if cron and self[field] > 0:
                cron.sudo().write(
                    {"interval_number": self[field], "interval_type": "minutes"}
                )
        return result
