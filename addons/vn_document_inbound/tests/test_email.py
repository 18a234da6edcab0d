# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from email.message import EmailMessage

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .test_incoming import EICAR, IncomingCase


@tagged("post_install", "-at_install")
class TestReceiveByEmail(IncomingCase):
    """R-IN1: an e-mail to the agency's alias becomes a received document, its files
    checked."""

    def _mail(self, *files):
        message = EmailMessage()
        message["From"] = "Sở Tư pháp <stp@example.gov.vn>"
        message["To"] = "vanbanden@example.gov.vn"
        message["Subject"] = "Gửi Công văn số 45/STP-VP về việc phối hợp"
        message["Message-Id"] = f"<{len(files)}-{id(files)}@example.gov.vn>"
        message.set_content("Kính gửi Ủy ban nhân dân phường.")
        for name, data in files:
            message.add_attachment(
                data, maintype="application", subtype="octet-stream", filename=name
            )
        return message.as_bytes()

    def _process(self, raw):
        doc_id = self.env["mail.thread"].message_process("vn.document.incoming", raw)
        return self.env["vn.document.incoming"].browse(doc_id)

    def test_email_with_signed_pdf(self):
        doc = self._process(self._mail(("cv-45.pdf", self.signed_pdf)))
        self.assertEqual(doc.channel, "email")
        self.assertEqual(doc.state, "received")
        self.assertEqual(doc.sender_id, self.sender)
        self.assertEqual(doc.subject, "Gửi Công văn số 45/STP-VP về việc phối hợp")
        self.assertEqual(doc.legal_value, "original")
        self.assertEqual(doc.file_ids.name, "cv-45.pdf")
        # The raw attachment did not reach the chatter unchecked.
        self.assertFalse(doc.message_ids.attachment_ids)
        doc.with_user(self.users["clerk"]).action_register()
        self.assertTrue(doc.arrival_number)

    @mute_logger("odoo.addons.vn_document_base.models.vn_file_check")
    def test_email_with_malware_keeps_no_file(self):
        doc = self._process(
            self._mail(("cv-45.pdf", self.signed_pdf), ("virus.pdf", EICAR))
        )
        self.assertFalse(doc.file_ids)
        self.assertFalse(
            self.env["ir.attachment"].search(
                [("res_model", "=", doc._name), ("res_id", "=", doc.id)]
            )
        )
        self.assertIn("virus.pdf", doc.trail_ids[-1].note)
        # The anomaly goes to the records clerks (R-IN3).
        notice = doc.message_ids.filtered(
            lambda m: self.users["clerk"].partner_id in m.partner_ids
        )
        self.assertIn("virus.pdf", notice.body)
        # In Vietnamese, whatever the language of the e-mail gateway (here English).
        self.assertEqual(self.env.lang or "en_US", "en_US")
        self.assertNotIn("Files refused", notice.body)
        with self.assertRaises(UserError):  # no checked file: cannot be registered
            doc.with_user(self.users["clerk"]).action_register()
