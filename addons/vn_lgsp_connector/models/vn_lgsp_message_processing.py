# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import datetime
import logging

import pytz
from psycopg2.errors import SerializationFailure

from odoo import _, fields, models
from odoo.modules import module as odoo_module
from odoo.tools import SQL

from odoo.addons.vn_document_base.tools.selection import selection_label

from ..tools import edxml

_logger = logging.getLogger(__name__)


def _vn_now():
    """Local time of Vietnam, as edXML timestamps are written."""
    return datetime.datetime.now(pytz.timezone("Asia/Ho_Chi_Minh")).replace(
        tzinfo=None, microsecond=0
    )


# Status code (QCVN 102) -> state of our delivery line at the sender's side.
STATUS_TO_DELIVERY = {
    "01": "received",
    "02": "returned",
    "03": "registered",
    "04": "assigned",
    "05": "in_progress",
    "06": "done",
    "15": "recalled",
}


def _norm_code(code):
    return (code or "").strip().upper()


class VnLgspMessage(models.Model):
    """Turning received packages into incoming documents and delivery statuses (R-LG1,
    R-LG2, R-IN4, R-IN5).

    Messages from other agencies are input (R-SEC3): the sender is the one the platform
    attests (``attested_from_code``, the authenticated system that sent the package),
    never the package's own ``From``, which must match it; recall, update, replacement
    and take-back are accepted only from the agency that sent the original; an empty
    identifier never matches anything."""

    _inherit = "vn.lgsp.message"

    def _vn_lock(self, state="queued"):
        """Take the row for this worker until its transaction ends, or skip it when
        another one holds it or already moved it on (state and, for a send, due time
        read again under the lock)."""
        due = (
            SQL(" AND next_attempt_at <= %s", fields.Datetime.now())
            if state == "queued"
            else SQL()
        )
        try:
            # A row another worker changed since this transaction began cannot be locked
            # under repeatable read: it is that worker's (or the next round's), not an
            # error.
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL(
                        "SELECT id FROM vn_lgsp_message WHERE id = %s AND state = %s%s "
                        "FOR UPDATE SKIP LOCKED",
                        self.id,
                        state,
                        due,
                    ),
                    log_exceptions=False,
                )
                taken = bool(self.env.cr.fetchone())
        except SerializationFailure:
            return False
        if taken:
            # what another worker committed before we locked
            self.invalidate_recordset()
        return taken

    def _vn_process(self, data=None):
        """Process one fetched package (``data``: its bytes when the caller holds
        them, else read from the record); a refused package is answered, never
        half-stored."""
        self.ensure_one()
        if data is None:
            data = base64.b64decode(self.payload or b"")
        limits = self._vn_limits()
        try:
            with self.env.cr.savepoint():
                package = edxml.parse(data, limits)
                self._vn_check_sender(package)
                if isinstance(package, edxml.StatusPackage):
                    self._vn_apply_status(package)
                else:
                    self._vn_apply_document(package, data)
        except edxml.EdxmlError as error:
            # Nothing in the package can be trusted, not even the document it is about:
            # no status can refer to it. The transport acknowledgement ("fail" with the
            # reason) tells the sender.
            self._vn_refuse(self._vn_edxml_reason(error))
        except _Refusal as refusal:
            self._vn_refuse(refusal.reason, refusal.package)

    def _vn_sender(self):
        """The sender of a received package: the agency the platform attests,
        normalised."""
        return _norm_code(self.attested_from_code)

    def _vn_check_sender(self, package):
        """The package's From must be the agency the platform says sent it; a status
        must be about a document of this agency (its ResponseFor/OrganId, EDXML.md
        §2.1)."""
        if not self._vn_sender():
            raise _Refusal(
                None,
                _(
                    "The integration platform did not say which agency sent this "
                    "package."
                ),
            )
        claimed = package.from_org.organ_id
        if _norm_code(claimed) != self._vn_sender():
            raise _Refusal(
                package,
                _(
                    "The package says it comes from %(claimed)s, but the integration "
                    "platform delivered it from %(attested)s.",
                    claimed=claimed,
                    attested=self.attested_from_code,
                ),
            )
        if isinstance(package, edxml.StatusPackage) and not edxml.addressed_to(
            package, self.company_id.vn_organ_code
        ):
            raise _Refusal(
                package,
                _(
                    "The status is about a document of %(code)s, not of this agency.",
                    code=package.response_for.get("organ_id") or "?",
                ),
            )

    def _vn_check_original_sender(self, package, document_ids, request):
        """Recall, update, replacement and take-back: only the agency that sent the
        original may ask."""
        for document_id in document_ids:
            originals = self._vn_incoming_with_identifier(document_id)
            if originals and not originals.filtered(
                lambda doc: _norm_code(doc.sender_id.vn_organ_code) == self._vn_sender()
            ):
                raise _Refusal(
                    package,
                    _(
                        "%(request)s of %(doc)s refused: only the agency that sent the "
                        "original may ask for it, and %(sender)s did not send it.",
                        request=request,
                        doc=document_id,
                        sender=self.attested_from_code,
                    ),
                )

    def _vn_limits(self):
        params = self.env["ir.config_parameter"].sudo()
        mb = 1024 * 1024
        return edxml.Limits(
            max_package_bytes=int(
                params.get_param("vn_lgsp_connector.max_package_mb", 60)
            )
            * mb,
            max_attachment_bytes=int(
                params.get_param("vn_document_base.max_file_size_mb", 50)
            )
            * mb,
            max_attachments=int(
                params.get_param("vn_lgsp_connector.max_attachments", 50)
            ),
            max_zip_ratio=int(params.get_param("vn_lgsp_connector.max_zip_ratio", 100)),
        )

    def _vn_edxml_reason(self, error):
        reasons = {
            "dtd": _("the package declares a DTD or entities, which are not allowed"),
            "entity": _(
                "the package declares a DTD or entities, which are not allowed"
            ),
            "not_xml": _("the package is not well-formed XML"),
            "too_big": _("the package is larger than allowed"),
            "attachment_too_big": _("an attachment is larger than allowed"),
            "too_many_attachments": _("the package has too many attachments"),
            "zip_bomb": _(
                "a compressed attachment expands beyond the limits (ZIP bomb)"
            ),
            "zip_invalid": _("a compressed attachment is not a valid single-file ZIP"),
            "zip_damaged": _(
                "a compressed attachment is damaged and cannot be read (%(detail)s)",
                detail=error.detail,
            ),
            "missing_field": _(
                "a required field is missing: %(field)s", field=error.detail
            )
            if "DocumentId" not in (error.detail or "")
            else _(
                "the package has no document identifier (%(field)s), so it cannot be "
                "matched with any document",
                field=error.detail,
            ),
            "bad_namespace": _("the package is not in the QCVN 102 namespace"),
            "bad_attachment": _("an attachment cannot be decoded"),
            "cid_mismatch": _("the manifest and the attachments do not match"),
        }
        return reasons.get(error.code) or _("the package is not valid edXML")

    def _vn_refuse(self, reason, package=None):
        """Answer status 02 with the reason to the sender the platform attests (never to
        the sender the package claims); nothing else of the package is kept but this
        record.

        A package that could not be read has no document to refer to: it gets no status
        (the transport acknowledgement carries the reason). A refused refusal (a status
        02) is not answered either, so two systems can never refuse each other's answers
        for ever."""
        values = {"state": "refused", "last_error": reason}
        if package is not None:
            values.update(
                from_code=(package.from_org.organ_id or "")[:64],
                edxml_document_id=self._vn_package_document_id(package) or False,
            )
            if isinstance(package, edxml.StatusPackage):
                values["status_code"] = package.status_code
            else:
                values["subject"] = (package.subject or "")[:200]
        self.write(values)
        if package is None or not self._vn_sender():
            return
        if isinstance(package, edxml.StatusPackage):
            if package.status_code == "02":
                return
            response_for = dict(package.response_for, organ_id=self.attested_from_code)
        else:
            response_for = dict(
                self._vn_response_for(package), organ_id=self.attested_from_code
            )
        if response_for.get("document_id"):
            self._vn_queue_status(self.attested_from_code, response_for, "02", reason)

    @staticmethod
    def _vn_package_document_id(package):
        if isinstance(package, edxml.StatusPackage):
            return (package.response_for or {}).get("document_id") or ""
        return package.document_id or ""

    # ------------------------------------------------------------------
    # Documents
    # ------------------------------------------------------------------
    def _vn_apply_document(self, package, raw):
        company = self.company_id
        if not edxml.addressed_to(package, company.vn_organ_code):
            raise _Refusal(
                package,
                _(
                    "The package is addressed to other agencies, not to %(code)s.",
                    code=company.vn_organ_code,
                ),
            )
        self.write(
            {
                "edxml_document_id": package.document_id,
                "subject": (package.subject or "")[:200],
                "business_type": str(package.business.doc_type or 0),
                "from_code": package.from_org.organ_id,
            }
        )
        business = package.business.doc_type or 0
        if business == 1:
            return self._vn_apply_recall(package)
        if business == 2:
            self._vn_check_original_sender(
                package,
                {package.document_id, package.business.document_id} - {""},
                _("Update"),
            )
        elif business == 3:
            self._vn_check_original_sender(
                package, package.business.replaced_document_ids, _("Replacement")
            )
        self._vn_claim_document(package.document_id)
        existing = self._vn_existing_incoming(package.document_id, self._vn_sender())
        if existing and business == 0:
            # The same document delivered twice (or re-sent after a crash): keep the
            # first one.
            self.write(
                {
                    "state": "done",
                    "incoming_id": existing.id,
                    "last_error": _("Duplicate of a package already received"),
                }
            )
            return existing
        if business == 2 and existing:
            return self._vn_apply_update(package, existing)
        checked = self._vn_check_attachments(package)
        incoming = self._vn_create_incoming(package, raw, checked)
        if business == 3:
            self._vn_apply_replacement(package, incoming)
        self.write({"state": "done", "incoming_id": incoming.id})
        return incoming

    def _vn_claim_document(self, document_id):
        """Parallel intake: one worker at a time on an edXML identifier of this agency,
        and never on a snapshot (repeatable read) that misses a document another
        worker committed with it since: then the package is taken again in a new
        transaction, so the same document sent twice is still stored once."""
        document_id = (document_id or "").strip()
        if not document_id:
            return
        key = f"{self.company_id.id}/doc/{document_id}"
        if not self.env["vn.lgsp.exchange"]._vn_try_lock(key):
            raise IntakeBusy(document_id)
        if odoo_module.current_test:  # the test's own transaction: no second connection
            return
        with self.env.registry.cursor() as cr:
            cr.execute(
                SQL(
                    "SELECT count(*) FROM vn_document_incoming WHERE company_id = %s "
                    "AND document_identifier = %s",
                    self.company_id.id,
                    document_id,
                )
            )
            committed = cr.fetchone()[0]
        if committed != len(self._vn_incoming_with_identifier(document_id)):
            raise IntakeBusy(document_id)

    def _vn_incoming_with_identifier(self, document_id):
        """The incoming documents of this agency with that edXML identifier: none for an
        empty one (never '' against NULL: a paper document has no identifier)."""
        Incoming = self.env["vn.document.incoming"].sudo()
        document_id = (document_id or "").strip()
        if not document_id:
            return Incoming
        return Incoming.search(
            [
                ("company_id", "=", self.company_id.id),
                ("document_identifier", "=", document_id),
                ("document_identifier", "!=", False),
            ]
        )

    def _vn_existing_incoming(self, document_id, organ_code):
        """The live document of that identifier received from that agency (none when
        either is empty)."""
        if not _norm_code(organ_code):
            return self.env["vn.document.incoming"]
        return self._vn_incoming_with_identifier(document_id).filtered(
            lambda doc: (
                doc.state != "recalled"
                and _norm_code(doc.sender_id.vn_organ_code) == _norm_code(organ_code)
            )
        )[:1]

    def _vn_check_attachments(self, package):
        """Every attachment through the base file checks (type, malware, signatures),
        all or none."""
        checked, refused = self.env["vn.file.intake"].check_batch(
            (attachment.name, attachment.data) for attachment in package.attachments
        )
        if refused:
            raise _Refusal(
                package, _("Files refused: %(reasons)s", reasons="; ".join(refused))
            )
        if not checked:
            raise _Refusal(package, _("The package carries no file."))
        return checked

    def _vn_create_incoming(self, package, raw, checked):
        Incoming = self.env["vn.document.incoming"].sudo().with_company(self.company_id)
        sender = self._vn_partner(
            package.from_org
        )  # From was checked against the attested sender
        doc_type = (
            self.env["vn.document.type"].search(
                [("edxml_type_detail", "=", package.type_detail)], limit=1
            )
            if package.type_detail
            else False
        )
        doc_type = doc_type or self.env["vn.document.type"].search(
            [("name", "=", package.type_name)], limit=1
        )
        urgency = self.env["vn.document.urgency"].search(
            [("edxml_priority", "=", package.priority or 0)], limit=1
        )
        incoming = Incoming.create(
            {
                "channel": "lgsp",
                "company_id": self.company_id.id,
                "subject": (package.subject or "")[:500],
                "document_identifier": package.document_id,
                "code_number": (package.code_number or "")[:11],
                "code_notation": (package.code_notation or "")[:30],
                "issued_date": package.promulgation_date,
                "sender_id": sender.id,
                "organ_name": (package.from_org.name or sender.name or "")[:200],
                "signer_name": (package.signer_name or "")[:50],
                "signer_position": " ".join(
                    p for p in (package.signer_competence, package.signer_position) if p
                )[:100],
                "document_type_id": doc_type.id if doc_type else False,
                "urgency_id": urgency.id if urgency else False,
                "description": package.content
                if package.content and package.content != package.subject
                else False,
                "vn_lgsp_message_id": self.id,
            }
        )
        stored = self.env["vn.file.intake"].sudo().store_batch(checked, incoming)
        incoming._adopt_main_file(stored)
        # The raw package is kept with the document (R-LG1).
        self.env["ir.attachment"].sudo().create(
            {
                "name": f"{package.document_id or self.platform_doc_id}.edxml".replace(
                    "/", "-"
                ),
                "raw": raw,
                "res_model": incoming._name,
                "res_id": incoming.id,
                "mimetype": "application/xml",
            }
        )
        # status 01 went with the creation (vn.document.incoming._vn_notify_event)
        return incoming

    def _vn_partner(self, organization):
        Partner = self.env["res.partner"].sudo()
        partner = Partner.search(
            [("vn_organ_code", "=", organization.organ_id)], limit=1
        )
        return partner or Partner.create(
            {
                "name": organization.name or organization.organ_id,
                "is_company": True,
                "vn_organ_code": organization.organ_id,
                "email": organization.email or False,
            }
        )

    def _vn_apply_recall(self, package):
        """Business type 1: the sender takes its document back."""
        target = package.business.document_id or package.document_id
        self._vn_check_original_sender(package, [target], _("Recall"))
        incoming = self._vn_existing_incoming(target, self._vn_sender())
        reason = package.business.reason or _("Recalled by the sender")
        if incoming:
            self.incoming_id = (
                incoming  # the recall package goes with the document (its content too)
            )
            code = self._vn_recall_incoming(incoming, reason)
        else:
            code = "16"
        self._vn_queue_status(
            self.attested_from_code,
            self._vn_response_for(package, target),
            code,
            reason if code == "15" else _("The document to recall is not here."),
        )
        self.write({"state": "done", "incoming_id": incoming.id if incoming else False})

    def _vn_recall_incoming(self, incoming, reason):
        """Agree (15) and destroy our copy, unless the document was already handled
        (16)."""
        if incoming.state == "done":
            return "16"
        incoming.with_context(vn_lgsp_silent=True)._vn_recall(reason)
        return "15"

    def _vn_apply_update(self, package, incoming):
        """Business type 2: new metadata (and files) for a document already received."""
        incoming.sudo().write(
            {
                "subject": (package.subject or incoming.subject)[:500],
                "code_number": (package.code_number or incoming.code_number or "")[:11],
                "code_notation": (
                    package.code_notation or incoming.code_notation or ""
                )[:30],
            }
        )
        if package.attachments:
            self.env["vn.file.intake"].sudo().store_batch(
                self._vn_check_attachments(package), incoming
            )
        incoming._trail(_("Updated by the sender"), package.business.reason)
        self._vn_queue_status(
            self.attested_from_code,
            self._vn_response_for(package),
            "15",
            _("Update received"),
        )
        self.write({"state": "done", "incoming_id": incoming.id})

    def _vn_apply_replacement(self, package, incoming):
        """Business type 3: the new document replaces earlier ones, which are recalled
        here."""
        for old_id in package.business.replaced_document_ids:
            old = self._vn_existing_incoming(old_id, self._vn_sender())
            if old:
                old.with_context(vn_lgsp_silent=True)._vn_recall(
                    _("Replaced by %(doc)s", doc=incoming.display_name)
                )
                incoming._trail(_("Replaces %(doc)s", doc=old.display_name))
        self._vn_queue_status(
            self.attested_from_code,
            self._vn_response_for(package),
            "15",
            _("Replacement received"),
        )

    # ------------------------------------------------------------------
    # Statuses
    # ------------------------------------------------------------------
    def _vn_apply_status(self, status):
        document_id = (status.response_for.get("document_id") or "").strip()
        self.write(
            {
                "edxml_document_id": document_id,
                "status_code": status.status_code,
                "from_code": status.from_org.organ_id,
                "subject": (status.description or "")[:200],
            }
        )
        if (
            not document_id
        ):  # the parser refuses it already; never match an empty identifier
            raise _Refusal(status, _("The status names no document."))
        if status.status_code == "13":
            # The sender asks to take a document back (also after a recall package: then
            # agree again).
            self._vn_check_original_sender(
                status, [document_id], _("Take-back request")
            )
            incoming = self._vn_existing_incoming(document_id, self._vn_sender())
            already = self._vn_incoming_with_identifier(document_id).filtered(
                lambda doc: (
                    doc.state == "recalled"
                    and _norm_code(doc.sender_id.vn_organ_code) == self._vn_sender()
                )
            )
            if incoming:
                self.incoming_id = incoming
            code = (
                self._vn_recall_incoming(incoming, status.description)
                if incoming
                else ("15" if already else "16")
            )
            # 15/16 answer the original sender: ResponseFor/OrganId is the addressee
            # (EDXML.md §2.1).
            self._vn_queue_status(
                self.attested_from_code,
                dict(status.response_for, organ_id=self.attested_from_code),
                code,
                status.description,
            )
            self.write(
                {"state": "done", "incoming_id": incoming.id if incoming else False}
            )
            return
        if self._vn_seen_status(document_id, status):
            self.write(
                {
                    "state": "done",
                    "last_error": _("Duplicate of a status already received"),
                }
            )
            return
        sent = self.sudo().search(
            [
                ("direction", "=", "out"),
                ("message_type", "=", "edoc"),
                ("company_id", "=", self.company_id.id),
                ("edxml_document_id", "=", document_id),
                ("edxml_document_id", "!=", False),
                ("delivery_id", "!=", False),
            ],
            order="id desc",
        )
        # Only the agency the document was sent to moves its line (the platform attests
        # who answers).
        sent = sent.filtered(
            lambda m: (
                self._vn_sender() in map(_norm_code, (m.to_codes or "").split(","))
            )
        )
        line = sent[:1].delivery_id
        if line:
            self.delivery_id = line
            self._vn_apply_status_to_line(line, sent[:1], status)
        self.write({"state": "done"})

    def _vn_seen_status(self, document_id, status):
        if not document_id or not self._vn_sender():
            return False
        return bool(
            self.sudo().search_count(
                [
                    ("id", "!=", self.id),
                    ("direction", "=", "in"),
                    ("message_type", "=", "status"),
                    ("state", "=", "done"),
                    ("edxml_document_id", "=", document_id),
                    ("edxml_document_id", "!=", False),
                    ("status_code", "=", status.status_code),
                    ("from_code", "=", status.from_org.organ_id),
                    ("company_id", "=", self.company_id.id),
                ]
            )
        )

    def _vn_apply_status_to_line(self, line, last_sent, status):
        """01-06 move the line; 15 and 16 answer our last request (recall, update,
        replacement)."""
        code = status.status_code
        if code in ("15", "16"):
            asked = selection_label(last_sent, "business_type")
            # 15 after our recall package, or after a recall we announced outside the
            # platform and the receiver's clerk recorded by hand (then our last package
            # was the document itself).
            if code == "15" and last_sent.business_type in ("0", "1"):
                line._vn_set_status("recalled", status.description)
            else:
                verdict = _("accepted") if code == "15" else _("refused")
                line._vn_set_status(
                    line.state,
                    _(
                        "%(request)s %(verdict)s: %(why)s",
                        request=asked,
                        verdict=verdict,
                        why=status.description or "",
                    ),
                )
            return
        state = STATUS_TO_DELIVERY.get(code)
        if state and line.state != "recalled":
            line._vn_set_status(state, status.description)

    def _vn_response_for(self, package, document_id=None):
        return {
            "organ_id": package.from_org.organ_id,
            "code": "/".join(
                p for p in (package.code_number, package.code_notation) if p
            ),
            "promulgation_date": package.promulgation_date,
            "document_id": document_id or package.document_id,
        }

    def _vn_queue_status(self, to_code, response_for, code, description, staff=None):
        """Queue a status package (QCVN 102 §2) for ``to_code``."""
        company = self.company_id or self.env.company
        status = edxml.StatusPackage(
            from_org=edxml.Organization(
                organ_id=company.vn_organ_code, name=company.name
            ),
            response_for=response_for,
            status_code=code,
            description=description or "",
            timestamp=_vn_now(),
            staff=staff or {},
        )
        return self.env["vn.lgsp.message"]._vn_enqueue(
            {
                "company_id": company.id,
                "message_type": "status",
                "status_code": code,
                "edxml_document_id": response_for.get("document_id"),
                "from_code": company.vn_organ_code,
                "to_codes": to_code,
                "subject": description and description[:200],
            },
            edxml.build_status(status),
        )


class IntakeBusy(Exception):
    """Another worker is storing a package of the same document: take it again."""


class _Refusal(Exception):
    """A package that is understood but refused (addressed elsewhere, files refused)."""

    def __init__(self, package, reason):
        super().__init__(reason)
        self.package, self.reason = package, reason
