# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError


class VnAuditlogEvidence(models.AbstractModel):
    """The audit log is evidence: only auditlog's own hooks (running as superuser) make
    it, and no client changes or deletes it, not even an Odoo administrator, whom
    auditlog's access rights would otherwise let do so."""

    _name = "vn.auditlog.evidence"
    _description = "Audit log entries are evidence"

    def _vn_refuse_client(self):
        if not self.env.su:
            raise AccessError(
                _("Audit log entries are made by the system and never changed.")
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._vn_refuse_client()
        return super().create(vals_list)

    def write(self, vals):
        self._vn_refuse_client()
        return super().write(vals)

    def unlink(self):
        self._vn_refuse_client()
        return super().unlink()


class AuditlogLog(models.Model):
    _name = "auditlog.log"
    _inherit = ("auditlog.log", "vn.auditlog.evidence")


class AuditlogLogLine(models.Model):
    _name = "auditlog.log.line"
    _inherit = ("auditlog.log.line", "vn.auditlog.evidence")


class AuditlogHttpRequest(models.Model):
    _name = "auditlog.http.request"
    _inherit = ("auditlog.http.request", "vn.auditlog.evidence")


class AuditlogHttpSession(models.Model):
    _name = "auditlog.http.session"
    _inherit = ("auditlog.http.session", "vn.auditlog.evidence")


class AuditlogAutovacuum(models.TransientModel):
    _inherit = "auditlog.autovacuum"

    @api.model
    def autovacuum(self, days, chunk_size=None):
        # The scheduled job runs as OdooBot, who never logs in from a client; any other
        # caller deletes as himself and is refused.
        if self.env.uid == SUPERUSER_ID:
            self = self.sudo()
        return super().autovacuum(days, chunk_size=chunk_size)
