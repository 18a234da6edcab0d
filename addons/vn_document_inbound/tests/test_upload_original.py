# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import hashlib
import io

from PIL import Image

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

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


@tagged("post_install", "-at_install")
class TestUploadsAtCreation(IncomingCase):
    """A new document takes its uploads from the link commands of the form without
    writing the links first (issue 15): the same files are checked and kept, in the
    same order, and the same uploads are refused or left alone."""

    def test_link_commands_check_and_keep_every_upload(self):
        first = self.upload("qd-12.pdf", self.signed_pdf)
        second = self.upload("phu-luc.pdf", self.signed_pdf + b"\n%extra\n")
        doc = self.receive(upload_ids=[(4, first.id), (4, second.id), (4, first.id)])
        files = doc.file_ids.sudo()
        self.assertEqual(files.attachment_id, first | second)
        self.assertFalse(doc.upload_ids)
        # the field's order (attachments by id, newest first): the last upload is
        # checked first and becomes the main file, as when reading upload_ids
        self.assertEqual(doc.sudo().main_file_id.attachment_id, second)
        checked = doc.sudo().trail_ids.mapped("action")[1:]
        self.assertEqual(len(checked), 2)
        self.assertIn("phu-luc.pdf", checked[0])
        self.assertIn("qd-12.pdf", checked[1])

    def test_an_upload_of_another_user_is_left_alone(self):
        """Attack: the clerk links another clerk's upload, which they cannot read.
        It is not checked, not kept and not moved: reading the field leaves it out
        (ir.attachment shows an upload without a record to its uploader only)."""
        other_clerk = new_test_user(
            self.env,
            login="vn_test_other_clerk",
            groups="vn_document_base.group_vn_document_clerk",
        )
        other = (
            self.env["ir.attachment"]
            .with_user(other_clerk)
            .create(
                {
                    "name": "qd-12.pdf",
                    "raw": self.signed_pdf,
                    "res_model": "vn.document.incoming",
                }
            )
        )
        doc = self.receive(upload_ids=[(6, 0, other.ids)])
        self.assertFalse(doc.sudo().file_ids)
        self.assertEqual(
            (other.sudo().res_model, other.sudo().res_id),
            ("vn.document.incoming", 0),
        )

    def test_another_record_file_is_refused(self):
        """Attack: the clerk links the original of another document as an upload of
        a new one; nothing is created."""
        doc = self.receive()
        original = doc.file_ids.sudo().attachment_id
        with self.assertRaises(AccessError):
            self.receive(upload_ids=[(4, original.id)])
        self.assertEqual(original.sudo().res_id, doc.id)

    def test_a_refused_file_keeps_nothing(self):
        good = self.upload("qd-12.pdf", self.signed_pdf)
        bad = self.upload("virus.pdf", b"not a pdf at all")
        with self.assertRaises(UserError):
            self.receive(upload_ids=[(6, 0, (good | bad).ids)])
        self.assertEqual(good.sudo().res_id, 0)

    def test_other_commands_go_through_the_field(self):
        upload = self.upload("qd-12.pdf", self.signed_pdf)
        doc = self.receive(
            upload_ids=[(5, 0, 0), (6, 0, upload.ids), (3, upload.id), (4, upload.id)]
        )
        self.assertEqual(doc.file_ids.sudo().attachment_id, upload)
        self.assertFalse(doc.upload_ids)


@tagged("post_install", "-at_install")
class TestScanUploadKeptAsItCame(IncomingCase):
    """A large scan uploaded to a document keeps its pixels: Odoo resizes images over
    1920 px at upload, which would change the resolution R-IN7 judges and the bytes
    the original's hash stands for."""

    def test_large_scan_is_not_resized(self):
        buffer = io.BytesIO()
        Image.new("RGB", (2480, 3508), "white").save(buffer, "PNG", dpi=(300, 300))
        scan = buffer.getvalue()
        upload = self.upload("scan-a4-300dpi.png", scan)
        self.assertEqual(upload.sudo().raw, scan)
        other = (
            self.env["ir.attachment"]
            .with_user(self.users["clerk"])
            .create({"name": "photo.png", "raw": scan, "res_model": "res.partner"})
        )
        self.assertNotEqual(other.sudo().raw, scan)  # elsewhere Odoo's resize stays
        doc = self.receive(upload_ids=[(6, 0, upload.ids)], channel="paper")
        self.assertEqual(doc.file_ids.sudo().sha256, hashlib.sha256(scan).hexdigest())
