# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Print button of an outgoing document (ND 30 Phụ lục VI III.6.k): a copy of the
issued original with the print mark on every page; the issued original itself is not
touched and its signatures still validate."""

import hashlib

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.vn_document_base.tools import signature_validation, text_extract

from .common import PASSPHRASE, OutgoingCase, read_pki


@tagged("post_install", "-at_install")
class TestOutgoingPrintMark(OutgoingCase):
    def test_print_issued_original_with_the_mark(self):
        """III.6.k: nothing to print before issue; after it, a marked copy for the
        clerk on every page, the original's bytes and signatures unchanged; a user
        who cannot read the document gets nothing."""
        doc = self.new_draft()
        with self.assertRaises(UserError):
            doc.with_user(self.clerk).action_print_copy()
        self.bring_to_signing(doc, with_annex=False)
        self.sign_and_issue(doc, self.agency_p12_key)
        original = doc.issued_file_id
        before = self.raw(original)
        action = doc.with_user(self.clerk).action_print_copy()
        self.assertEqual(action["url"], f"/vn_document/file/{original.id}/print")
        copy = original.with_user(self.clerk)._vn_print_data()
        pages = text_extract.pdf_pages_text(copy)
        self.assertEqual(len(pages), original.page_count)
        for page in pages:
            self.assertIn(self.clerk.name, page)
            self.assertIn(self.env.company.name, page)
        self.assertEqual(self.raw(original), before)
        self.assertEqual(hashlib.sha256(before).hexdigest(), original.sha256)
        facts = signature_validation.validate_pdf(
            before, [read_pki("root.pem")], [read_pki("crl.der")]
        )
        self.assertTrue(facts and all(f["bottom_line"] for f in facts))
        stranger = new_test_user(
            self.env, login="vn_test_stranger", groups="base.group_user"
        )
        with self.assertRaises(AccessError):
            doc.with_user(stranger).action_print_copy()

    def test_print_signed_copy_with_the_mark(self):
        """III.6.k on a copy (sao y): the Print button gives its signed PDF with the
        mark; the signed copy stays as stored."""
        copy = (
            self.env["vn.document.copy"]
            .with_user(self.clerk)
            .create(
                {
                    "form": "SY",
                    "medium": "electronic",
                    "source_description": "Quyết định số 15/QĐ-UBND",
                }
            )
        )
        with self.assertRaises(UserError):
            copy.action_print_copy()  # nothing made yet
        copy._vn_make(self.agency_p12_key, PASSPHRASE, "sao-y.pdf", self.final_pdf)
        stored = self.raw(copy.file_id)
        action = copy.action_print_copy()
        self.assertEqual(action["url"], f"/vn_document/file/{copy.file_id.id}/print")
        printed = copy.file_id.with_user(self.clerk)._vn_print_data()
        for page in text_extract.pdf_pages_text(printed):
            self.assertIn(self.clerk.name, page)
        self.assertEqual(self.raw(copy.file_id), stored)
