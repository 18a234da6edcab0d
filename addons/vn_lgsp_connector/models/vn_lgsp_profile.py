# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

ADMIN_GROUP = "vn_document_base.group_vn_document_admin"
CREDENTIALS = ("secret", "client_secret")


class VnLgspCredential(models.Model):
    """The secrets of a platform connection, out of every client's reach: no group has
    any access to this model, so only the exchange (as superuser) reads it. The
    profile's secret fields are write-only: reading them always gives nothing
    (R-SEC3)."""

    _name = "vn.lgsp.credential"
    _description = "Secrets of an integration platform connection"

    profile_id = fields.Many2one(
        "vn.lgsp.profile", required=True, index=True, ondelete="cascade"
    )
    secret = fields.Char()
    client_secret = fields.Char()

    _profile_unique = models.UniqueIndex(
        "(profile_id)", "A connection has one set of secrets."
    )


class VnLgspProfile(models.Model):
    """The agency's connection to the integration platform (HCM LGSP, or the national
    VXP axis).

    Two ways to authenticate: the platform's HMAC-signed headers (system id and secret),
    or a token gateway (OAuth2 client credentials, bearer token) in front of the same
    services. Secrets are written by document administrators and never read back by
    anyone (``vn.lgsp.credential``); every action on the connection is for document
    administrators.
    """

    _name = "vn.lgsp.profile"
    _description = "Integration platform connection"
    _inherit = "mail.thread"
    _check_company_auto = True

    name = fields.Char(required=True, default="HCM LGSP")
    company_id = fields.Many2one(
        "res.company",
        string="Agency",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )
    active = fields.Boolean(default=True, tracking=True)
    organ_code = fields.Char(
        related="company_id.vn_organ_code", string="Agency code (OrganId)"
    )
    endpoint = fields.Char(
        required=True,
        tracking=True,
        help="Base URL of the document-exchange service, e.g. "
        "https://lgsp.example.gov.vn/vxp",
    )
    auth_kind = fields.Selection(
        [
            ("hmac", "Signed headers (system id and secret)"),
            ("token", "Token gateway (client credentials)"),
        ],
        string="Authentication",
        required=True,
        default="hmac",
        tracking=True,
    )
    system_id = fields.Char(
        string="System id",
        tracking=True,
        help="The platform's id for this system; it need not equal the agency code.",
    )
    secret = fields.Char(
        string="Secret or access key",
        compute="_compute_credentials",
        inverse="_inverse_secret",
        groups=ADMIN_GROUP,
        copy=False,
        help="Write-only: the stored secret is never shown again; type a new one to "
        "replace it.",
    )
    secret_set = fields.Boolean(string="Secret stored", compute="_compute_credentials")
    token_url = fields.Char(string="Token URL")
    client_id = fields.Char(
        string="Client id", groups="vn_document_base.group_vn_document_admin"
    )
    client_secret = fields.Char(
        string="Client secret",
        compute="_compute_credentials",
        inverse="_inverse_client_secret",
        groups=ADMIN_GROUP,
        copy=False,
        help="Write-only: the stored secret is never shown again.",
    )
    client_secret_set = fields.Boolean(
        string="Client secret stored", compute="_compute_credentials"
    )
    verify_tls = fields.Boolean(
        string="Verify the server certificate", default=True, tracking=True
    )
    ca_bundle = fields.Char(
        string="CA bundle (path)",
        help="PEM file of the platform's CA, when not a public one.",
    )
    client_cert = fields.Char(string="Client certificate (path)")
    client_key = fields.Char(
        string="Client key (path)", groups="vn_document_base.group_vn_document_admin"
    )
    timeout = fields.Integer(string="Timeout (seconds)", default=30)
    max_attempts = fields.Integer(string="Attempts before parking", default=8)
    backoff_seconds = fields.Integer(
        string="First retry after (seconds)",
        default=60,
        help="Each further attempt waits twice as long, up to six hours.",
    )
    last_poll_at = fields.Datetime(string="Last poll", readonly=True)
    last_error = fields.Char(string="Last error", readonly=True)

    _company_unique = models.UniqueIndex(
        "(company_id) WHERE active", "The agency already has an active connection."
    )

    # ------------------------------------------------------------------
    # Secrets: written through the form, never returned to a client
    # ------------------------------------------------------------------
    def _credentials(self):
        self.ensure_one()
        if not self._origin.id:
            return self.env["vn.lgsp.credential"]
        return (
            self.env["vn.lgsp.credential"]
            .sudo()
            .search([("profile_id", "=", self._origin.id)], limit=1)
        )

    def _compute_credentials(self):
        for profile in self:
            stored = profile._credentials()
            profile.secret = False
            profile.client_secret = False
            profile.secret_set = bool(stored.secret)
            profile.client_secret_set = bool(stored.client_secret)

    def _vn_store_credential(self, name, value):
        for profile in self:
            if not value:
                continue  # an empty field on the form means "keep the stored secret"
            stored = profile._credentials()
            if stored:
                stored.write({name: value})
            else:
                self.env["vn.lgsp.credential"].sudo().create(
                    {"profile_id": profile.id, name: value}
                )

    @api.model_create_multi
    def create(self, vals_list):
        profiles = super().create(vals_list)
        profiles._vn_forget_credentials()
        return profiles

    def write(self, vals):
        res = super().write(vals)
        if any(name in vals for name in CREDENTIALS):
            self._vn_forget_credentials()
        return res

    def _vn_forget_credentials(self):
        """The value just written stays in the cache of this transaction: drop it, so
        that the answer to the client (web_save reads the record back) never carries
        it."""
        self.invalidate_recordset(
            ["secret", "client_secret", "secret_set", "client_secret_set"]
        )

    def _inverse_secret(self):
        for profile in self:
            profile._vn_store_credential("secret", profile.secret)

    def _inverse_client_secret(self):
        for profile in self:
            profile._vn_store_credential("client_secret", profile.client_secret)

    def _vn_check_admin(self):
        """The connection test and every exchange action are for document administrators
        only."""
        if not self.env.su and not self.env.user.has_group(ADMIN_GROUP):
            raise AccessError(
                _(
                    "Only a document administrator may use the connection to the "
                    "integration platform."
                )
            )
        self.check_access("read")

    @api.model
    def _for_company(self, company):
        profile = self.sudo().search([("company_id", "=", company.id)], limit=1)
        if not profile:
            raise UserError(
                _(
                    "The agency %(name)s has no connection to the integration "
                    "platform.",
                    name=company.name,
                )
            )
        return profile

    def _client(self):
        """The transport client of this profile (secrets read as superuser, never
        returned)."""
        from ..tools.lgsp_client import LgspClient, TokenAuth

        self.ensure_one()
        profile = self.sudo()
        stored = profile._credentials()
        verify = profile.ca_bundle or True if profile.verify_tls else False
        cert = (
            (profile.client_cert, profile.client_key)
            if profile.client_cert and profile.client_key
            else (profile.client_cert or None)
        )
        token = (
            TokenAuth(profile.token_url, profile.client_id, stored.client_secret)
            if profile.auth_kind == "token"
            else None
        )
        return LgspClient(
            profile.endpoint,
            profile.system_id or profile.organ_code,
            stored.secret or "",
            verify=verify,
            client_cert=cert,
            timeout=profile.timeout,
            token_auth=token,
        )

    def action_exchange_now(self):
        """Send the outbox and fetch documents and statuses now, without waiting for the
        schedule."""
        self.ensure_one()
        self._vn_check_admin()
        exchange = self.env["vn.lgsp.exchange"]
        sent = exchange._cron_send_outbox()
        received = exchange._cron_poll()
        sent += exchange._cron_send_outbox()  # the statuses the new arrivals produced
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info",
                "message": _(
                    "%(sent)s packages sent, %(received)s received.",
                    sent=sent,
                    received=received,
                ),
            },
        }

    def action_test_connection(self):
        """Ask the platform for its agency list with this connection's credentials
        (administrators only)."""
        self.ensure_one()
        self._vn_check_admin()
        from ..tools.lgsp_client import LgspError

        try:
            count = len(self._client().agencies())
        except LgspError as error:
            raise UserError(
                _("The platform did not answer as expected: %(error)s", error=error)
            ) from None
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": _("Connected: %(count)s agencies listed.", count=count),
            },
        }
