from odoo import _, api, fields, models
from odoo.exceptions import UserError


class VnLgspProfile(models.Model):
    """The agency's connection to the integration platform (HCM LGSP, or the national VXP axis).

    Two ways to authenticate: the platform's HMAC-signed headers (system id and secret),
    or a token gateway (OAuth2 client credentials, bearer token) in front of the same services.
    Secrets are readable by document administrators only.
    """

    _name = "vn.lgsp.profile"
    _description = "Integration platform connection"
    _inherit = ["mail.thread"]
    _check_company_auto = True

    name = fields.Char(string="Name", required=True, default="HCM LGSP")
    company_id = fields.Many2one("res.company", string="Agency", required=True, default=lambda self: self.env.company,
                                 index=True)
    active = fields.Boolean(default=True, tracking=True)
    organ_code = fields.Char(related="company_id.vn_organ_code", string="Agency code (OrganId)")
    endpoint = fields.Char(string="Endpoint", required=True, tracking=True,
                           help="Base URL of the document-exchange service, e.g. https://lgsp.example.gov.vn/vxp")
    auth_kind = fields.Selection([("hmac", "Signed headers (system id and secret)"),
                                  ("token", "Token gateway (client credentials)")],
                                 string="Authentication", required=True, default="hmac", tracking=True)
    system_id = fields.Char(string="System id", tracking=True,
                            help="The platform's id for this system; it need not equal the agency code.")
    secret = fields.Char(string="Secret or access key", groups="vn_document_base.group_vn_document_admin")
    token_url = fields.Char(string="Token URL")
    client_id = fields.Char(string="Client id", groups="vn_document_base.group_vn_document_admin")
    client_secret = fields.Char(string="Client secret", groups="vn_document_base.group_vn_document_admin")
    verify_tls = fields.Boolean(string="Verify the server certificate", default=True, tracking=True)
    ca_bundle = fields.Char(string="CA bundle (path)", help="PEM file of the platform's CA, when not a public one.")
    client_cert = fields.Char(string="Client certificate (path)")
    client_key = fields.Char(string="Client key (path)", groups="vn_document_base.group_vn_document_admin")
    timeout = fields.Integer(string="Timeout (seconds)", default=30)
    max_attempts = fields.Integer(string="Attempts before parking", default=8)
    backoff_seconds = fields.Integer(string="First retry after (seconds)", default=60,
                                     help="Each further attempt waits twice as long, up to six hours.")
    last_poll_at = fields.Datetime(string="Last poll", readonly=True)
    last_error = fields.Char(string="Last error", readonly=True)

    _company_unique = models.UniqueIndex("(company_id) WHERE active", "The agency already has an active connection.")

    @api.model
    def _for_company(self, company):
        profile = self.sudo().search([("company_id", "=", company.id)], limit=1)
        if not profile:
            raise UserError(_("The agency %(name)s has no connection to the integration platform.", name=company.name))
        return profile

    def _client(self):
        """The transport client of this profile (secrets read as superuser, never returned)."""
        from ..tools.lgsp_client import LgspClient, TokenAuth

        self.ensure_one()
        profile = self.sudo()
        verify = profile.ca_bundle or True if profile.verify_tls else False
        cert = (profile.client_cert, profile.client_key) if profile.client_cert and profile.client_key else (
            profile.client_cert or None)
        token = TokenAuth(profile.token_url, profile.client_id, profile.client_secret) \
            if profile.auth_kind == "token" else None
        return LgspClient(profile.endpoint, profile.system_id or profile.organ_code, profile.secret or "",
                          verify=verify, client_cert=cert, timeout=profile.timeout, token_auth=token)

    def action_exchange_now(self):
        """Send the outbox and fetch documents and statuses now, without waiting for the schedule."""
        self.ensure_one()
        if not self.env.user.has_group("vn_document_base.group_vn_document_admin"):
            raise UserError(_("Only a document administrator runs the exchange by hand."))
        exchange = self.env["vn.lgsp.exchange"]
        sent = exchange._cron_send_outbox()
        received = exchange._cron_poll()
        sent += exchange._cron_send_outbox()  # the statuses the new arrivals produced
        return {"type": "ir.actions.client", "tag": "display_notification",
                "params": {"type": "info", "message": _("%(sent)s packages sent, %(received)s received.",
                                                        sent=sent, received=received)}}

    def action_test_connection(self):
        self.ensure_one()
        from ..tools.lgsp_client import LgspError

        try:
            count = len(self._client().agencies())
        except LgspError as error:
            raise UserError(_("The platform did not answer as expected: %(error)s", error=error)) from None
        return {"type": "ir.actions.client", "tag": "display_notification",
                "params": {"type": "success", "message": _("Connected: %(count)s agencies listed.", count=count)}}
