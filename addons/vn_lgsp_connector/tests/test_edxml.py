# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import datetime
import io
import os
import time
import zipfile

from lxml import etree

from odoo.tests import TransactionCase, tagged

from ..tools import edxml

SAMPLES = os.path.join(os.path.dirname(os.path.dirname(__file__)), "tools", "samples")
NS = {"e": edxml.NS}


def _package(**values):
    return edxml.DocumentPackage(
        **dict(
            {
                "from_org": edxml.Organization(
                    organ_id="000.01.41.H29", name="UBND phường A"
                ),
                "to_orgs": [
                    edxml.Organization(organ_id="000.02.41.H29", name="UBND phường B"),
                    edxml.Organization(organ_id="000.00.14.H29", name="Sở Nội vụ"),
                ],
                "document_id": edxml.document_id(
                    "000.01.41.H29", datetime.date(2026, 11, 20), "05/QĐ-UBND"
                ),
                "code_number": "05",
                "code_notation": "QĐ-UBND",
                "place": "Phường A",
                "promulgation_date": datetime.date(2026, 11, 20),
                "type": 1,
                "type_detail": 2,
                "type_name": "Quyết định",
                "subject": "Quyết định giao chỉ tiêu",
                "trace": [("000.01.41.H29", datetime.datetime(2026, 11, 20, 9, 30))],
                "business": edxml.Business(doc_type=0),
                "attachments": [
                    edxml.Attachment(
                        "1", "qd.pdf", "application/pdf", "Quyết định", b"%PDF-1.7 a"
                    ),
                    edxml.Attachment(
                        "2", "phu-luc.pdf", "application/pdf", "Phụ lục", b"%PDF-1.7 b"
                    ),
                ],
            },
            **values,
        )
    )


@tagged("post_install", "-at_install")
class TestEdxml(TransactionCase):
    """R-LG1, R-SEC1: edXML (QCVN 102:2016) packages written as the national layout and
    read as real senders send them; hostile input refused before anything is
    expanded."""

    def test_document_layout(self):
        data = edxml.build_document(_package())
        root = etree.fromstring(data)
        self.assertEqual(root.tag, f"{{{edxml.NS}}}edXML")
        self.assertEqual(root.nsmap.get(None), edxml.NS)
        header = root.find("e:edXMLEnvelope/e:edXMLHeader/e:MessageHeader", NS)
        self.assertEqual(len(header.findall("e:To", NS)), 2, "one To per recipient")
        self.assertEqual(
            header.findtext("e:DocumentId", namespaces=NS),
            "000.01.41.H29,2026/11/20,05/QĐ-UBND",
        )
        self.assertEqual(
            header.findtext("e:PromulgationInfo/e:PromulgationDate", namespaces=NS),
            "2026/11/20",
        )
        trace = root.find("e:edXMLEnvelope/e:edXMLHeader/e:TraceHeaderList", NS)
        self.assertEqual(
            trace.findtext("e:TraceHeader/e:Timestamp", namespaces=NS),
            "2026/11/20 09:30:00",
        )
        self.assertEqual(
            trace.findtext("e:Bussiness/e:BussinessDocType", namespaces=NS), "0"
        )
        references = [
            r.findtext("e:ContentId", namespaces=NS)
            for r in root.iter(f"{{{edxml.NS}}}Reference")
        ]
        attachments = root.findall("e:AttachmentEncoded/e:Attachment", NS)
        self.assertEqual(references, ["cid:1", "cid:2"])
        self.assertEqual(
            [a.findtext("e:ContentId", namespaces=NS) for a in attachments], references
        )
        encoded = attachments[0].findtext("e:ContentTransferEncoded", namespaces=NS)
        self.assertEqual(base64.b64decode(encoded), b"%PDF-1.7 a")
        self.assertIn(
            b"<edXML:MessageHeader", data, "the edXML: prefix of the national layout"
        )

    def test_round_trip_and_status(self):
        parsed = edxml.parse(
            edxml.build_document(
                _package(
                    business=edxml.Business(
                        doc_type=3,
                        reason="Thay thế",
                        replaced_document_ids=["000.01.41.H29,2026/11/01,03/QĐ-UBND"],
                        replacement_organ_ids=["000.02.41.H29"],
                    )
                )
            )
        )
        self.assertEqual(
            [o.organ_id for o in parsed.to_orgs], ["000.02.41.H29", "000.00.14.H29"]
        )
        self.assertEqual(parsed.business.doc_type, 3)
        self.assertEqual(
            parsed.business.replaced_document_ids,
            ["000.01.41.H29,2026/11/01,03/QĐ-UBND"],
        )
        self.assertEqual(
            [a.data for a in parsed.attachments], [b"%PDF-1.7 a", b"%PDF-1.7 b"]
        )
        self.assertTrue(edxml.addressed_to(parsed, "000.00.14.H29"))
        self.assertFalse(edxml.addressed_to(parsed, "000.09.41.H29"))
        status = edxml.parse(
            edxml.build_status(
                edxml.StatusPackage(
                    from_org=edxml.Organization(organ_id="000.02.41.H29"),
                    response_for={
                        "organ_id": "000.01.41.H29",
                        "code": "05/QĐ-UBND",
                        "document_id": parsed.document_id,
                        "promulgation_date": datetime.date(2026, 11, 20),
                    },
                    status_code="03",
                    description="Đã vào sổ",
                    timestamp=datetime.datetime(2026, 11, 21, 8, 0),
                    staff={},
                )
            )
        )
        self.assertEqual(
            (status.status_code, status.response_for["document_id"]),
            ("03", parsed.document_id),
        )

    def test_real_world_variants(self):
        """Child order that varies, cid: present or not, ZIP-wrapped attachments,
        optional organisation details, the package signature in either namespace."""
        names = sorted(n for n in os.listdir(SAMPLES) if n.endswith(".edxml"))
        self.assertGreaterEqual(len(names), 5)
        for name in names:
            with open(os.path.join(SAMPLES, name), "rb") as f:
                package = edxml.parse(f.read())
            self.assertTrue(package.from_org.organ_id, name)
            for attachment in getattr(package, "attachments", []):
                self.assertFalse(
                    attachment.data.startswith(b"PK\x03\x04"), f"{name}: unzipped"
                )

    def assert_refused(self, data, code, limits=None):
        started = time.perf_counter()
        with self.assertRaises(edxml.EdxmlError) as caught:
            edxml.parse(data, limits or edxml.Limits())
        self.assertLess(
            time.perf_counter() - started, 2, "refused before any expansion"
        )
        self.assertEqual(caught.exception.code, code)

    def test_hostile_input(self):
        xxe = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><edXML>&x;</edXML>'
        self.assert_refused(xxe, "dtd")
        laughs = (
            b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
            + b"".join(
                b'<!ENTITY %c "&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;">'
                % ((98 + i,) + (97 + i,) * 10)
                for i in range(8)
            )
            + b"]><edXML>&i;</edXML>"
        )
        self.assert_refused(laughs, "dtd")
        self.assert_refused(b"not xml at all", "not_xml")
        self.assert_refused(
            b"<edXML/>" + b" " * 2048, "too_big", edxml.Limits(max_package_bytes=1024)
        )
        bomb = io.BytesIO()
        with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("a.pdf", b"\0" * (20 * 1024 * 1024))
        data = edxml.build_document(
            _package(
                attachments=[
                    edxml.Attachment(
                        "1", "a.pdf", "application/zip", "", bomb.getvalue()
                    )
                ]
            )
        )
        self.assert_refused(data, "zip_bomb")
        missing = edxml.build_document(_package(subject=""))
        self.assert_refused(missing, "missing_field")
