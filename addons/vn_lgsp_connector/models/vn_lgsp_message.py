# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import hashlib
import logging
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

_logger = logging.getLogger(__name__)

MAX_BACKOFF = timedelta(hours=6)
STATES = [
    ("queued", "To send"),
    ("sent", "Sent"),
    ("listed", "Listed, to fetch"),
    ("fetched", "Fetched, to process"),
    ("done", "Processed"),
    ("refused", "Refused"),
    ("parked", "Parked"),
]


class VnLgspMessage(models.Model):
    """One package in the outbox or the inbox (R-LG4): its state, attempts, next attempt
    and last error. A package received is kept raw; it is acknowledged on the platform
    only after it was committed here, so a crash at any point loses nothing, and
    receiving is idempotent on the platform id and on the edXML document id.

    Packages are evidence: no user creates, changes or deletes them (only the exchange,
    as superuser); a document administrator may only retry or park one (R-SEC3)."""

    _name = "vn.lgsp.message"
    _inherit = ["mail.thread", "mail.activity.mixin"]  # noqa: RUF012
    _description = "Package exchanged with the integration platform"
    _order = "id desc"
    _rec_name = "display_label"
    _mail_post_access = (
        "read"  # administrators follow up parked packages without write access
    )

    company_id = fields.Many2one(
        "res.company",
        string="Agency",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    direction = fields.Selection(
        [("out", "Outbox"), ("in", "Inbox")],
        required=True,
        index=True,
    )
    message_type = fields.Selection(
        [("edoc", "Document"), ("status", "Status")], string="Kind", required=True
    )
    state = fields.Selection(STATES, required=True, index=True)
    business_type = fields.Selection(
        [("0", "New"), ("1", "Recall"), ("2", "Update"), ("3", "Replace")],
        string="Business",
        default="0",
    )
    status_code = fields.Char(string="Status code", size=2)
    edxml_document_id = fields.Char(string="edXML document id", index=True)
    platform_doc_id = fields.Char(string="Platform id", index=True, copy=False)
    from_code = fields.Char(
        string="From", help="The sender the package names (its edXML From): a claim."
    )
    attested_from_code = fields.Char(
        string="Sender attested by the platform",
        readonly=True,
        index=True,
        help="Inbox: the agency the platform says sent this package (its authenticated "
        "system). A package whose From differs is refused.",
    )
    to_codes = fields.Char(string="To")
    subject = fields.Char()
    payload = fields.Binary(string="Package", attachment=True, copy=False)
    payload_sha256 = fields.Char(string="SHA-256", index=True)
    payload_size = fields.Integer(string="Size (bytes)")
    content_destroyed_on = fields.Datetime(
        string="Content destroyed on", readonly=True, copy=False
    )
    content_destroyed_reason = fields.Char(
        string="Why the content was destroyed", readonly=True, copy=False
    )
    send_started_at = fields.Datetime(
        string="Send started on",
        readonly=True,
        copy=False,
        help="Outbox: when a send of this package was first started. Its outcome may "
        "be unknown (a lost answer, a stopped server), so the platform is asked "
        "whether it holds the package before any new send.",
    )
    attempts = fields.Integer(default=0)
    next_attempt_at = fields.Datetime(
        string="Next attempt", index=True, default=fields.Datetime.now
    )
    last_error = fields.Text(string="Last error")
    acknowledged = fields.Boolean(
        string="Acknowledged on the platform",
        help="Inbox: the platform was told the package is stored here (done or fail).",
    )
    delivery_id = fields.Many2one(
        "vn.document.delivery", string="Delivery line", index=True, ondelete="set null"
    )
    outgoing_id = fields.Many2one(
        related="delivery_id.document_id", string="Outgoing document", store=True
    )
    incoming_id = fields.Many2one(
        "vn.document.incoming",
        string="Incoming document",
        index=True,
        ondelete="set null",
    )
    display_label = fields.Char(compute="_compute_display_label")

    _platform_unique = models.UniqueIndex(
        "(company_id, direction, message_type, platform_doc_id) WHERE platform_doc_id "
        "IS NOT NULL",
        "This platform package is already recorded.",
    )
    _due_index = models.Index("(direction, state, next_attempt_at)")

    @api.depends(
        "direction", "message_type", "status_code", "subject", "edxml_document_id"
    )
    def _compute_display_label(self):
        for message in self:
            what = message.subject or message.edxml_document_id or ""
            if message.message_type == "status":
                what = f"{message.status_code} - {what}"
            message.display_label = what

    # ------------------------------------------------------------------
    # Outbox
    # ------------------------------------------------------------------
    @api.model
    def _vn_enqueue(self, values, data):
        """Queue a package to send; it is sent by the scheduled job (or at once by the
        caller)."""
        message = self.sudo().create(
            dict(
                values,
                direction="out",
                state="queued",
                payload_sha256=hashlib.sha256(data).hexdigest(),
                payload_size=len(data),
            )
        )
        message._vn_attach_payload(data)
        return message

    def _vn_send(self, client, ask_first=False):
        """Send one queued package; on failure plan the next attempt or park it. With
        ``ask_first`` (an earlier send had an unclear outcome) the platform is asked
        first: a package it already holds is recorded as sent with its id, never sent
        twice (R-LG4)."""
        from ..tools.lgsp_client import LgspError

        self.ensure_one()
        data = base64.b64decode(self.payload)
        try:
            doc_id = ask_first and self._vn_find_on_platform(client)
            if not doc_id:
                doc_id = client.send_edoc(
                    data,
                    message_type=self.message_type,
                    from_code=self.from_code,
                    to_codes=(self.to_codes or "").split(",")
                    if self.to_codes
                    else None,
                )
        except LgspError as error:
            self._vn_failed(error, error.retryable)
            return False
        self.write(
            {
                "state": "sent",
                "platform_doc_id": doc_id,
                "attempts": self.attempts + 1,
                "last_error": False,
            }
        )
        if (
            self.delivery_id
            and self.message_type == "edoc"
            and self.delivery_id.state == "queued"
        ):
            self.delivery_id._vn_set_status("sent", _("Platform id %(id)s", id=doc_id))
        return True

    def _vn_find_on_platform(self, client):
        """The platform id of this package if the platform already stored it, else
        False.

        The sent list of its DocumentId is matched on the SHA-256 the send gave as
        ``hash-file``; a platform whose list lacks it is matched on the kind, status
        code and a send time after ours."""
        from ..tools.lgsp_client import utc_from_wire

        for row in client.sent_list(
            message_type=self.message_type, document_id=self.edxml_document_id
        ):
            if row.get("hashFile"):
                found = row["hashFile"].lower() == self.payload_sha256
            else:
                sent_at = utc_from_wire(row.get("sentTime"))
                found = (
                    row.get("documentId") == self.edxml_document_id
                    and sent_at
                    and self.send_started_at
                    and sent_at >= self.send_started_at - timedelta(seconds=5)
                    and (
                        self.message_type != "status"
                        or row.get("statusCode") == self.status_code
                    )
                )
            if found:
                return str(row.get("senderDocId") or row.get("docId"))
        return False

    def _vn_failed(self, error, retryable):
        profile = self.env["vn.lgsp.profile"]._for_company(self.company_id)
        attempts = self.attempts + 1
        values = {"attempts": attempts, "last_error": str(error)[:2000]}
        if not retryable or attempts >= profile.max_attempts:
            values["state"] = "parked"
            self.write(values)
            self._vn_alert_admins(
                _(
                    "A package to the integration platform was parked after %(count)s "
                    "attempts: %(error)s",
                    count=attempts,
                    error=error,
                )
            )
        else:
            delay = min(
                timedelta(seconds=profile.backoff_seconds * 2 ** (attempts - 1)),
                MAX_BACKOFF,
            )
            values["next_attempt_at"] = fields.Datetime.now() + delay
            self.write(values)

    def _vn_alert_admins(self, body):
        for admin in self.company_id._vn_users_of(
            "vn_document_base.group_vn_document_admin"
        ):
            self.sudo().activity_schedule(
                "mail.mail_activity_data_warning",
                user_id=admin.id,
                summary=_("Integration platform"),
                note=body,
            )

    def _vn_check_admin(self):
        """Every LGSP action is for document administrators only, whatever door calls it
        (R-SEC3)."""
        if not self.env.su and not self.env.user.has_group(
            "vn_document_base.group_vn_document_admin"
        ):
            raise AccessError(
                _(
                    "Only a document administrator may act on the exchange with the "
                    "integration platform."
                )
            )
        self.check_access(
            "read"
        )  # and only on the packages of the agencies they work for

    def action_retry(self):
        """Administrator: send a parked package again (or process a parked received
        one)."""
        self._vn_check_admin()
        parked = self.filtered(
            lambda m: m.state == "parked" and (m.payload or m.direction == "in")
        ).sudo()
        parked.write(
            {"state": "queued", "next_attempt_at": fields.Datetime.now(), "attempts": 0}
        )
        for message in parked.filtered(lambda m: m.direction == "in"):
            message.state = "fetched" if message.payload else "listed"
        return True

    def action_park(self):
        """Administrator: stop sending (or processing) a package."""
        self._vn_check_admin()
        self.filtered(
            lambda m: m.state in ("queued", "listed", "fetched")
        ).sudo().write({"state": "parked"})
        return True

    def _vn_destroy_content(self, reason):
        """A recall: destroy the stored package, keep what identifies it (ids, dates,
        sender, SHA-256, size) as the record of the exchange (ND 30 Phụ lục VI
        III.8.b)."""
        for message in self.sudo().filtered(lambda m: not m.content_destroyed_on):
            values = {
                "content_destroyed_on": fields.Datetime.now(),
                "content_destroyed_reason": (reason or "")[:500],
            }
            if message.payload:
                data = base64.b64decode(message.payload)
                values.update(
                    payload_sha256=message.payload_sha256
                    or hashlib.sha256(data).hexdigest(),
                    payload_size=message.payload_size or len(data),
                )
            values["payload"] = False
            message.write(values)

    def _vn_keep_payload(self, data):
        """Keep a fetched package raw (state ``fetched``). The bytes go to the
        attachment of ``payload`` as they are: no base64 round trip."""
        self.ensure_one()
        self._vn_attach_payload(data)
        self.write(
            {
                "state": "fetched",
                "payload_sha256": hashlib.sha256(data).hexdigest(),
                "payload_size": len(data),
            }
        )

    def _vn_attach_payload(self, data):
        """Store a package's bytes as the attachment of ``payload``, raw (no base64
        round trip) and not indexed: as a text type, the whole package (megabytes of
        base64) would be copied into the attachment's full-text index column."""
        self.ensure_one()
        self.env["ir.attachment"].sudo().with_context(
            vn_attachment_no_index=True
        ).create(
            {
                "name": "payload",
                "res_model": self._name,
                "res_field": "payload",
                "res_id": self.id,
                "type": "binary",
                "raw": data,
            }
        )
        self.invalidate_recordset(["payload"])

    def _vn_intake_failed(self, error):
        """A received package whose processing failed unexpectedly: counted and, after
        the connection's attempts, parked for an administrator (never lost)."""
        profile = (
            self.env["vn.lgsp.profile"]
            .sudo()
            .search([("company_id", "=", self.company_id.id)], limit=1)
        )
        attempts = self.attempts + 1
        values = {"attempts": attempts, "last_error": str(error)[:2000]}
        if attempts >= (profile.max_attempts or 1):
            values["state"] = "parked"
        self.write(values)
        if attempts >= (profile.max_attempts or 1):
            self._vn_alert_admins(
                _(
                    "A received package was parked after %(count)s attempts: %(error)s",
                    count=attempts,
                    error=error,
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            _("Packages are kept as the record of the exchange; park them instead.")
        )
