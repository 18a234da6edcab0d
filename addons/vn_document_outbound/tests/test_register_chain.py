# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import hashlib
import json

from odoo.tests import tagged

from .common import PASSPHRASE, OutgoingCase


@tagged("post_install", "-at_install")
class TestOutgoingRegisterChain(OutgoingCase):
    """Issue 17, hash-chained register: the issue (số đi) and each copy are entries of
    the agency's chain, with the SHA-256 of the signed original."""

    def chain(self):
        return self.env["vn.register.chain"]

    def test_issue_and_copies_are_chained(self):
        doc = self.bring_to_signing(self.new_draft(), with_annex=False)
        number = self.sign_and_issue(doc)
        issued = self.chain()._vn_last_entry_of(doc)
        payload = json.loads(issued.payload)
        self.assertEqual(issued.kind, "outgoing")
        self.assertEqual(issued.original_sha256, doc.issued_file_id.sha256)
        self.assertEqual(
            issued.original_sha256,
            hashlib.sha256(self.raw(doc.issued_file_id)).hexdigest(),
        )
        self.assertEqual(payload["fields"]["number_symbol"], number)
        Copy = self.env["vn.document.copy"].with_user(self.clerk)
        scan = Copy.create(
            {
                "form": "SY",
                "medium": "electronic",
                "outgoing_id": doc.id,
                "source_description": doc.display_name,
            }
        )
        scan._vn_make(self.agency_token_key, PASSPHRASE, "ban-quet.pdf", self.annex_pdf)
        paper = Copy.create(
            {"form": "SL", "medium": "paper", "source_description": doc.display_name}
        )
        paper._vn_make()
        signed_copy = self.chain()._vn_last_entry_of(scan)
        paper_copy = self.chain()._vn_last_entry_of(paper)
        self.assertEqual(signed_copy.kind, "copy")
        self.assertEqual(signed_copy.original_sha256, scan.file_id.sha256)
        self.assertFalse(paper_copy.original_sha256)
        self.assertEqual(signed_copy.prev_hash, issued.entry_hash)
        self.assertEqual(paper_copy.prev_hash, signed_copy.entry_hash)
        self.assertFalse(self.chain()._vn_verify(doc.company_id)["broken"])

    def test_issued_number_changed_in_sql_breaks_at_that_entry(self):
        """Issue 17: a register row changed in SQL fails verification at its entry."""
        doc = self.bring_to_signing(self.new_draft(), with_annex=False)
        self.sign_and_issue(doc)
        entry = self.chain()._vn_last_entry_of(doc)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE vn_document_outgoing SET number_symbol = '99/QĐ-UBND' "
            "WHERE id = %s",
            [doc.id],
        )
        self.env.invalidate_all()
        broken = self.chain()._vn_verify(doc.company_id)["broken"]
        self.assertEqual(
            (broken["sequence"], broken["check"]), (entry.sequence, "register fields")
        )
