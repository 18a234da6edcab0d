# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# pylint: disable=consider-merging-classes-inherited
import base64
import datetime
import hashlib

import pytz

from odoo import _, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.vn_document_base.tools.legal import legal

from ..tools.signing import errors, external, layout, pdf, sign

VN_TZ = pytz.timezone("Asia/Ho_Chi_Minh")


# The workflow's signing half, kept apart from the drafting half (and from demo.py).
class VnDocumentOutgoing(models.Model):
    """Signing, numbering and issue (R-OUT3, R-OUT5, R-OUT10, R-OUT11)."""

    _inherit = "vn.document.outgoing"

    # ------------------------------------------------------------------
    # The PDF for signing: fields created before the first signature
    # ------------------------------------------------------------------
    def _vn_prepare_signing_file(self):
        """Build the signing PDF from the final text: the signature block of the signer,
        the signer's and the agency's signature fields, the number and date form
        fields."""
        self.ensure_one()
        final = self.final_version_id.file_id
        if final.mimetype != "application/pdf":
            raise UserError(_("The final text must be a PDF."))
        lines = self.signer_id._vn_signature_block_lines()
        if not any(lines):
            raise UserError(
                _(
                    "The signer's title is not set (Users > %(name)s > Signature).",
                    name=self.signer_id.name,
                )
            )
        block = layout.SignatureBlock(
            authority_lines=lines, signer_name=self.signer_id.name
        )
        try:
            prepared = layout.prepare_for_signing(
                final.attachment_id.sudo().raw,
                block,
                seal_diameter_mm=self.company_id.vn_seal_diameter_mm or 35.0,
            )
        except errors.PdfLayoutError as error:
            raise UserError(
                _(
                    "The final text cannot be prepared for signing: %(error)s",
                    error=error,
                )
            ) from None
        name = final.name.rsplit(".", 1)[0] + "-ky.pdf"
        stored = self._vn_keep_file(name, prepared, "prepared")
        self.sudo().write(
            {"signing_file_id": stored.id, "signature_block": "\n".join(lines)}
        )

    def _vn_keep_file(self, name, data, kind):
        """Check ``data``, keep it as an original and as a version of ``kind``."""
        stored = self.env["vn.document.file"]._vn_store_checked(name, data, self)
        self.env["vn.document.outgoing.version"].sudo().create(
            {
                "document_id": self.id,
                "kind": kind,
                "file_id": stored.id,
                "number": len(self.version_ids) + 1,
            }
        )
        return stored

    def _vn_signing_bytes(self):
        self.ensure_one()
        if not self.signing_file_id.attachment_id:
            raise UserError(_("There is no file prepared for signing."))
        return self.signing_file_id.attachment_id.sudo().raw

    # ------------------------------------------------------------------
    # The signer's signature (first)
    # ------------------------------------------------------------------
    def _vn_sign(self, key, secret):
        """Approve and sign with the signer's own key (PKCS#12 or token)."""
        self.ensure_one()
        key = key.with_env(self.env)
        self._vn_check_signer_key(key)
        image = (
            base64.b64decode(self.signer_id.vn_signature_image)
            if self.signer_id.vn_signature_image
            else None
        )
        with key._open(secret) as signer:
            signed = sign.sign_as_signer(
                self._vn_signing_bytes(),
                signer,
                image,
                reason=legal(self).env._("Approved and signed"),
                location=self.company_id.name,
            )
        self._vn_accept_signed(signed, key)

    def _vn_sign_external(self, key, data):
        """Take back the file signed with a desktop tool: the earlier revision must be
        the prepared file byte for byte, the new signature the key holder's, in the
        signer's field."""
        self.ensure_one()
        key = key.with_env(self.env)
        self._vn_check_signer_key(key)
        try:
            found = external.verify_external_signature(
                self._vn_signing_bytes(), data, pdf.SIGNER_FIELD
            )
        except errors.ExternalSignatureError as error:
            messages = {
                "revision_changed": _(
                    "The returned file is not the prepared file plus a signature: its "
                    "earlier content was changed."
                ),
                "wrong_field": _("The signature is not in the signer's field."),
                "no_signature": _("The returned file carries no new signature."),
                "several_signatures": _(
                    "The returned file carries more than one new signature."
                ),
                "not_last": _("The file was changed after it was signed."),
            }
            raise UserError(
                messages.get(error.code) or _("The returned file is not valid.")
            ) from None
        if (
            hashlib.sha256(found["certificate_der"]).hexdigest()
            != key.certificate_fingerprint
        ):
            raise AccessError(
                _(
                    "The file was signed with another certificate than %(key)s's.",
                    key=key.user_id.name,
                )
            )
        self._vn_accept_signed(data, key)

    def _vn_check_signer_key(self, key):
        self._check_turn(("to_sign",), "signer_id")
        self._vn_check_separation(
            self.signer_id, _("signer"), "vn_document_outbound.signer_may_draft"
        )
        key._check_holder()
        if key.usage != "personal":
            raise UserError(
                _("The signer signs with a personal key, not the agency's.")
            )

    def _vn_accept_signed(self, signed, key):
        name = self.signing_file_id.name.replace("-ky.pdf", "-da-ky.pdf")
        stored = self._vn_keep_file(name, signed, "signed")
        self._vn_require_valid(stored, 1)
        self._step("approve_sign", False, self.final_version_id)
        self.sudo().write(
            {
                "signing_file_id": stored.id,
                "signed_at": fields.Datetime.now(),
                "signed_by_id": self.env.uid,
            }
        )
        self._move("signed", "sign", legal(self).env._("Key: %(key)s", key=key.name))

    def _vn_require_valid(self, stored, count):
        """Every signature of ``stored`` must validate (pyHanko's bottom line) and there
        must be ``count``."""
        signatures = stored.signature_ids
        if len(signatures) != count or not all(signatures.mapped("is_valid")):
            reasons = "; ".join(
                f"{s.signer_name or s.field_name}: {s.reason}" for s in signatures
            )
            raise UserError(
                _(
                    "The signed file does not validate: %(reasons)s",
                    reasons=reasons or _("no signature"),
                )
            )

    # ------------------------------------------------------------------
    # Issue: scan, number, agency signature, delivery (ND 30 Điều 14–18)
    # ------------------------------------------------------------------
    def _vn_issue(self, key, secret):
        self.ensure_one()
        if not self.env.user.has_group("vn_document_base.group_vn_document_clerk"):
            raise AccessError(_("Only a records clerk numbers and issues documents."))
        self._check_turn(("signed",), users=self.env.user)
        key = key.with_env(self.env)
        key._check_holder()
        if key.usage != "agency":
            raise UserError(_("The agency signature needs the agency's key."))
        if not self.company_id.vn_seal_image:
            raise UserError(
                _(
                    "Upload the agency's seal image first (Settings > Outgoing "
                    "documents)."
                )
            )
        if not self.delivery_ids:
            raise UserError(_("Add the recipients first."))
        self._vn_scan_all()
        when = datetime.datetime.now(VN_TZ).replace(microsecond=0)
        book = self._vn_register_book()
        # Taken last but one: the lock on the register book is held only while the file
        # is signed.
        number, formatted = book._take_number(when.date())
        number_symbol = f"{formatted}/{self._vn_symbol()}"
        seal = base64.b64decode(self.company_id.vn_seal_image)
        vi = legal(
            self
        )  # what is written into the PDF is Vietnamese, whoever issues it
        with key._open(secret) as signer:
            filled = sign.fill_number_and_date(
                self._vn_signing_bytes(),
                vi.env._("No.: %(number)s", number=number_symbol),
                self._vn_date_line(when.date()),
            )
            issued = sign.sign_as_agency(
                filled,
                signer,
                seal,
                reason=vi.env._("Issued"),
                location=self.company_id.name,
            )
            stamp = sign.stamp_text_attachment(number_symbol, when)
            reason = vi.env._("Attachment of %(doc)s", doc=number_symbol)
            # A PDF attachment gets the agency's stamp and signature; a data file
            # (a report's workbook) cannot carry a PDF signature and goes as it is,
            # under the signed text that lists it.
            attachments = [
                (
                    v.file_id.name,
                    sign.sign_with_text_stamp(
                        v.file_id.attachment_id.sudo().raw, signer, stamp, reason=reason
                    )
                    if v.file_id.mimetype == "application/pdf"
                    else v.file_id.attachment_id.sudo().raw,
                )
                for v in self.attachment_version_ids
            ]
        original = self._vn_keep_file(
            f"{number_symbol.replace('/', '-')}.pdf", issued, "issued"
        )
        self._vn_require_valid(original, 2)
        if original.legal_value != "original":
            raise UserError(
                _(
                    "The issued file is not recognised as an original: %(why)s",
                    why=original.legal_value_reason,
                )
            )
        for name, data in attachments:
            kept = self._vn_keep_file(name, data, "issued_attachment")
            if kept.mimetype == "application/pdf":
                self._vn_require_valid(kept, 1)
        self.sudo().write(
            {
                "register_book_id": book.id,
                "code_number": formatted,
                "number_symbol": number_symbol,
                "issued_date": when.date(),
                "issued_at": fields.Datetime.now(),
                "issued_by_id": self.env.uid,
                "issued_file_id": original.id,
                "signing_file_id": original.id,
            }
        )
        self._vn_chain_append()  # the register chain, with the signed original's hash
        self._step(
            "number",
            vi.env._("%(number)s in %(book)s", number=number_symbol, book=book.name),
        )
        self._step("agency_sign", vi.env._("Key: %(key)s", key=key.name))
        self._move("issued", "issue")
        self._vn_after_issue()
        return number_symbol

    def _vn_scan_all(self):
        """R-OUT11: every file is scanned again right before issue; one that is not
        clean blocks it.

        The signed text is not scanned here: the issued file, which holds every byte
        of it, is scanned by the file checks before it is stored, in this same
        transaction (a finding undoes the whole issue, number included).
        """
        from odoo.addons.vn_document_base.models.vn_file_check import FileCheckError

        attachments = self.attachment_version_ids.file_id
        files = self.signing_file_id | attachments
        # PDF JavaScript, launch actions, embedded files: flagged on receipt, never
        # issued.
        files.sudo()._vn_refuse_hazards()
        for record in files:
            try:
                (record & attachments)._vn_rescan()
            except FileCheckError as error:
                raise UserError(
                    _("The document cannot be issued: %(error)s", error=error)
                ) from None
            if not record._vn_verify_integrity():
                raise UserError(
                    _(
                        "The document cannot be issued: %(name)s no longer matches its "
                        "SHA-256.",
                        name=record.name,
                    )
                )

    def _vn_register_book(self):
        """The outgoing book of the agency's numbering policy: a book listing the type
        (one series per type), else the book for every type (one series)."""
        books = self.env["vn.register.book"].search(
            [("kind", "=", "outgoing"), ("company_id", "=", self.company_id.id)]
        )
        book = books.filtered(lambda b: self.document_type_id in b.document_type_ids)[
            :1
        ]
        book = book or books.filtered(lambda b: not b.document_type_ids)[:1]
        if not book:
            raise UserError(
                _(
                    "No outgoing register book numbers %(type)s documents.",
                    type=self.document_type_id.name,
                )
            )
        return book

    def _vn_symbol(self):
        """ND 30 Phụ lục I, II.3: type-agency (QĐ-UBND), or for a công văn agency-unit
        (UBND-VP)."""
        agency = self.company_id.vn_short_name
        if not agency:
            raise UserError(_("Set the agency's short name (Settings) before issuing."))
        if self.document_type_id.symbol_style == "agency_unit":
            unit = self.drafting_department_id.vn_short_name
            if not unit:
                raise UserError(
                    _(
                        "Set the short name of the drafting unit: a công văn's symbol "
                        "carries it."
                    )
                )
            return f"{agency}-{unit}"
        if not self.document_type_id.abbreviation:
            raise UserError(
                _(
                    "The document type %(type)s has no abbreviation.",
                    type=self.document_type_id.name,
                )
            )
        return f"{self.document_type_id.abbreviation}-{agency}"

    def _vn_date_line(self, day):
        """ "Phường Bến Thành, ngày 05 tháng 02 năm 2026": days below 10 and months 1
        and 2 take a 0."""
        month = f"{day.month:02d}" if day.month < 3 else str(day.month)
        place = self.company_id.vn_place_name or self.company_id.city or ""
        line = legal(self).env._(
            "day %(day)s month %(month)s year %(year)s",
            day=f"{day.day:02d}",
            month=month,
            year=day.year,
        )
        return f"{place}, {line}" if place else line

    def _vn_after_issue(self, dispatch=True):
        """``dispatch``: send to the recipients (not for a paper original entered
        late: they received it on paper)."""
        self.ensure_one()
        for line in self.delivery_ids if dispatch else ():
            line._vn_dispatch()
        if self.incoming_assignment_id.state == "open":
            assignment = self.incoming_assignment_id.sudo()
            result = legal(self).env._("Answered by %(doc)s", doc=self.display_name)
            assignment.write(
                {
                    "state": "done",
                    "done_date": fields.Datetime.now(),
                    "result": result,
                }
            )
            assignment.document_id._trail(
                legal(assignment.document_id).env._(
                    "Answered by %(doc)s", doc=self.display_name
                )
            )
            assignment.document_id._vn_check_completion(feedback=result)
        for linked, field in (
            (self.replaces_id, "replaced_by_ids"),
            (self.corrects_id, "correction_ids"),
        ):
            if linked:
                linked._step(
                    "link",
                    legal(linked).env._(
                        "%(label)s: %(doc)s",
                        label=linked._fields[field].string,
                        doc=self.display_name,
                    ),
                )
                linked.message_post(
                    body=_(
                        "%(label)s %(doc)s",
                        label=linked._fields[field].string,
                        doc=self.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Recall (R-OUT8, ND 30 Điều 18.4, Phụ lục VI III.8)
    # ------------------------------------------------------------------
    def _vn_recall(self, reason):
        """Freeze the original (it already is) and tell every recipient through its
        channel."""
        for doc in self:
            if doc.state != "issued":
                raise UserError(_("Only an issued document can be recalled."))
            if (
                not self.env.user.has_group("vn_document_base.group_vn_document_clerk")
                and self.env.user != doc.signer_id
            ):
                raise AccessError(
                    _("The signer or a records clerk recalls a document.")
                )
            if not reason:
                raise UserError(_("Give the reason for the recall."))
            doc.sudo().write(
                {
                    "state": "recalled",
                    "recall_reason": reason,
                    "recalled_on": fields.Datetime.now(),
                    "recalled_by_id": self.env.uid,
                }
            )
            doc._step("recall", reason)
            for line in doc.delivery_ids:
                line._vn_recall(reason)
        return True

    # ------------------------------------------------------------------
    # Paper master copy (R-OUT7, ND 30 Điều 18.5)
    # ------------------------------------------------------------------
    def _vn_record_paper_copy(self, count, note=False):
        self.ensure_one()
        if self.state != "issued":
            raise UserError(
                _("Only an issued document is printed as a paper master copy.")
            )
        if not self.env.user.has_group("vn_document_base.group_vn_document_clerk"):
            raise AccessError(
                _("The records clerk prints and stamps the paper master copy.")
            )
        if count < 1:
            raise UserError(_("Give the number of copies printed and stamped."))
        self.sudo().write(
            {
                "paper_copy_count": self.paper_copy_count + count,
                "paper_copy_date": fields.Datetime.now(),
                "paper_copy_user_id": self.env.uid,
            }
        )
        self._step(
            "paper_copy",
            legal(self).env._("%(count)s copies printed and stamped", count=count)
            + (f": {note}" if note else ""),
        )
