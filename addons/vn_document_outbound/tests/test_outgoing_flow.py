# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import io
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.vn_document_base.tools import signature_validation

from ..tools.signing import keys, pdf
from .common import PASSPHRASE, OutgoingCase, pki_path, read_pki

QUIET = (
    "pyhanko",
    "pyhanko_certvalidator",
    "odoo.addons.vn_document_base.models.vn_file_check",
)


@tagged("post_install", "-at_install")
class TestOutgoingFlow(OutgoingCase):
    """The outgoing path with real signatures (R-OUT1 to R-OUT11, R-LV1, R-US4)."""

    def validate(self, data):
        return signature_validation.validate_pdf(
            data, [read_pki("root.pem")], [read_pki("crl.der")]
        )

    # ------------------------------------------------------------------
    def test_draft_review_approvals_sign_issue(self):
        """R-OUT1, R-OUT2, R-OUT5: drafting, a review loop through the head of the unit,
        the three approvals, the signer's and the agency's signatures, issue."""
        doc = self.new_draft(reviewer_ids=[(4, self.reviewer.id)])
        doc.with_user(self.staff)._vn_add_version(
            "du-thao-1.pdf", self.final_pdf, "draft"
        )
        doc.with_user(self.staff).action_send_for_review()
        self.assertEqual(doc.state, "review")
        self.assertEqual(doc.turn_user_ids, self.reviewer)
        with self.assertRaises(AccessError):
            doc.with_user(self.outsider)._vn_review("Không phải lượt của tôi")
        doc.with_user(self.reviewer)._vn_review("Sửa lại căn cứ pháp lý")
        self.assertEqual(
            doc.state, "head_review", "all reviewers commented: to the head of the unit"
        )
        doc.with_user(self.head_of_unit)._vn_return_to_drafter(
            "Bổ sung căn cứ theo góp ý"
        )
        self.assertEqual(doc.state, "draft")
        doc.with_user(self.staff)._vn_add_version(
            "du-thao-2.pdf", self.final_pdf, "final"
        )
        doc.with_user(self.staff)._vn_add_version(
            "phu-luc.pdf", self.annex_pdf, "attachment"
        )
        self.assertEqual(len(doc.version_ids), 3, "every upload is kept")
        self.assertTrue(doc.version_ids[0].superseded)
        doc.with_user(self.staff).action_send_to_head()
        with self.assertRaises(AccessError):
            doc.with_user(self.staff).action_approve_content()
        doc.with_user(self.head_of_unit).action_approve_content()
        doc.with_user(self.clerk).action_approve_format()
        self.assertEqual(doc.state, "to_sign")
        self.assertEqual(doc.signature_block, "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH")
        with self.assertRaises(UserError) as wrong:
            doc.with_user(self.signer).with_context(lang="vi_VN")._vn_sign(
                self.signer_key, "0000"
            )
        self.assertIn("Mật khẩu", str(wrong.exception))
        doc.with_user(self.signer)._vn_sign(self.signer_key, PASSPHRASE)
        self.assertEqual(doc.state, "signed")
        number = doc.with_user(self.clerk)._vn_issue(self.agency_token_key, PASSPHRASE)
        self.assertEqual(number, "01/QĐ-UBND")
        self.assertEqual(doc.state, "issued")
        kinds = doc.trail_ids.mapped("kind")
        for kind in (
            "review",
            "return",
            "approve_content",
            "approve_format",
            "approve_sign",
            "sign",
            "number",
            "agency_sign",
            "issue",
        ):
            self.assertIn(kind, kinds)
        approvals = doc.approval_ids
        self.assertEqual(
            approvals.mapped("user_id"), self.head_of_unit | self.clerk | self.signer
        )

        # R-LV1, R-OUT10: both signatures valid, nothing but form filling after the
        # signer's.
        results = self.validate(self.raw(doc.issued_file_id))
        self.assertEqual(
            [r["field_name"] for r in results],
            [pdf.SIGNER_FIELD, pdf.AGENCY_FIELD],
        )
        self.assertTrue(all(r["bottom_line"] for r in results), results)
        self.assertEqual(results[0]["modification_level"], "FORM_FILLING")
        self.assertEqual(doc.legal_value, "original")
        self.assertEqual(doc.original_sha256, doc.issued_file_id.sha256)
        annex = doc.version_ids.filtered(lambda v: v.kind == "issued_attachment")
        annex_results = self.validate(self.raw(annex.file_id))
        self.assertTrue(annex_results[0]["bottom_line"])
        self.assertEqual(annex_results[0]["field_name"], pdf.STAMP_FIELD)

    def test_signature_geometry(self):
        """R-OUT10: the seal, at its real size, covers the left third of the signer's
        image; the attachment's agency signature sits at the top right of its first
        page."""
        doc = self.bring_to_signing(self.new_draft())
        self.sign_and_issue(doc)
        rects = pdf.field_rectangles(self.raw(doc.issued_file_id))
        _page, (sx0, sy0, sx1, sy1) = rects[pdf.SIGNER_FIELD]
        _page, (ax0, ay0, ax1, ay1) = rects[pdf.AGENCY_FIELD]
        seal = 35 * 72 / 25.4
        self.assertAlmostEqual(ax1 - ax0, seal, delta=0.5)
        self.assertAlmostEqual(ay1 - ay0, seal, delta=0.5)
        self.assertLess(ax0, sx0, "the seal sticks out on the left")
        self.assertAlmostEqual((ax1 - sx0) / (sx1 - sx0), 1 / 3, delta=0.05)
        self.assertAlmostEqual((ay0 + ay1) / 2, (sy0 + sy1) / 2, delta=1)
        self.assertEqual(rects[pdf.NUMBER_FIELD][0], 0)
        annex = doc.version_ids.filtered(lambda v: v.kind == "issued_attachment")
        page, (x0, y0, x1, y1) = pdf.field_rectangles(self.raw(annex.file_id))[
            pdf.STAMP_FIELD
        ]
        self.assertEqual(page, 0)
        self.assertGreater(x0, 595 / 2, "right half of an A4 page")
        self.assertGreater(y0, 842 * 0.8, "top of the page")

    def test_numbers_per_type_with_leading_zero(self):
        """R-OUT3: one series per type as the agency chose; công văn carries the
        drafting unit."""
        first = self.bring_to_signing(self.new_draft(), with_annex=False)
        self.assertEqual(self.sign_and_issue(first, self.agency_p12_key), "01/QĐ-UBND")
        letter = self.bring_to_signing(
            self.new_draft(self.letter, subject="V/v báo cáo"), with_annex=False
        )
        self.assertEqual(self.sign_and_issue(letter, self.agency_p12_key), "01/UBND-VP")
        second = self.bring_to_signing(self.new_draft(), with_annex=False)
        self.assertEqual(self.sign_and_issue(second, self.agency_p12_key), "02/QĐ-UBND")
        self.assertEqual(second.issued_date.year, second.file_catalog)

    def test_keys_bound_to_their_holder(self):
        """R-US4: nobody signs with another person's key, nor with a key of the wrong
        kind."""
        doc = self.bring_to_signing(self.new_draft(), with_annex=False)
        with self.assertRaises(AccessError):
            doc.with_user(self.signer)._vn_sign(self.agency_token_key, PASSPHRASE)
        self.signer_key.user_id = self.clerk
        with self.assertRaises(AccessError):
            doc.with_user(self.signer)._vn_sign(self.signer_key, PASSPHRASE)
        self.signer_key.user_id = self.signer
        doc.with_user(self.signer)._vn_sign(self.signer_key, PASSPHRASE)
        with self.assertRaises(UserError):
            doc.with_user(self.clerk)._vn_issue(
                self.agency_token_key, "9999"
            )  # wrong PIN
        self.assertEqual(doc.state, "signed")
        self.assertEqual(
            self.book_decision.next_number, 1, "a failed issue uses no number"
        )

    def test_opened_pkcs12_key_kept_for_its_passphrase_only(self):
        """Issue 15: a PKCS#12 key opened for a signing is not opened again by the next
        signing with the same passphrase, and that changes none of the checks: a wrong
        passphrase, another account, an archived key or a key that no longer holds the
        registered certificate are refused as before."""
        keys.PKCS12_CACHE.clear()
        first = self.bring_to_signing(self.new_draft(), with_annex=False)
        second = self.bring_to_signing(self.new_draft(), with_annex=False)
        first.with_user(self.signer)._vn_sign(self.signer_key, PASSPHRASE)
        with patch.object(
            keys, "load_pkcs12_signer", wraps=keys.load_pkcs12_signer
        ) as opened:
            for wrong in ("0000", PASSPHRASE + " ", ""):
                with self.assertRaises(UserError):
                    second.with_user(self.signer)._vn_sign(self.signer_key, wrong)
            self.assertEqual(
                opened.call_count, 2, "a wrong one opens the file (not empty)"
            )
            with self.assertRaises(AccessError):
                second.with_user(self.clerk)._vn_sign(self.signer_key, PASSPHRASE)
            self.signer_key.active = False
            with self.assertRaises(AccessError):
                second.with_user(self.signer)._vn_sign(self.signer_key, PASSPHRASE)
            self.signer_key.active = True
            registered = self.signer_key.certificate
            self.signer_key.certificate = base64.b64encode(read_pki("agency.pem"))
            with self.assertRaises(UserError):
                second.with_user(self.signer)._vn_sign(self.signer_key, PASSPHRASE)
            self.signer_key.certificate = registered
            self.assertEqual(second.state, "to_sign")
            second.with_user(self.signer)._vn_sign(self.signer_key, PASSPHRASE)
            self.assertEqual(opened.call_count, 2, "the right one reuses the key")
        self.assertEqual(second.state, "signed")
        self.assertTrue(all(second.signing_file_id.signature_ids.mapped("is_valid")))

    def test_external_signature(self):
        """R-US4: the prepared file signed with a desktop tool comes back; the earlier
        revision must be byte-identical and the signature the holder's."""
        key = self.env["vn.signing.key"].create(
            {
                "name": "Ký bằng công cụ máy tính",
                "user_id": self.signer.id,
                "usage": "personal",
                "kind": "external",
                "certificate": base64.b64encode(read_pki("signer2.pem")),
            }
        )
        doc = self.bring_to_signing(self.new_draft(), with_annex=False)
        prepared = self.raw(doc.signing_file_id)
        signed_by_other = desktop_sign(prepared, "signer.p12")
        with self.assertRaises(AccessError):
            doc.with_user(self.signer)._vn_sign_external(key, signed_by_other)
        tampered = bytearray(prepared)
        tampered[200:205] = b"XXXXX"
        with self.assertRaises(UserError):
            doc.with_user(self.signer)._vn_sign_external(
                key, desktop_sign(bytes(tampered), "signer2.p12")
            )
        doc.with_user(self.signer)._vn_sign_external(
            key, desktop_sign(prepared, "signer2.p12")
        )
        self.assertEqual(doc.state, "signed")
        self.assertEqual(self.sign_and_issue_after_signer(doc), "01/QĐ-UBND")
        self.assertEqual(doc.legal_value, "original")

    def sign_and_issue_after_signer(self, doc):
        return doc.with_user(self.clerk)._vn_issue(self.agency_p12_key, PASSPHRASE)

    @mute_logger(*QUIET)
    def test_malware_blocks_issue(self):
        """R-OUT11: a file that is not clean (here: a signature database updated since
        the upload) blocks the issue, and no number is used."""
        doc = self.bring_to_signing(self.new_draft(), with_annex=False)
        doc.with_user(self.signer)._vn_sign(self.signer_key, PASSPHRASE)
        eicar = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
        report = {
            "mimetype": "application/pdf",
            "size": len(eicar),
            "sha256": __import__("hashlib").sha256(eicar).hexdigest(),
            "scan_engine": "older database",
            "page_count": 1,
            "signatures": [],
            "legal_value": "reference",
            "legal_value_reason": "",
        }
        infected = self.env["vn.document.file"]._vn_store(
            "phu-luc.pdf", eicar, doc, report
        )
        self.env["vn.document.outgoing.version"].create(
            {
                "document_id": doc.id,
                "kind": "attachment",
                "file_id": infected.id,
                "number": 9,
            }
        )
        with self.assertRaises(UserError) as blocked:
            doc.with_user(self.clerk)._vn_issue(self.agency_token_key, PASSPHRASE)
        self.assertIn("phu-luc.pdf", str(blocked.exception))
        self.assertEqual(doc.state, "signed")
        self.assertFalse(doc.number_symbol)

    @mute_logger(*QUIET)
    def test_issued_original_frozen_and_tamper_evident(self):
        """R-OUT9: nothing of an issued document changes; a changed file is detected."""
        doc = self.bring_to_signing(self.new_draft(), with_annex=False)
        self.sign_and_issue(doc)
        with self.assertRaises(UserError):
            doc.sudo().subject = "Trích yếu khác"
        with self.assertRaises(AccessError):
            doc.with_user(self.clerk).number_symbol = "99/QĐ-UBND"
        self.assertTrue(doc.issued_file_id._vn_verify_integrity())
        # A copy changed after issue: an incremental update that replaces page content.
        tampered = append_page_text(self.raw(doc.issued_file_id))
        results = self.validate(tampered)
        self.assertFalse(all(r["bottom_line"] for r in results))
        report = self.env["vn.file.check"].check("sua.pdf", tampered)
        self.assertEqual(report["legal_value"], "reference")

    def test_recall_tells_every_recipient(self):
        """R-OUT8: each recipient has its own line; recall freezes and notifies all of
        them."""
        doc = self.bring_to_signing(self.new_draft(), with_annex=False)
        self.sign_and_issue(doc)
        lines = {line.kind: line for line in doc.delivery_ids}
        self.assertEqual(lines["internal"].state, "received")
        incoming = lines["internal"].incoming_id
        self.assertEqual(incoming.channel, "internal")
        self.assertEqual(incoming.code_notation, "QĐ-UBND")
        self.assertEqual(incoming.legal_value, "original")
        self.assertEqual(lines["external"].state, "queued")
        self.assertEqual(lines["email"].state, "sent")
        self.assertEqual(lines["paper"].state, "to_post")
        incoming.with_user(self.clerk).action_register()
        self.assertEqual(
            lines["internal"].state,
            "registered",
            "the internal line follows the incoming flow",
        )
        lines["paper"].with_user(self.clerk).write(
            {"postal_receipt": "RR123456VN", "envelope_count": 1}
        )
        lines["paper"].with_user(self.clerk).action_mark_posted()
        self.assertEqual(lines["paper"].state, "sent")
        with self.assertRaises(AccessError):
            doc.with_user(self.staff)._vn_recall("Sai đối tượng")
        doc.with_user(self.clerk)._vn_recall("Ban hành sai đối tượng")
        self.assertEqual(doc.state, "recalled")
        self.assertEqual(incoming.state, "recalled")
        # Other agencies answer through the platform (the connector's tests follow that
        # line).
        self.assertTrue(
            all(
                line.state == "recalled"
                for line in doc.delivery_ids
                if line.kind != "external"
            )
        )
        recall_mail = self.env["mail.mail"].search(
            [
                ("email_to", "=", "so-noi-vu@example.com"),
                ("subject", "ilike", "01/QĐ-UBND"),
            ]
        )
        self.assertEqual(len(recall_mail), 2, "the copy, then the recall")
        with self.assertRaises(UserError):
            doc.sudo().subject = "Không đổi được"

    def test_replacement_and_correction_linked_both_ways(self):
        """R-OUT6: a replacement (content error) and a correction letter (format
        error)."""
        doc = self.bring_to_signing(self.new_draft(), with_annex=False)
        self.sign_and_issue(doc)
        replacement = self.env["vn.document.outgoing"].browse(
            doc.with_user(self.staff).action_new_replacement()["res_id"]
        )
        correction = self.env["vn.document.outgoing"].browse(
            doc.with_user(self.staff).action_new_correction()["res_id"]
        )
        self.assertEqual(replacement.replaces_id, doc)
        self.assertEqual(replacement.document_type_id, doc.document_type_id)
        self.assertEqual(correction.corrects_id, doc)
        self.assertEqual(correction.document_type_id, self.letter)
        self.assertEqual(doc.replaced_by_ids, replacement)
        self.assertEqual(doc.correction_ids, correction)
        self.bring_to_signing(correction, with_annex=False)
        self.assertEqual(self.sign_and_issue(correction), "01/UBND-VP")
        self.assertIn("link", doc.trail_ids.mapped("kind"))

    def test_reply_completes_the_incoming_assignment(self):
        """R-OUT1: a staff member answers an incoming document; both are linked and the
        assignment is done when the reply is issued."""
        incoming = self.env["vn.document.incoming"].create(
            {
                "subject": "Đề nghị báo cáo số liệu",
                "channel": "paper",
                "sender_id": self.external_agency.id,
            }
        )
        incoming.with_user(self.clerk).action_register()
        self.env["ir.config_parameter"].sudo().set_param(
            "vn_document_inbound.clerk_direct_routing", "True"
        )
        incoming.with_user(self.clerk)._vn_assign(
            [{"role": "lead", "user_id": self.staff.id}]
        )
        action = incoming.with_user(self.staff).action_draft_reply()
        reply = self.env["vn.document.outgoing"].browse(action["res_id"])
        self.assertEqual(reply.incoming_id, incoming)
        self.assertEqual(incoming.reply_ids, reply)
        self.assertEqual(reply.delivery_ids.partner_id, self.external_agency)
        reply.with_user(self.staff).write({"signer_id": self.signer.id})
        self.bring_to_signing(reply, with_annex=False)
        self.assertEqual(self.sign_and_issue(reply), "01/UBND-VP")
        self.assertEqual(incoming.assignment_ids.state, "done")
        self.assertEqual(incoming.state, "done")

    def test_docx_final_text_converted_with_libreoffice(self):
        """The signing version is a PDF: a DOCX final text is converted and both are
        kept."""
        from ..tools import office_convert

        docx = office_convert_sample_docx()
        doc = self.new_draft()
        version = doc.with_user(self.staff)._vn_add_version(
            "du-thao.docx", docx, "final"
        )
        self.assertEqual(version.file_id.mimetype, "application/pdf")
        self.assertTrue(version.converted_from_id)
        self.assertIn("wordprocessingml", version.converted_from_id.mimetype)
        self.assertTrue(office_convert)

    def test_copies(self):
        """R-OUT7, R-LV2: the paper master copy is recorded; an electronic copy from a
        scan is numbered in the copies series and signed by the agency at the top right
        of page 1."""
        doc = self.bring_to_signing(self.new_draft(), with_annex=False)
        self.sign_and_issue(doc)
        doc.with_user(self.clerk)._vn_record_paper_copy(2, "Lưu hồ sơ")
        self.assertEqual(doc.paper_copy_count, 2)
        self.assertEqual(doc.paper_copy_user_id, self.clerk)
        Copy = self.env["vn.document.copy"].with_user(self.clerk)
        scan = Copy.create(
            {
                "form": "SY",
                "medium": "electronic",
                "outgoing_id": doc.id,
                "source_description": doc.display_name,
            }
        )
        number = scan._vn_make(
            self.agency_token_key, PASSPHRASE, "ban-quet.pdf", self.annex_pdf
        )
        self.assertEqual(number, "01/SY-UBND")
        self.assertEqual(scan.legal_value, "certified_copy")
        page, (x0, y0, _x1, _y1) = pdf.field_rectangles(self.raw(scan.file_id))[
            pdf.STAMP_FIELD
        ]
        self.assertEqual(page, 0)
        self.assertGreater(x0, 595 / 2)
        self.assertGreater(y0, 842 * 0.8)
        paper = Copy.create(
            {"form": "SL", "medium": "paper", "source_description": doc.display_name}
        )
        self.assertEqual(paper._vn_make(), "02/SL-UBND")

    def test_visibility_per_role(self):
        """Drafts: the people working on them; issued documents: the whole agency."""
        doc = self.new_draft(reviewer_ids=[(4, self.reviewer.id)])
        Outgoing = self.env["vn.document.outgoing"]
        visible = {
            name: bool(Outgoing.with_user(user).search([("id", "=", doc.id)]))
            for name, user in [
                ("staff", self.staff),
                ("reviewer", self.reviewer),
                ("outsider", self.outsider),
                ("head_of_unit", self.head_of_unit),
                ("signer", self.signer),
                ("clerk", self.clerk),
                ("follow_up", self.users["follow_up"]),
            ]
        }
        self.assertEqual(
            visible,
            {
                "staff": True,
                "reviewer": True,
                "outsider": False,
                "head_of_unit": True,
                "signer": True,
                "clerk": True,
                "follow_up": True,
            },
        )
        self.bring_to_signing(doc, with_annex=False)
        self.sign_and_issue(doc)
        self.assertTrue(Outgoing.with_user(self.outsider).search([("id", "=", doc.id)]))
        with self.assertRaises(UserError):  # frozen, and not the outsider's turn anyway
            doc.with_user(self.outsider).write({"description": "x"})


def desktop_sign(prepared, p12_name):
    """What a desktop signing tool does: sign the prepared file's signer field,
    incrementally."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    signer = signers.SimpleSigner.load_pkcs12(
        pfx_file=pki_path(p12_name),
        passphrase=PASSPHRASE.encode(),
    )
    out = io.BytesIO()
    signers.PdfSigner(
        signers.PdfSignatureMetadata(
            field_name=pdf.SIGNER_FIELD,
            md_algorithm="sha256",
            subfilter=fields.SigSeedSubFilter.PADES,
            certify=True,
            docmdp_permissions=fields.MDPPerm.FILL_FORMS,
        ),
        signer=signer,
    ).sign_pdf(IncrementalPdfFileWriter(io.BytesIO(prepared)), output=out)
    return out.getvalue()


def append_page_text(data):
    """An incremental update that draws new text on page 1 (a forged change)."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    stream = generic.StreamObject(stream_data=b"BT /F1 12 Tf 100 100 Td (Forged) Tj ET")
    writer.add_stream_to_page(0, writer.add_object(stream))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def office_convert_sample_docx():
    """A minimal, valid DOCX with Vietnamese text."""
    import zipfile

    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" '
        'ContentType="application/xml"/><Override PartName="/word/'
        'document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>",
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        'package/2006/relationships"><Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/officeDocument" '
        'Target="word/document.xml"/></Relationships>',
        "word/document.xml": '<?xml version="1.0" encoding="UTF-8"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/'
        'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Quyết định về việc giao '
        "chỉ tiêu năm 2027</w:t></w:r></w:p></w:body></w:document>",
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buf.getvalue()


@tagged("post_install", "-at_install")
class TestOutgoingHandover(OutgoingCase):
    def test_disabled_signer_hands_over_drafts_and_loses_keys(self):
        """R-US3, R-US4: a departing signer's drafts go to the successor; the keys are
        archived."""
        doc = self.bring_to_signing(self.new_draft(), with_annex=False)
        successor = self.users["department_head"]
        wizard = (
            self.env["vn.user.disable.wizard"]
            .with_user(self.manager)
            .create(
                {
                    "user_id": self.signer.id,
                    "successor_id": successor.id,
                    "reason": "retire",
                }
            )
        )
        wizard.action_confirm()
        self.assertEqual(doc.signer_id, successor)
        self.assertFalse(self.signer_key.active)
        self.assertIn(successor, doc.turn_user_ids)
