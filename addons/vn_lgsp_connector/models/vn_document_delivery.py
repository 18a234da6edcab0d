# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, fields, models

from odoo.addons.vn_document_outbound.models.vn_document_delivery import (
    VnDocumentDelivery as OutboundDelivery,
)

from ..tools import edxml
from .vn_lgsp_message_processing import _vn_now


class VnDocumentDelivery(models.Model):
    """External recipients go out as one edXML package each, through the outbox (R-OUT8,
    R-LG1)."""

    _inherit = "vn.document.delivery"
    SERVICE_FIELDS = OutboundDelivery.SERVICE_FIELDS | {
        "vn_lgsp_message_ids",
        "vn_lgsp_alerted",
    }

    # The platform's words and QCVN 102 status codes (see STATUS_TO_DELIVERY).
    state = fields.Selection(
        selection_add=[
            ("queued", "Handed to the platform"),
            ("received", "Received (01)"),
            ("returned", "Refused (02)"),
            ("registered", "Registered (03)"),
            ("assigned", "Assigned (04)"),
            ("in_progress", "In progress (05)"),
            ("done", "Done (06)"),
        ]
    )
    vn_lgsp_message_ids = fields.One2many(
        "vn.lgsp.message", "delivery_id", string="Packages"
    )
    vn_lgsp_alerted = fields.Boolean(
        string="Late receipt reported",
        readonly=True,
        help='No "received" status after the configured working days (R-LG3).',
    )

    def _vn_dispatch_external(self):
        business = edxml.Business(doc_type=0)
        replaced = self.document_id.replaces_id
        if replaced and replaced.number_symbol:
            business = edxml.Business(
                doc_type=3,
                reason=_("Replacement document"),
                replaced_document_ids=[replaced._vn_edxml_document_id()],
                replacement_organ_ids=[self.partner_id.vn_organ_code],
            )
        self._vn_enqueue_document(business)
        self._vn_set_status("queued")

    def _vn_recall_external(self, reason):
        """Business type 1 to the recipient; its answer (15 or 16) sets the line's
        status."""
        self._vn_enqueue_document(
            edxml.Business(
                doc_type=1,
                reason=reason,
                document_id=self.document_id._vn_edxml_document_id(),
            )
        )
        self.document_id._step(
            "delivery", _("%(name)s: recall requested", name=self.recipient_name)
        )

    def _vn_send_update(self, reason):
        """Business type 2: the metadata of an issued document changed (e.g. after a
        correction letter)."""
        for line in self.filtered(lambda rec: rec.kind == "external"):
            line._vn_enqueue_document(
                edxml.Business(
                    doc_type=2,
                    reason=reason,
                    update_document_info=1,
                    document_id=line.document_id._vn_edxml_document_id(),
                )
            )

    def _vn_enqueue_document(self, business):
        self.ensure_one()
        doc = self.document_id
        package = doc._vn_edxml_package(self.partner_id, business)
        return self.env["vn.lgsp.message"]._vn_enqueue(
            {
                "company_id": doc.company_id.id,
                "message_type": "edoc",
                "business_type": str(business.doc_type),
                "edxml_document_id": package.document_id,
                "from_code": doc.company_id.vn_organ_code,
                "to_codes": self.partner_id.vn_organ_code,
                "subject": doc.subject[:200],
                "delivery_id": self.id,
            },
            edxml.build_document(package),
        )

    def _vn_set_status(self, state, note=False):
        res = super()._vn_set_status(state, note)
        if state == "sent":
            self.filtered(lambda rec: not rec.sent_on).sudo().write(
                {"sent_on": fields.Datetime.now()}
            )
        return res


class VnDocumentOutgoing(models.Model):
    _inherit = "vn.document.outgoing"

    def _vn_edxml_document_id(self):
        self.ensure_one()
        return edxml.document_id(
            self.company_id.vn_organ_code, self.issued_date, self.number_symbol
        )

    def _vn_edxml_package(self, recipient, business):
        """The edXML package of this issued document for one recipient (QCVN 102 §1)."""
        self.ensure_one()
        company = self.company_id
        number, _sep, notation = (self.number_symbol or "").partition("/")
        files = self.version_ids.filtered(
            lambda v: v.kind in ("issued", "issued_attachment")
        )
        block = (self.signature_block or "").split("\n")
        return edxml.DocumentPackage(
            from_org=edxml.Organization(
                organ_id=company.vn_organ_code,
                name=company.name,
                in_charge=company.vn_managing_body or "",
                email=company.email or "",
                telephone=company.phone or "",
                website=company.website or "",
            ),
            to_orgs=[
                edxml.Organization(
                    organ_id=recipient.vn_organ_code, name=recipient.name
                )
            ],
            document_id=self._vn_edxml_document_id(),
            code_number=number,
            code_notation=notation,
            place=company.vn_place_name or company.city or "",
            promulgation_date=self.issued_date,
            type=self.document_type_id.edxml_type or 1,
            type_detail=self.document_type_id.edxml_type_detail or 0,
            type_name=self.document_type_id.name,
            subject=self.subject,
            content=self.subject,
            signer_competence=block[0].split(" ", 1)[0] if len(block) > 1 else "",
            signer_position=block[-1] if block else "",
            signer_name=self.signed_by_id.name or "",
            due_date=self.due_date or None,
            to_places=self.delivery_ids.mapped("recipient_name"),
            priority=self.urgency_id.edxml_priority or 0,
            promulgation_amount=self.issued_amount,
            page_amount=self.page_count,
            trace=[(company.vn_organ_code, _vn_now())],
            business=business,
            attachments=[
                edxml.Attachment(
                    content_id=str(index),
                    name=version.file_id.name,
                    content_type=version.file_id.mimetype or "application/pdf",
                    description=version.file_id.name,
                    data=version.file_id.attachment_id.sudo().raw,
                )
                for index, version in enumerate(files, start=1)
            ],
        )
