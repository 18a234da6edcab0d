# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import hashlib
import io
import os
import zipfile

from lxml import etree

from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.vn_document_base.tests import pdf_fixtures

from ..tools import edxml
from .test_exchange import QUIET, LgspExchangeCase

NS = {"e": edxml.NS}


def _q(tag):
    return f"{{{edxml.NS}}}{tag}"


def early_layout(data):
    """The standard package ``data`` rewritten as the early gateways send it: files
    under ``edXMLEnvelope/edXMLAttachments/Attachment`` (name, file kind, size,
    base64 in ``AttachmentData``), no manifest, no ``AttachmentEncoded``."""
    root = etree.fromstring(data)
    envelope = root.find("e:edXMLEnvelope", NS)
    body = envelope.find("e:edXMLBody", NS)
    body.remove(body.find("e:edXMLManifest", NS))
    encoded = root.find("e:AttachmentEncoded", NS)
    holder = etree.SubElement(envelope, _q("edXMLAttachments"))
    for attachment in encoded:
        name = attachment.findtext("e:AttachmentName", namespaces=NS)
        payload = attachment.findtext("e:ContentTransferEncoded", namespaces=NS)
        item = etree.SubElement(holder, _q("Attachment"))
        for tag, value in (
            ("AttachmentName", name),
            ("AttachmentType", os.path.splitext(name)[1][1:].upper()),
            ("AttachmentSize", str(len(base64.b64decode(payload)))),
            ("AttachmentData", payload),
        ):
            etree.SubElement(item, _q(tag)).text = value
    root.remove(encoded)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


class _Sink(io.BytesIO):
    """A stream zipfile cannot seek back in: it then writes data descriptors (flag
    bit 3) after deflated data, as Java's ZipOutputStream (VNPT's CompressUtils)
    does."""

    def seek(self, *args):
        raise OSError("not seekable")


def java_zip(name, data):
    sink = _Sink()
    with zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, data)
    return sink.getvalue()


@tagged("post_install", "-at_install")
class TestRealWorldLayouts(LgspExchangeCase):
    """R-LG1, R-SEC1: packages as real senders send them go through the intake end to
    end (the early gateways' edXMLAttachments layout, a ZIP a byte short); a damaged
    ZIP is refused with the connector's normal refusal, its reason told to the
    sender."""

    def zipped_package(self, zipped):
        return self.package(
            attachments=[
                edxml.Attachment("1", "cv.pdf", "application/zip", "Công văn", zipped)
            ]
        )

    def assert_registered_with(self, pdf):
        doc = self.incoming()
        self.assertEqual(len(doc), 1)
        self.assertEqual(
            [(f.name, f.mimetype, f.sha256) for f in doc.file_ids],
            [("cv.pdf", "application/pdf", hashlib.sha256(pdf).hexdigest())],
        )
        self.assertEqual(doc.legal_value, "original", "both signatures validate")
        self.assertTrue(doc.vn_lgsp_message_id.acknowledged)
        return doc

    @mute_logger(*QUIET)
    def test_early_gateway_layout_becomes_an_incoming_document(self):
        """The files of an edXMLAttachments package are read, checked and kept; the
        raw package is kept as received."""
        pdf = pdf_fixtures.make_two_signature_pdf()
        package = self.package()
        package.attachments[0].data = pdf
        raw = early_layout(edxml.build_document(package))
        self.assertIn(b"<edXML:AttachmentData>", raw)
        self.assertNotIn(b"AttachmentEncoded", raw)
        self.send_from_b(raw=raw)
        self.assertEqual(self.exchange._cron_poll(), 1)
        doc = self.assert_registered_with(pdf)
        kept = self.env["ir.attachment"].search(
            [
                ("res_model", "=", doc._name),
                ("res_id", "=", doc.id),
                ("mimetype", "=", "application/xml"),
            ]
        )
        self.assertEqual(kept.raw, raw)

    @mute_logger(*QUIET)
    def test_byte_short_zip_is_recovered(self):
        """A ZIP-wrapped file whose end record is a byte short (zipfile cannot open
        it) is read from its local headers and stored."""
        pdf = pdf_fixtures.make_two_signature_pdf()
        short = java_zip("5d0c2f4e.pdf", pdf)[:-1]
        with self.assertRaises(zipfile.BadZipFile):
            zipfile.ZipFile(io.BytesIO(short))
        self.send_from_b(self.zipped_package(short))
        self.assertEqual(self.exchange._cron_poll(), 1)
        self.assert_registered_with(pdf)

    @mute_logger(*QUIET)
    def test_damaged_zip_entry_is_refused_and_the_sender_told_why(self):
        """A ZIP whose entry is damaged (CRC-32 mismatch), directory intact or cut:
        no document, the message refused with the reason, the platform's
        acknowledgement "fail" carries it to the sender."""
        pdf = pdf_fixtures.make_two_signature_pdf()
        for cut in (0, 1):
            zipped = bytearray(java_zip("5d0c2f4e.pdf", pdf))
            zipped[len(zipped) // 2] ^= 0xFF
            self.send_from_b(self.zipped_package(bytes(zipped[: len(zipped) - cut])))
        self.exchange._cron_poll()
        self.assertFalse(self.incoming())
        messages = self.env["vn.lgsp.message"].search(
            [("direction", "=", "in")], order="id"
        )
        self.assertEqual(messages.mapped("state"), ["refused", "refused"])
        self.assertTrue(all(messages.mapped("acknowledged")))
        for message in messages:
            self.assertIn("cv.pdf", message.last_error)
            # the reason goes to the sender in Vietnamese, with the entry's cause
            self.assertIn("bị hỏng", message.last_error)
            self.assertIn("CRC-32 mismatch", message.last_error)
        rows = self.peer.sent_list()
        self.assertEqual([row["ackStatus"] for row in rows], ["fail", "fail"])
        self.assertEqual(
            sorted(row["receiveStatusDesc"] for row in rows),
            sorted(messages.mapped("last_error")),
        )
