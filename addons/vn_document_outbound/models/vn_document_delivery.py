# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.vn_document_base.tools.legal import legal
from odoo.addons.vn_document_base.tools.selection import selection_label

DELIVERY_KINDS = [
    ("internal", "Unit of the agency"),
    ("external", "Other agency (LGSP)"),
    ("email", "E-mail"),
    ("paper", "Paper (post)"),
]
# What the recipient did with the document, plus the sender's own steps, in neutral
# terms: an exchange platform's connector adds its status codes to the labels
# (selection_add on ``state``).
DELIVERY_STATES = [
    ("draft", "To send"),
    ("queued", "Queued for sending"),
    ("to_post", "To post"),
    ("sent", "Sent"),
    ("received", "Received"),
    ("returned", "Refused"),
    ("registered", "Registered"),
    ("assigned", "Assigned"),
    ("in_progress", "In progress"),
    ("done", "Done"),
    ("recalled", "Recalled"),
    ("failed", "Failed"),
]
# Events of an incoming document of the same agency -> status of the delivery line it
# came from.
INTERNAL_EVENTS = {
    "received": "received",
    "registered": "registered",
    "assigned": "assigned",
    "done": "done",
    "returned": "returned",
    "recalled": "recalled",
}
# The statuses that say the copy reached the recipient (QCVN 102: 01, 03-06).
ARRIVED_STATES = frozenset(
    {"received", "registered", "assigned", "in_progress", "done"}
)


class VnDocumentDelivery(models.Model):
    """One recipient of an outgoing document and what became of the copy sent to it
    (R-OUT8).

    Paper lines are also the postal dispatch register (Sổ gửi văn bản đi bưu điện).
    """

    _name = "vn.document.delivery"
    _description = "Recipient of an outgoing document"
    _inherit = ["mail.thread", "vn.document.child.mixin"]  # noqa: RUF012
    _order = "document_id, sequence, id"
    _rec_name = "recipient_name"

    document_id = fields.Many2one(
        "vn.document.outgoing",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        related="document_id.company_id", store=True, index=True
    )
    sequence = fields.Integer(default=10)
    kind = fields.Selection(
        DELIVERY_KINDS, string="Channel", required=True, default="external"
    )
    department_id = fields.Many2one("hr.department", string="Unit")
    partner_id = fields.Many2one(
        "res.partner", string="Agency or addressee", index=True
    )
    email = fields.Char(string="E-mail")
    recipient_name = fields.Char(
        string="Recipient", compute="_compute_recipient_name", store=True
    )
    state = fields.Selection(
        DELIVERY_STATES,
        string="Status",
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    status_date = fields.Datetime(string="Status since", readonly=True)
    status_note = fields.Char(string="Status note", readonly=True)
    sent_on = fields.Datetime(string="Sent on", readonly=True)
    # Facts the reports count (R-RP1, R-LG3): the first arrival and the refusal, kept
    # when later statuses follow.
    received_on = fields.Datetime(string="Arrival confirmed on", readonly=True)
    refused_on = fields.Datetime(string="Refused on", readonly=True)
    incoming_id = fields.Many2one(
        "vn.document.incoming", string="Delivered as", readonly=True, index=True
    )
    # Postal dispatch register (ND 30 Phụ lục IV)
    envelope_count = fields.Integer(string="Envelopes", default=1)
    postal_receipt = fields.Char(
        string="Post office receipt", help="Ký nhận và dấu bưu điện."
    )
    document_number_symbol = fields.Char(
        related="document_id.number_symbol", string="Number and symbol"
    )

    @api.depends("kind", "department_id", "partner_id", "email")
    def _compute_recipient_name(self):
        for line in self:
            line.recipient_name = (
                line.department_id.name
                if line.kind == "internal"
                else line.partner_id.name or line.email or ""
            )

    @api.constrains("kind", "department_id", "partner_id", "email")
    def _check_recipient(self):
        for line in self:
            missing = {
                "internal": not line.department_id,
                "external": not (line.partner_id and line.partner_id.vn_organ_code),
                "email": not line.email,
                "paper": not line.partner_id,
            }[line.kind]
            if missing:
                raise UserError(
                    _(
                        "%(kind)s: the recipient is incomplete (a unit, an agency with "
                        "its identifier code, an e-mail address or an addressee).",
                        kind=selection_label(line, "kind"),
                    )
                )

    # ------------------------------------------------------------------ Who changes the
    # recipients: whoever holds the draft, until issue (R-OUT5); after issue only the
    # records clerk records the postal dispatch of a paper copy. Statuses come from the
    # services.
    # ------------------------------------------------------------------
    POSTAL_FIELDS = frozenset({"envelope_count", "postal_receipt"})
    SERVICE_FIELDS = frozenset(
        {
            "state",
            "status_date",
            "status_note",
            "sent_on",
            "received_on",
            "refused_on",
            "incoming_id",
            "document_id",
            "company_id",
            "recipient_name",
        }
    )

    @api.model
    def _vn_check_editable(self, documents, keys):
        if self.env.su:
            return
        if self.SERVICE_FIELDS & keys:
            raise AccessError(_("The status of a delivery is set by the system only."))
        for doc in documents:
            if doc.state in ("issued", "recalled"):
                if keys - self.POSTAL_FIELDS - {"sequence"}:
                    raise UserError(
                        _("The recipients of an issued document no longer change.")
                    )
                if not self.env.user.has_group(
                    "vn_document_base.group_vn_document_clerk"
                ):
                    raise AccessError(_("The records clerk records the dispatch."))
            elif self.env.user not in doc.turn_user_ids and not (
                doc.state == "draft" and self.env.user == doc.drafting_assigned_by_id
            ):
                raise AccessError(
                    _(
                        "It is not your turn on %(doc)s: it waits for %(names)s.",
                        doc=doc.display_name,
                        names=doc.turn_text or _("nobody"),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            document = (
                self.env["vn.document.outgoing"].sudo().browse(vals.get("document_id"))
            )
            self._vn_check_editable(
                document.with_env(self.env), (set(vals) - {"document_id"}) | {"kind"}
            )
        return super().create(vals_list)

    def write(self, vals):
        self._vn_check_editable(self.sudo().document_id.with_env(self.env), set(vals))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_vn_check_editable(self):
        self._vn_check_editable(self.sudo().document_id.with_env(self.env), {"kind"})

    def _vn_copy_values(self):
        return {
            "kind": self.kind,
            "department_id": self.department_id.id,
            "partner_id": self.partner_id.id,
            "email": self.email,
        }

    def _vn_set_status(self, state, note=False):
        now = fields.Datetime.now()
        for line in self:
            values = {"state": state, "status_date": now, "status_note": note or False}
            if state in ARRIVED_STATES and not line.received_on:
                values["received_on"] = now
            if state == "returned" and not line.refused_on:
                values["refused_on"] = now
            line.sudo().write(values)
            line.document_id._step(
                "delivery",
                f"{line.recipient_name}: {selection_label(legal(line), 'state')}"
                + (f" ({note})" if note else ""),
            )

    # ------------------------------------------------------------------
    # Dispatch at issue
    # ------------------------------------------------------------------
    def _vn_dispatch(self):
        for line in self:
            getattr(line, f"_vn_dispatch_{line.kind}")()

    def _vn_dispatch_internal(self):
        """Into the incoming flow of the same agency, as a received document with the
        issued files."""
        doc = self.document_id
        incoming = (
            self.env["vn.document.incoming"]
            .sudo()
            .create(
                {
                    "channel": "internal",
                    "company_id": doc.company_id.id,
                    "subject": doc.subject,
                    "document_type_id": doc.document_type_id.id,
                    "code_number": doc.code_number,
                    "code_notation": doc.number_symbol.split("/", 1)[1],
                    "issued_date": doc.issued_date,
                    "sender_id": doc.company_id.partner_id.id,
                    "organ_name": doc.company_id.name,
                    "urgency_id": doc.urgency_id.id,
                    "signer_name": doc.signed_by_id.name,
                    "signer_position": (doc.signature_block or "").split("\n")[-1],
                    "description": _("For: %(unit)s", unit=self.department_id.name),
                    "vn_source_delivery_id": self.id,
                }
            )
        )
        stored = self.env["vn.document.file"]
        for version in doc.version_ids.filtered(
            lambda v: v.kind in ("issued", "issued_attachment")
        ):
            stored |= version.file_id.sudo()._vn_copy_to(incoming)
        incoming._adopt_main_file(stored)
        # The status follows the incoming document's events (see
        # vn.document.incoming._vn_notify_event).
        self.sudo().write(
            {"incoming_id": incoming.id, "sent_on": fields.Datetime.now()}
        )

    def _vn_dispatch_email(self):
        doc = self.document_id
        attachments = doc.version_ids.filtered(
            lambda v: v.kind in ("issued", "issued_attachment")
        ).file_id.attachment_id
        mail = (
            self.env["mail.mail"]
            .sudo()
            .create(
                {
                    "subject": f"{doc.number_symbol} - {doc.subject}",
                    "body_html": legal(self).env._(
                        "%(agency)s sends you document %(doc)s, digitally signed, "
                        "attached.",
                        agency=doc.company_id.name,
                        doc=doc.number_symbol,
                    ),
                    "email_to": self.email,
                    "model": doc._name,
                    "res_id": doc.id,
                    "attachment_ids": [fields.Command.set(attachments.ids)],
                }
            )
        )
        self.sudo().write({"sent_on": fields.Datetime.now()})
        self._vn_set_status("sent", _("E-mail %(id)s", id=mail.id))

    def _vn_dispatch_paper(self):
        """Printed, stamped and posted by the clerk, who records it in the postal
        dispatch register."""
        self._vn_set_status("to_post")

    def _vn_dispatch_external(self):
        """Extension point: the LGSP connector sends one edXML package per external
        recipient."""
        self._vn_set_status("queued")

    def action_mark_posted(self):
        for line in self:
            if line.kind != "paper" or line.state != "to_post":
                raise UserError(
                    _("Only a paper copy waiting for the post can be marked as posted.")
                )
            if not self.env.user.has_group("vn_document_base.group_vn_document_clerk"):
                raise UserError(_("The records clerk records the dispatch."))
            line.sudo().sent_on = fields.Datetime.now()
            line._vn_set_status("sent", line.postal_receipt)
        return True

    # ------------------------------------------------------------------
    # Recall: every recipient is told through its channel (R-OUT8)
    # ------------------------------------------------------------------
    def _vn_recall(self, reason):
        for line in self:
            if line.kind == "internal" and line.incoming_id:
                line.incoming_id.sudo()._vn_recall(reason)
            elif line.kind == "email" and line.email:
                doc = line.document_id
                self.env["mail.mail"].sudo().create(
                    {
                        "subject": legal(self).env._(
                            "Recalled: %(doc)s", doc=doc.number_symbol
                        ),
                        "body_html": legal(self).env._(
                            "%(agency)s recalls document %(doc)s: %(reason)s. Please "
                            "destroy it.",
                            agency=doc.company_id.name,
                            doc=doc.number_symbol,
                            reason=reason,
                        ),
                        "email_to": line.email,
                        "model": doc._name,
                        "res_id": doc.id,
                    }
                )
            elif line.kind == "paper":
                line.document_id.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=self.env.uid,
                    summary=_(
                        "Ask %(name)s to send the paper copy back",
                        name=line.recipient_name,
                    ),
                )
            elif line.kind == "external":
                line._vn_recall_external(reason)
                continue  # the connector sets the status when the recipient answers
            line._vn_set_status("recalled", reason)

    def _vn_recall_external(self, reason):
        """Extension point: the LGSP connector sends the recall package (business type
        1)."""
        self._vn_set_status("recalled", reason)
