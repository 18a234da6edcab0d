# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Inputs and zip surgery shared by the SIP_hoso tests."""

import datetime
import hashlib
import io
import posixpath
import uuid
import zipfile

from lxml import etree
from sip_hoso import SipDocument, SipFile

FILE_CODE = "000.00.00.H29.2027.01.TCCB"
CREATED = datetime.datetime(
    2027, 12, 20, 9, 30, 15, 123456, tzinfo=datetime.timezone.utc
)
PACKAGE_UUID = uuid.UUID("6f1c2a4e-8d3b-4c1f-9a77-0b2e5d9c4e11")


def tiny_pdf(text):
    """A minimal one-page PDF (valid structure, no xref offsets checked here)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    return (
        b"%PDF-1.4\n"
        b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
        b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Contents 4 0 R >> endobj\n"
        b"4 0 obj << /Length "
        + str(len(stream)).encode()
        + b" >> stream\n"
        + stream
        + b"\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    )


def trail(ordinal):
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<processTrail doc="{ordinal}"><step at="2027-01-0{ordinal}">Tiếp nhận'
        "</step></processTrail>\n"
    ).encode()


def make_document(ordinal, **changes):
    values = {
        "doc_id": f"{FILE_CODE}.{ordinal}",
        "doc_code": f"{FILE_CODE}{ordinal:07d}",
        "ordinal": ordinal,
        "maintenance": "05",
        "type_name": "01",
        "code_number": str(10 + ordinal),
        "code_notation": "QĐ-UBND",
        "issued_date": datetime.date(2027, 1, ordinal),
        "organ_name": "Ủy ban nhân dân Thành phố Hồ Chí Minh",
        "subject": f"Về việc bổ nhiệm cán bộ số {ordinal}",
        "language": "01",
        "number_of_page": ordinal,
        "mode": "01",
        "confidence_level": "01",
        "description": "",
        "pdf": tiny_pdf(f"Van ban {ordinal}"),
        "trail_xml": trail(ordinal),
    }
    values.update(changes)
    return SipDocument(**values)


def make_file(**changes):
    values = {
        "file_code": FILE_CODE,
        "title": "Hồ sơ bổ nhiệm cán bộ năm 2027",
        "maintenance": "05",
        "mode": "01",
        "languages": ("01",),
        "start_date": datetime.date(2027, 1, 1),
        "end_date": datetime.date(2027, 12, 15),
        "total_doc": 3,
        "number_of_page": 6,
        "description": "Người lập: Nguyễn Văn A",
    }
    values.update(changes)
    return SipFile(**values)


METS_NS = {"mets": "http://www.loc.gov/METS/", "xlink": "http://www.w3.org/1999/xlink"}
HREF = "{http://www.w3.org/1999/xlink}href"


def unzip(data):
    """{name: bytes} of a zip, in its order."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist()}


def rezip(entries):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _rehash(mets_bytes, base, changed):
    """METS bytes with SIZE and CHECKSUM of the files in ``changed`` recomputed."""
    root = etree.fromstring(mets_bytes)
    for link in root.iter("{*}mdRef", "{*}FLocat"):
        path = posixpath.normpath(base + link.get(HREF))
        if path in changed:
            holder = link if link.tag.endswith("mdRef") else link.getparent()
            holder.set("SIZE", str(len(changed[path])))
            holder.set("CHECKSUM", hashlib.sha256(changed[path]).hexdigest().upper())
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def replace_entries(data, changes, *, rehash):
    """The zip with ``changes`` {path inside the package folder: bytes} applied; with
    ``rehash`` the METS files are updated too, so only the content is at fault."""
    entries = unzip(data)
    root = next(iter(entries)).split("/", 1)[0]
    for path, content in changes.items():
        entries[f"{root}/{path}"] = content
    if rehash:
        rep1 = "representations/rep1/METS.xml"
        files = {k[len(root) + 1 :]: v for k, v in entries.items()}
        new_rep1 = _rehash(files[rep1], "representations/rep1/", files)
        entries[f"{root}/{rep1}"] = new_rep1
        files[rep1] = new_rep1
        entries[f"{root}/METS.xml"] = _rehash(files["METS.xml"], "", files)
    return rezip(entries)
