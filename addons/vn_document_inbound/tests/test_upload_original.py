# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import hashlib

from odoo.exceptions import UserError
from odoo.tests import tagged

from .test_incoming import IncomingCase


@tagged("post_install", "-at_install")
class TestUploadBecomesOriginal(IncomingCase):
    """A checked upload is kept as the original itself, not copied (issue 15): it must
    then be exactly the checked bytes and lose whatever its uploader set on it."""

    def test_the_upload_is_the_original(self):
        upload = self.upload("qd-12.pdf", self.signed_pdf)
        doc = self.receive(upload_ids=[(6, 0, upload.ids)])
        original = doc.file_ids.sudo()
        self.assertEqual(original.attachment_id, upload)
        self.assertEqual(
            (upload.sudo().res_model, upload.sudo().res_id), (doc._name, doc.id)
        )
        self.assertEqual(upload.sudo().mimetype, "application/pdf")
        self.assertEqual(hashlib.sha256(upload.sudo().raw).hexdigest(), original.sha256)
        self.assertEqual(original._vn_disk_state(), "ok")
        clerk_upload = upload.with_user(self.users["clerk"])
        with self.assertRaises(UserError):
            clerk_upload.write({"raw": b"%PDF-1.7 other"})
        with self.assertRaises(UserError):
            clerk_upload.unlink()

    def test_a_published_upload_is_not_published_as_original(self):
        """Attack: the clerk uploads the file public with a token of their own, to
        fetch the original later without the document's access rules."""
        upload = (
            self.env["ir.attachment"]
            .with_user(self.users["clerk"])
            .create(
                {
                    "name": "qd-12.pdf",
                    "raw": self.signed_pdf,
                    "res_model": "vn.document.incoming",
                    "public": True,
                    "access_token": "chosen-by-the-clerk",
                }
            )
        )
        doc = self.receive(upload_ids=[(6, 0, upload.ids)])
        attachment = doc.file_ids.sudo().attachment_id
        self.assertEqual(attachment, upload)
        self.assertFalse(attachment.public)
        self.assertFalse(attachment.access_token)

    def test_bytes_other_than_the_upload_are_refused(self):
        upload = self.upload("qd-12.pdf", self.signed_pdf)
        doc = self.receive(upload_ids=[])
        report = self.env["vn.file.check"].check("qd-12.pdf", self.signed_pdf)
        with self.assertRaises(UserError):
            self.env["vn.document.file"]._vn_store(
                "qd-12.pdf", self.signed_pdf + b"\n", doc, report, attachment=upload
            )
        self.assertFalse(doc.file_ids)

    def test_a_stored_original_is_not_adopted_again(self):
        """Attack: the clerk links the document's own stored original as a new
        upload; adopting it again would give one file two records. The protection
        of checked originals refuses to move or rename it."""
        upload = self.upload("qd-12.pdf", self.signed_pdf)
        doc = self.receive(upload_ids=[(6, 0, upload.ids)])
        original = doc.file_ids.sudo().attachment_id
        with self.assertRaises(UserError):
            doc.with_user(self.users["clerk"]).write(
                {"upload_ids": [(6, 0, original.ids)]}
            )
        self.assertEqual(len(doc.file_ids), 1)
        self.assertEqual(original.name, "qd-12.pdf")
