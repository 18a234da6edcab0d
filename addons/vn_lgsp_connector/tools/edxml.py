# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""edXML packages of QCVN 102:2016: build and parse (pure Python, lxml only).

Layout and field names follow shared/docs/EDXML.md (§1 document package,
§2 status package, §4.3 document identifier).

* :func:`build_document` / :func:`build_status` emit the VNPT layout: root
  ``edXML`` with the QCVN namespace as default namespace, ``edXML:`` prefix
  inside the envelope, unprefixed ``AttachmentEncoded``/``Attachment``,
  dates ``yyyy/MM/dd`` and timestamps ``yyyy/MM/dd HH:mm:ss`` (Vietnam local
  time, naive), attachments as raw base64 (not zipped) with their real type.
  Package signing is out of scope: no ``Signature`` element is emitted.
* :func:`parse` reads what real senders produce: namespace-aware but by local
  name, any child order, QCVN namespace or none, ``cid:`` on either side or
  not, optional organisation details, ZIP-wrapped attachments or raw ones.
  ``signed`` only says a ``Signature`` element was present (QCVN or XML-DSig
  namespace); it is never verified here.

Hostile input is refused before anything is expanded: size and tag-count
checks on the raw bytes, then a scan of the prolog that rejects any
DOCTYPE/DTD (so no external entity, entity expansion or external DTD ever
reaches the XML parser), then a parser with entities, DTD loading and the
network off, then a check that the tree has no DOCTYPE and no entity node.
ZIP-wrapped attachments are inflated in bounded chunks; a ZIP whose central directory
is damaged or cut short is read from its local headers, bounded the same way.

Errors are :class:`EdxmlError` with a machine-readable ``code`` (see
:data:`ERROR_CODES`).  The parser never writes files; the caller keeps the
raw bytes.
"""

import base64
import binascii
import contextlib
import datetime
import io
import mimetypes
import os
import re
import struct
import uuid
import zipfile
import zlib
from dataclasses import dataclass, field

from lxml import etree

NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
DSIG_NS = "http://www.w3.org/2000/09/xmldsig#"
PREFIX = "edXML"

MB = 1024 * 1024
DATE_FORMAT = "%Y/%m/%d"
TIMESTAMP_FORMAT = "%Y/%m/%d %H:%M:%S"
VN_TZ = datetime.timezone(datetime.timedelta(hours=7))
ZIP_MAGIC = b"PK\x03\x04"
BASE64_SPACES = b" \t\n\r\x0b\x0c"
ZIP_CHUNK = 64 * 1024

ERROR_CODES = (
    "dtd",
    "entity",
    "not_xml",
    "too_big",
    "attachment_too_big",
    "too_many_attachments",
    "zip_bomb",
    "zip_invalid",
    "zip_damaged",
    "missing_field",
    "bad_namespace",
    "bad_attachment",
    "cid_mismatch",
)

# BussinessDocType -> default BussinessDocReason (texts of the S1 samples).
BUSINESS_REASONS = {
    0: "Văn bản điện tử mới",
    1: "Thu hồi văn bản điện tử",
    2: "Cập nhật văn bản điện tử",
    3: "Văn bản thay thế",
}

ZIP_TYPES = ("application/zip", "application/x-zip-compressed", "application/x-zip")
# File kinds that are themselves ZIP files, so ``PK`` alone does not mean "wrapped".
ZIP_CONTAINER_EXTS = (
    ".docx",
    ".docm",
    ".dotx",
    ".xlsx",
    ".xlsm",
    ".xltx",
    ".pptx",
    ".pptm",
    ".odt",
    ".ods",
    ".odp",
    ".odg",
    ".epub",
    ".jar",
    ".apk",
    ".kmz",
)
# Pseudo MIME names of the VNPT library (EDXML.md §1.4) -> IANA types.
_OOXML = "application/vnd.openxmlformats-officedocument."
VNPT_TYPES = {
    "application/doc": "application/msword",
    "application/docx": _OOXML + "wordprocessingml.document",
    "application/xsl": "application/vnd.ms-excel",
    "application/xls": "application/vnd.ms-excel",
    "application/xslx": _OOXML + "spreadsheetml.sheet",
    "application/xlsx": _OOXML + "spreadsheetml.sheet",
    "unk": "",
}
XML_ENCODINGS = (
    "utf-8",
    "utf8",
    "utf-16",
    "utf-16le",
    "utf-16be",
    "us-ascii",
    "ascii",
    "iso-8859-1",
    "latin1",
    "latin-1",
    "windows-1252",
    "cp1252",
    "windows-1258",
    "cp1258",
)
_BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
)
_NO_BOM = (
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00<\x00?", "utf-16-be"),
    (b"<\x00?\x00", "utf-16-le"),
)
_SPACE = re.compile(rb"[ \t\r\n]*")
_ENCODING = re.compile(rb"""encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


# ---------------------------------------------------------------- data model


class EdxmlError(Exception):
    """Refused or malformed package; ``code`` is one of :data:`ERROR_CODES`."""

    def __init__(self, code, detail=""):
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class Limits:
    """Hostile-input limits of :func:`parse` (bytes are MiB-based)."""

    max_package_bytes: int = 60 * MB
    max_attachment_bytes: int = 50 * MB
    max_attachments: int = 50
    max_zip_ratio: int = 100
    max_zip_entries: int = 1
    # Additions: below this size a high ZIP ratio is harmless (small text files).
    zip_ratio_grace_bytes: int = 1 * MB
    # Sum of all decoded/inflated attachments of one package.
    max_total_attachment_bytes: int = 250 * MB
    # Number of "<" in the raw bytes (tags, comments, PIs): caps the tree size.
    max_xml_tags: int = 20000


@dataclass
class Organization:
    organ_id: str
    name: str = ""
    in_charge: str = ""
    address: str = ""
    email: str = ""
    telephone: str = ""
    fax: str = ""
    website: str = ""


@dataclass
class Attachment:
    """One file; ``data`` holds the real file bytes (base64-decoded, unzipped)."""

    content_id: str
    name: str
    content_type: str
    description: str
    data: bytes


@dataclass
class Business:
    """``TraceHeaderList/Bussiness``: 0 new, 1 recall, 2 update, 3 replace."""

    doc_type: int = 0
    document_id: str = ""
    reason: str = ""
    paper: int = 0
    replaced_document_ids: list = field(default_factory=list)
    replacement_organ_ids: list = field(default_factory=list)
    update_document_info: int = 0
    update_receivers: int = 0
    staff: dict = field(default_factory=dict)
    # Addition: update (2) ReceiverList as [(organ_id, receiver_type)].
    receivers: list = field(default_factory=list)


@dataclass
class DocumentPackage:
    from_org: Organization
    to_orgs: list
    document_id: str
    code_number: str
    code_notation: str
    place: str
    promulgation_date: datetime.date
    type: int
    type_detail: int
    type_name: str
    subject: str
    content: str = ""
    signer_competence: str = ""
    signer_position: str = ""
    signer_name: str = ""
    due_date: datetime.date = None
    to_places: list = field(default_factory=list)
    priority: int = 0
    sphere: str = ""
    typer_notation: str = ""
    promulgation_amount: int = 0
    page_amount: int = 0
    appendixes: list = field(default_factory=list)
    response_for: list = field(default_factory=list)
    steering_type: int = 0
    trace: list = field(default_factory=list)
    business: Business = field(default_factory=Business)
    attachments: list = field(default_factory=list)
    signed: bool = False


@dataclass
class StatusPackage:
    from_org: Organization
    response_for: dict
    status_code: str
    description: str = ""
    timestamp: datetime.datetime = None
    staff: dict = field(default_factory=dict)


# ------------------------------------------------------------------ helpers


def document_id(organ_id, issue_date, number_symbol):
    """``<OrganId>,<yyyy/MM/dd>,<number/notation>`` (EDXML.md §4.3)."""
    return "{},{},{}".format(
        (organ_id or "").strip(),
        format_date(issue_date),
        (number_symbol or "").strip(),
    )


def format_date(value):
    """``yyyy/MM/dd`` of a date/datetime ('' for None; strings kept)."""
    if not value:
        return ""
    if isinstance(value, str):
        return value
    return f"{value.year:04d}/{value.month:02d}/{value.day:02d}"


def format_timestamp(value):
    """``yyyy/MM/dd HH:mm:ss``; aware datetimes are shown in Vietnam time."""
    if value.tzinfo is not None:
        value = value.astimezone(VN_TZ)
    return (
        f"{format_date(value)} {value.hour:02d}:{value.minute:02d}:{value.second:02d}"
    )


def parse_date(text):
    """A date from ``yyyy/MM/dd`` or ``yyyy-MM-dd`` (a time part is ignored); None if
    unreadable."""
    text = (text or "").strip().split(" ")[0].split("T")[0]
    for fmt in ("%Y/%m/%d", "%Y-%m-%d"):
        with contextlib.suppress(ValueError):
            return datetime.datetime.strptime(text, fmt).date()
    return None


def parse_timestamp(text):
    """A naive datetime from ``yyyy/MM/dd HH:mm:ss`` (or ISO-like); None if
    unreadable."""
    text = (text or "").strip()
    for fmt in (
        "%Y/%m/%d %H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
        "%Y/%m/%d %H:%M",
        "%Y-%m-%d %H:%M",
    ):
        with contextlib.suppress(ValueError):
            return datetime.datetime.strptime(text[:19], fmt)
    day = parse_date(text)
    return datetime.datetime.combine(day, datetime.time()) if day else None


def strip_cid(content_id):
    """The id without ``cid:`` and angle brackets, for matching."""
    value = (content_id or "").strip()
    if value[:4].lower() == "cid:":
        value = value[4:]
    return value.strip().strip("<>").strip()


def addressed_to(pkg, organ_id):
    """True when ``organ_id`` is a recipient of the package.

    Documents: one of the ``To``.  Statuses: ``ResponseFor/OrganId``, which
    is the addressee both for receiver statuses (01-06, 15, 16) and for the
    sender's take-back request 13 (EDXML.md §2.1).
    """
    wanted = _norm_id(organ_id)
    if not wanted:
        return False
    if isinstance(pkg, StatusPackage):
        return _norm_id((pkg.response_for or {}).get("organ_id")) == wanted
    return any(_norm_id(org.organ_id) == wanted for org in pkg.to_orgs)


def _norm_id(value):
    return (value or "").strip().upper()


def _int(text, default=0):
    try:
        return int((text or "").strip())
    except ValueError:
        return default


def _clean(value):
    """Text safe for XML (control characters dropped)."""
    return _XML_INVALID.sub("", "" if value is None else str(value))


def _guess_type(name):
    return mimetypes.guess_type(name or "")[0] or "application/octet-stream"


def _real_type(content_type, name):
    """IANA type: VNPT pseudo types mapped, empty/unknown guessed from the name."""
    value = (content_type or "").strip()
    value = VNPT_TYPES.get(value.lower(), value)
    return value or _guess_type(name)


# ------------------------------------------------------------------ building


def _q(tag):
    return f"{{{NS}}}{tag}"


def _sub(parent, tag, text=None, nsmap=None):
    """Child element in the QCVN namespace (prefix chosen by the nsmap in scope)."""
    if nsmap:
        element = etree.SubElement(parent, _q(tag), nsmap=nsmap)
    else:
        element = etree.SubElement(parent, _q(tag))
    if text is not None:
        element.text = _clean(text)
    return element


def _skeleton():
    """``edXML`` root, envelope and header; returns (root, envelope, header)."""
    root = etree.Element(_q("edXML"), nsmap={None: NS})
    envelope = _sub(root, "edXMLEnvelope", nsmap={PREFIX: NS})
    header = _sub(envelope, "edXMLHeader")
    return root, envelope, header


def _serialize(root):
    body = etree.tostring(
        root, encoding="UTF-8", xml_declaration=False, pretty_print=True
    )
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body


def _add_org(parent, tag, org):
    """Organization block; optional details only when filled."""
    element = _sub(parent, tag)
    _sub(element, "OrganId", org.organ_id)
    for child, value in (
        ("OrganizationInCharge", org.in_charge),
        ("OrganName", org.name),
        ("OrganAdd", org.address),
        ("Email", org.email),
        ("Telephone", org.telephone),
        ("Fax", org.fax),
        ("Website", org.website),
    ):
        if value:
            _sub(element, child, value)
    return element


def _add_staff(parent, staff, order=("department", "staff", "email", "mobile")):
    if not staff or not any(staff.get(key) for key in order):
        return
    element = _sub(parent, "StaffInfo")
    for key in order:
        _sub(element, key.capitalize(), staff.get(key) or "")


def _add_response_for(parent, response):
    element = _sub(parent, "ResponseFor")
    _sub(element, "OrganId", response.get("organ_id") or "")
    _sub(element, "Code", response.get("code") or "")
    _sub(element, "PromulgationDate", format_date(response.get("promulgation_date")))
    _sub(element, "DocumentId", response.get("document_id") or "")


def _sender(pkg):
    return pkg.from_org or Organization(organ_id="")


def _require(value, name):
    if not (value.strip() if isinstance(value, str) else value):
        raise EdxmlError("missing_field", name)


def check_document(pkg):
    """Raise EdxmlError("missing_field") when a field :func:`parse` requires is
    empty."""
    _require(pkg.from_org and pkg.from_org.organ_id, "From/OrganId")
    if not any(org.organ_id for org in pkg.to_orgs or ()):
        raise EdxmlError("missing_field", "To/OrganId")
    _require(pkg.subject, "Subject")
    if not (pkg.code_number or pkg.document_id):
        raise EdxmlError("missing_field", "CodeNumber")
    if not pkg.promulgation_date:
        raise EdxmlError("missing_field", "PromulgationDate")


def build_document(pkg):
    """The .edxml bytes of a document package (VNPT layout, EDXML.md §1.1).

    ``document_id`` defaults to :func:`document_id` of sender, date and
    number/notation; an empty ``trace`` gets one entry for the sender at the
    current time; an empty business reason gets the sample text of its type.
    No Signature element is emitted (package signing is out of scope).
    Nothing is validated here: call :func:`check_document` first if needed.
    """
    doc_id = pkg.document_id or document_id(
        _sender(pkg).organ_id,
        pkg.promulgation_date,
        "/".join(part for part in (pkg.code_number, pkg.code_notation) if part),
    )
    root, envelope, header = _skeleton()
    _build_message_header(header, pkg, doc_id)
    _build_trace(header, pkg, doc_id)
    attachments = [
        (strip_cid(att.content_id) or str(uuid.uuid4()), att)
        for att in pkg.attachments or ()
    ]
    manifest = _sub(_sub(envelope, "edXMLBody"), "edXMLManifest")
    manifest.set("version", "1.0")
    for cid, att in attachments:
        ref = _sub(manifest, "Reference")
        _sub(ref, "ContentId", "cid:" + cid)
        _sub(ref, "ContentType", _real_type(att.content_type, att.name))
        _sub(ref, "Description", att.description or "")
        _sub(ref, "AttachmentName", att.name)
    encoded = _sub(root, "AttachmentEncoded")
    for cid, att in attachments:
        item = _sub(encoded, "Attachment")
        _sub(item, "ContentId", "cid:" + cid)
        _sub(item, "AttachmentName", att.name)
        _sub(item, "Description", att.description or "")
        _sub(item, "ContentType", _real_type(att.content_type, att.name))
        payload = _sub(item, "ContentTransferEncoded", nsmap={PREFIX: NS})
        payload.text = base64.b64encode(att.data or b"").decode("ascii")
    return _serialize(root)


def _build_message_header(header, pkg, doc_id):
    mh = _sub(header, "MessageHeader")
    _add_org(mh, "From", _sender(pkg))
    for org in pkg.to_orgs or ():
        if org.organ_id:
            _add_org(mh, "To", org)
    _sub(mh, "DocumentId", doc_id)
    code = _sub(mh, "Code")
    _sub(code, "CodeNumber", pkg.code_number or "")
    _sub(code, "CodeNotation", pkg.code_notation or "")
    promulgation = _sub(mh, "PromulgationInfo")
    _sub(promulgation, "Place", pkg.place or "")
    _sub(promulgation, "PromulgationDate", format_date(pkg.promulgation_date))
    doc_type = _sub(mh, "DocumentType")
    _sub(doc_type, "Type", int(pkg.type or 0))
    _sub(doc_type, "TypeDetail", int(pkg.type_detail or 0))
    _sub(doc_type, "TypeName", pkg.type_name or "")
    _sub(mh, "Subject", pkg.subject)
    _sub(mh, "Content", pkg.content or "")
    signer = _sub(mh, "SignerInfo")
    _sub(signer, "Competence", pkg.signer_competence or "")
    _sub(signer, "Position", pkg.signer_position or "")
    _sub(signer, "FullName", pkg.signer_name or "")
    if pkg.due_date:
        _sub(mh, "DueDate", format_date(pkg.due_date))
    other = _sub(mh, "OtherInfo")
    _sub(other, "Priority", int(pkg.priority or 0))
    _sub(other, "SphereOfPromulgation", pkg.sphere or "")
    _sub(other, "TyperNotation", pkg.typer_notation or "")
    _sub(other, "PromulgationAmount", int(pkg.promulgation_amount or 0))
    _sub(other, "PageAmount", int(pkg.page_amount or 0))
    _sub(other, "Direction", "false")
    if pkg.appendixes:
        appendixes = _sub(other, "Appendixes")
        for name in pkg.appendixes:
            _sub(appendixes, "Appendix", name)
    for response in pkg.response_for or ():
        _add_response_for(mh, response)
    _sub(mh, "SteeringType", int(pkg.steering_type or 0))
    if pkg.to_places:
        places = _sub(mh, "ToPlaces")
        for place in pkg.to_places:
            _sub(places, "Place", place)


def _build_trace(header, pkg, doc_id):
    trace_list = _sub(header, "TraceHeaderList")
    trace = pkg.trace or [(_sender(pkg).organ_id, datetime.datetime.now(VN_TZ))]
    for organ_id, when in trace:
        entry = _sub(trace_list, "TraceHeader")
        _sub(entry, "OrganId", organ_id or "")
        _sub(entry, "Timestamp", format_timestamp(when) if when else "")
    business = pkg.business or Business()
    doc_type = int(business.doc_type or 0)
    element = _sub(trace_list, "Bussiness")
    _sub(element, "DocumentId", business.document_id or doc_id)
    _sub(element, "BussinessDocType", doc_type)
    _sub(
        element,
        "BussinessDocReason",
        business.reason or BUSINESS_REASONS.get(doc_type, ""),
    )
    _sub(element, "Paper", int(business.paper or 0))
    if doc_type == 2:
        info = _sub(element, "BussinessDocumentInfo")
        _sub(info, "DocumentInfo", int(business.update_document_info or 0))
        _sub(info, "DocumentReceiver", int(business.update_receivers or 0))
        receivers = _sub(info, "ReceiverList")
        for organ_id, receiver_type in business.receivers or ():
            receiver = _sub(receivers, "Receiver")
            _sub(receiver, "OrganId", organ_id)
            _sub(receiver, "ReceiverType", int(receiver_type or 0))
    if doc_type == 3:
        replacements = _sub(element, "ReplacementInfoList")
        for replaced_id in business.replaced_document_ids or ():
            info = _sub(replacements, "ReplacementInfo")
            _sub(info, "DocumentId", replaced_id)
            organs = _sub(info, "OrganIdList")
            for organ_id in business.replacement_organ_ids or ():
                _sub(organs, "OrganId", organ_id)
    _add_staff(element, business.staff)


def build_status(pkg):
    """The .edxml bytes of a status package (EDXML.md §2.1); timestamp defaults to now.

    ResponseFor is written as given, even empty (a refusal of an unreadable package).
    """
    code = normalize_status_code(pkg.status_code)
    response = pkg.response_for or {}
    root, _envelope, header = _skeleton()
    mh = _sub(header, "MessageHeader")
    _add_org(mh, "From", _sender(pkg))
    _add_response_for(mh, response)
    _add_staff(mh, pkg.staff, order=("department", "staff", "mobile", "email"))
    _sub(mh, "StatusCode", code)
    _sub(mh, "Description", pkg.description or "")
    _sub(
        mh, "Timestamp", format_timestamp(pkg.timestamp or datetime.datetime.now(VN_TZ))
    )
    return _serialize(root)


def normalize_status_code(code):
    """Two-digit status code (``1`` -> ``01``); non-numeric codes kept as given."""
    code = ("" if code is None else str(code)).strip()
    return code.zfill(2) if code.isdigit() else code


# --------------------------------------------------- hostile-input guards


def _scan_view(data):
    """Bytes to scan for markup: the data when ASCII-compatible, else re-encoded to
    UTF-8."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, "replace").encode("utf-8")
    for head, encoding in _NO_BOM:
        if data.startswith(head):
            return data.decode(encoding, "replace").encode("utf-8")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:]
    return data


def _strip_leading_junk(data):
    """Drop whitespace or a short stray token before ``<?xml`` (seen in an S1
    sample)."""
    if data[:1] == b"<" or data.startswith(b"\xef\xbb\xbf<"):
        return data
    start = data.find(b"<?xml", 0, 64)
    if start > 0 and b"<" not in data[:start] and b"\x00" not in data[:start]:
        return data[start:]
    return data


def _check_prolog(view):
    """Refuse any DOCTYPE/DTD before the root element, and exotic encodings."""
    pos, size = 0, len(view)
    while pos < size:
        pos = _SPACE.match(view, pos).end()
        if view.startswith(b"<?", pos):
            end = view.find(b"?>", pos + 2)
            if end < 0:
                raise EdxmlError("not_xml", "unterminated processing instruction")
            if view.startswith(b"<?xml", pos):
                match = _ENCODING.search(view, pos, end)
                if (
                    match
                    and match.group(1).decode("ascii").lower() not in XML_ENCODINGS
                ):
                    raise EdxmlError(
                        "not_xml",
                        "unsupported encoding {}".format(
                            match.group(1).decode("ascii")
                        ),
                    )
            pos = end + 2
        elif view.startswith(b"<!--", pos):
            end = view.find(b"-->", pos + 4)
            if end < 0:
                raise EdxmlError("not_xml", "unterminated comment")
            pos = end + 3
        elif view.startswith(
            b"<!", pos
        ):  # DOCTYPE, with or without entity declarations
            raise EdxmlError("dtd", "DOCTYPE/DTD/ENTITY declarations are not accepted")
        elif view.startswith(b"<", pos):
            return
        else:
            raise EdxmlError("not_xml", "text before the root element")
    raise EdxmlError("not_xml", "no root element")


def _xml_parser():
    """The only parser used: no entity substitution, no DTD, no network."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
    )


def _parse_tree(data):
    """Parse checked bytes; refuse a tree that still has a DOCTYPE or entity nodes."""
    try:
        root = etree.fromstring(data, _xml_parser())
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise EdxmlError("not_xml", str(exc)[:300]) from None
    if root is None:
        raise EdxmlError("not_xml", "empty document")
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        raise EdxmlError("dtd", "DOCTYPE/DTD declarations are not accepted")
    for _node in root.iter(etree.Entity):
        raise EdxmlError("entity", "entity references are not accepted")
    return root


def _load(data, limits):
    """Size, tag-count and prolog checks on the raw bytes, then the parse."""
    if isinstance(data, str):
        raise TypeError("parse() takes bytes, not str")
    if len(data) > limits.max_package_bytes:  # first, before any copy or scan
        raise EdxmlError("too_big", f"{len(data)} bytes > {limits.max_package_bytes}")
    data = bytes(data)
    if not data.strip():
        raise EdxmlError("not_xml", "empty")
    data = _strip_leading_junk(data)
    view = _scan_view(data)
    if view.count(b"<") > limits.max_xml_tags:
        raise EdxmlError("too_big", f"more than {limits.max_xml_tags} tags")
    _check_prolog(view)
    return _parse_tree(data)


# -------------------------------------------------------------- tree reading


def _local(element):
    return etree.QName(element).localname.lower()


def _ours(element, extra=()):
    """An element in the QCVN namespace or in none (or in ``extra``)."""
    if not isinstance(element.tag, str):
        return False
    namespace = etree.QName(element).namespace
    return namespace in (None, "", NS) or namespace in extra


def _children(parent, *names):
    """Direct children with one of the local names (case-insensitive)."""
    if parent is None:
        return []
    wanted = {name.lower() for name in names}
    return [child for child in parent if _ours(child) and _local(child) in wanted]


def _child(parent, *path):
    """Follow a path of local names, first match at each step (None if absent)."""
    for step in path:
        names = step if isinstance(step, tuple) else (step,)
        found = _children(parent, *names)
        if not found:
            return None
        parent = found[0]
    return parent


def _text(parent, *path):
    element = _child(parent, *path)
    return (element.text or "").strip() if element is not None else ""


def _descendant(root, name):
    """First element (document order) with that local name, root included."""
    name = name.lower()
    for element in root.iter():
        if _ours(element) and _local(element) == name:
            return element
    return None


def _read_org(element):
    if element is None:
        return None
    return Organization(
        organ_id=_text(element, "OrganId"),
        name=_text(element, "OrganName"),
        in_charge=_text(element, "OrganizationInCharge"),
        address=_text(element, "OrganAdd"),
        email=_text(element, "Email"),
        telephone=_text(element, "Telephone"),
        fax=_text(element, "Fax"),
        website=_text(element, "Website"),
    )


def _read_staff(element):
    if element is None:
        return {}
    return {
        key: _text(element, key) for key in ("department", "staff", "email", "mobile")
    }


def _read_response_for(element):
    return {
        "organ_id": _text(element, "OrganId"),
        "code": _text(element, "Code"),
        "promulgation_date": parse_date(_text(element, "PromulgationDate")),
        "document_id": _text(element, "DocumentId"),
    }


def _field(parent, group, name):
    """``group/name``, or ``name`` directly under ``parent`` (flattened senders)."""
    return _text(parent, group, name) or _text(parent, name)


def _check_root(root):
    namespace = etree.QName(root).namespace
    if namespace not in (None, "", NS):
        raise EdxmlError("bad_namespace", namespace)
    if _local(root) not in ("edxml", "edxmlenvelope"):
        raise EdxmlError("missing_field", "edXML")


def _has_signature(root):
    for element in root.iter():
        if _ours(element, (DSIG_NS,)) and _local(element) == "signature":
            return True
    return False


# ------------------------------------------------------------------ parsing


def parse(data, limits=Limits()):
    """Parse .edxml bytes into a :class:`DocumentPackage` or :class:`StatusPackage`.

    A package is a status when its ``MessageHeader`` has a ``StatusCode``.
    Raises :class:`EdxmlError`; nothing is fetched, expanded or written.
    """
    limits = limits or Limits()
    root = _load(data, limits)
    _check_root(root)
    header = _descendant(root, "MessageHeader")
    if header is None:
        raise EdxmlError("missing_field", "MessageHeader")
    if _child(header, "StatusCode") is not None:
        return _parse_status(header)
    return _parse_document(root, header, limits)


def _parse_status(mh):
    from_org = _read_org(_child(mh, "From"))
    if not from_org or not from_org.organ_id:
        raise EdxmlError("missing_field", "From/OrganId")
    code = normalize_status_code(_text(mh, "StatusCode"))
    if not code:
        raise EdxmlError("missing_field", "StatusCode")
    response_for = _read_response_for(_child(mh, "ResponseFor"))
    if not response_for["document_id"]:
        # A status about no document would match whatever has no identifier: refused
        # here.
        raise EdxmlError("missing_field", "ResponseFor/DocumentId")
    return StatusPackage(
        from_org=from_org,
        response_for=response_for,
        status_code=code,
        description=_text(mh, "Description"),
        timestamp=parse_timestamp(_text(mh, "Timestamp")),
        staff=_read_staff(_child(mh, "StaffInfo")),
    )


def _parse_document(root, mh, limits):
    from_org = _read_org(_child(mh, "From"))
    if not from_org or not from_org.organ_id:
        raise EdxmlError("missing_field", "From/OrganId")
    to_orgs = [org for org in map(_read_org, _children(mh, "To")) if org.organ_id]
    if not to_orgs:
        raise EdxmlError("missing_field", "To/OrganId")
    subject = _text(mh, "Subject")
    if not subject:
        raise EdxmlError("missing_field", "Subject")
    code_number = _field(mh, "Code", "CodeNumber")
    doc_id = _text(mh, "DocumentId")
    if not doc_id:
        # Recalls, updates, statuses and duplicates are matched on it: never on an empty
        # one.
        raise EdxmlError("missing_field", "DocumentId")
    responses = [_read_response_for(el) for el in _children(mh, "ResponseFor")]
    trace_list = _descendant(root, "TraceHeaderList")
    return DocumentPackage(
        from_org=from_org,
        to_orgs=to_orgs,
        document_id=doc_id,
        code_number=code_number,
        code_notation=_field(mh, "Code", "CodeNotation"),
        place=_field(mh, "PromulgationInfo", "Place"),
        promulgation_date=parse_date(
            _field(mh, "PromulgationInfo", "PromulgationDate")
        ),
        type=_int(_field(mh, "DocumentType", "Type")),
        type_detail=_int(_field(mh, "DocumentType", "TypeDetail")),
        type_name=_field(mh, "DocumentType", "TypeName"),
        subject=subject,
        content=_text(mh, "Content"),
        signer_competence=_text(mh, "SignerInfo", "Competence"),
        signer_position=_text(mh, "SignerInfo", "Position"),
        signer_name=_text(mh, "SignerInfo", "FullName"),
        due_date=parse_date(_text(mh, "DueDate")),
        to_places=[
            (el.text or "").strip() for el in _children(_child(mh, "ToPlaces"), "Place")
        ],
        priority=_int(_text(mh, "OtherInfo", "Priority")),
        sphere=_text(mh, "OtherInfo", "SphereOfPromulgation"),
        typer_notation=_text(mh, "OtherInfo", "TyperNotation"),
        promulgation_amount=_int(_text(mh, "OtherInfo", "PromulgationAmount")),
        page_amount=_int(_text(mh, "OtherInfo", "PageAmount")),
        appendixes=[
            (el.text or "").strip()
            for el in _children(_child(mh, "OtherInfo", "Appendixes"), "Appendix")
        ],
        response_for=[
            r for r in responses if r["organ_id"] or r["document_id"] or r["code"]
        ],
        steering_type=_int(_text(mh, "SteeringType")),
        trace=[
            (_text(el, "OrganId"), parse_timestamp(_text(el, "Timestamp")))
            for el in _children(trace_list, "TraceHeader")
        ],
        business=_parse_business(_child(trace_list, ("Bussiness", "Business"))),
        attachments=_parse_attachments(root, limits),
        signed=_has_signature(root),
    )


def _parse_business(element):
    if element is None:
        return Business()
    replaced, organs = [], []
    for info in _children(_child(element, "ReplacementInfoList"), "ReplacementInfo"):
        replaced.append(_text(info, "DocumentId"))
        for organ in _children(_child(info, "OrganIdList"), "OrganId"):
            value = (organ.text or "").strip()
            if value and value not in organs:
                organs.append(value)
    update = _child(element, ("BussinessDocumentInfo", "BusinessDocumentInfo"))
    receivers = [
        (_text(el, "OrganId"), _int(_text(el, "ReceiverType")))
        for el in _children(_child(update, "ReceiverList"), "Receiver")
    ]
    return Business(
        doc_type=_int(_text(element, ("BussinessDocType", "BusinessDocType"))),
        document_id=_text(element, "DocumentId"),
        reason=_text(element, ("BussinessDocReason", "BusinessDocReason")),
        paper=_int(_text(element, "Paper")),
        replaced_document_ids=[value for value in replaced if value],
        replacement_organ_ids=organs,
        update_document_info=_int(_text(update, "DocumentInfo"))
        if update is not None
        else 0,
        update_receivers=_int(_text(update, "DocumentReceiver"))
        if update is not None
        else 0,
        staff=_read_staff(_child(element, "StaffInfo")),
        receivers=receivers,
    )


# -------------------------------------------------------------- attachments


def _parse_attachments(root, limits):
    """Manifest references matched to encoded attachments (``cid:`` stripped).

    Files are read from the standard ``AttachmentEncoded/Attachment`` (EDXML.md §1.4)
    and from the early gateways' ``edXMLEnvelope/edXMLAttachments/Attachment`` with
    ``AttachmentName``, ``AttachmentType``, ``AttachmentSize`` and the base64 in
    ``AttachmentData``, no ``ContentId`` and no manifest (layout read in the packages
    ``1760427207626_b.txt.edxml`` and ``1760429739290_bien-ban-….txt.edxml`` of the
    first commit of PVN-Organization/API-Gateway-iOffice). The same count, size,
    base64, name and matching rules apply to both.
    """
    manifest = _descendant(root, "edXMLManifest")
    references = _children(manifest, "Reference")
    encoded = _children(_descendant(root, "AttachmentEncoded"), "Attachment")
    encoded += _children(_descendant(root, "edXMLAttachments"), "Attachment")
    if max(len(references), len(encoded)) > limits.max_attachments:
        raise EdxmlError(
            "too_many_attachments",
            f"{max(len(references), len(encoded))} > {limits.max_attachments}",
        )
    by_id = {}
    for element in encoded:
        by_id.setdefault(strip_cid(_text(element, "ContentId")), element)
    pairs, used = [], set()
    for ref in references:
        cid = strip_cid(_text(ref, "ContentId"))
        if not cid:
            continue
        if cid not in by_id:
            raise EdxmlError("cid_mismatch", cid)
        pairs.append((cid, ref, by_id[cid]))
        used.add(id(by_id[cid]))
    for element in encoded:  # attachments the manifest forgot: kept, not dropped
        if id(element) not in used:
            used.add(id(element))
            pairs.append((strip_cid(_text(element, "ContentId")), None, element))
    result, total = [], 0
    for cid, ref, element in pairs:
        attachment = _read_attachment(cid, ref, element, limits)
        total += len(attachment.data)
        if total > limits.max_total_attachment_bytes:
            raise EdxmlError(
                "too_big",
                f"attachments exceed {limits.max_total_attachment_bytes} bytes",
            )
        result.append(attachment)
    return result


def _read_attachment(cid, ref, element, limits):
    name = _text(element, "AttachmentName") or _text(ref, "AttachmentName")
    outer_type = _text(element, "ContentType") or _type_code(
        _text(element, "AttachmentType")
    )
    ref_type = _text(ref, "ContentType")
    payload = _child(element, "ContentTransferEncoded")
    if payload is None:  # the early gateways' layout
        payload = _child(element, "AttachmentData")
    decoded = _decode_base64(payload, name or cid, limits)
    raw, entry_name = decoded, ""
    if _is_zip_wrapper(raw, name, outer_type, ref_type):
        raw, entry_name = _unwrap_zip(raw, name or cid, limits)
    _check_declared_size(element, name or cid, (len(decoded), len(raw)))
    name = name or _text(ref, "Description") or entry_name or cid
    if entry_name:  # wrapped: the real type is the manifest's, else guessed
        real = ref_type if ref_type.lower() not in ZIP_TYPES else ""
        content_type = _real_type(real, name)
    else:
        content_type = _real_type(outer_type or ref_type, name)
    return Attachment(
        content_id=cid,
        name=name,
        content_type=content_type,
        description=_text(element, "Description") or _text(ref, "Description"),
        data=raw,
    )


def _type_code(value):
    """``AttachmentType`` of the early gateways is a file kind (``TXT``, ``PDF``), not a
    MIME type: mapped through the extension; a MIME type is kept."""
    value = (value or "").strip()
    if not value or "/" in value:
        return value
    return mimetypes.guess_type("f." + value.lower().lstrip("."))[0] or ""


def _check_declared_size(element, label, sizes):
    """The early layout's ``AttachmentSize`` must be the size received (wrapped or not):
    a transfer cut short is refused, not stored."""
    declared = _text(element, "AttachmentSize")
    if declared.isdigit() and int(declared) not in sizes:
        raise EdxmlError(
            "bad_attachment",
            f"{label}: AttachmentSize says {int(declared)} bytes, {sizes[-1]} received",
        )


def _decode_base64(element, label, limits):
    if element is None:
        raise EdxmlError(
            "bad_attachment", f"{label}: no ContentTransferEncoded or AttachmentData"
        )
    # Whitespace is allowed between base64 lines; anything else outside the alphabet,
    # or padding in the wrong place, is refused (strict mode checks in C what a
    # regular expression over megabytes would).
    text = _base64_text(element.text or "", label)
    if len(text) // 4 * 3 > limits.max_attachment_bytes + 2:
        raise EdxmlError("attachment_too_big", label)
    try:
        data = binascii.a2b_base64(text, strict_mode=True)
    except (binascii.Error, ValueError):
        raise EdxmlError("bad_attachment", f"{label}: invalid base64") from None
    if len(data) > limits.max_attachment_bytes:
        raise EdxmlError("attachment_too_big", label)
    return data


def _base64_text(text, label):
    """The base64 characters of ``text`` as bytes, whitespace removed."""
    try:
        return text.encode("ascii").translate(None, BASE64_SPACES)
    except UnicodeEncodeError:  # other (Unicode) whitespace, or not base64 at all
        text = "".join(text.split())
    try:
        return text.encode("ascii")
    except UnicodeEncodeError:
        raise EdxmlError("bad_attachment", f"{label}: invalid base64") from None


def _is_zip_wrapper(raw, name, outer_type, ref_type):
    """A ZIP payload is a wrapper unless the file itself is a .zip or an OOXML/ODF
    file."""
    if not raw.startswith(ZIP_MAGIC):
        return False
    ext = os.path.splitext((name or "").lower())[1]
    if ext == ".zip":
        return False
    if outer_type.lower() in ZIP_TYPES or ref_type.lower() in ZIP_TYPES:
        return True
    return ext not in ZIP_CONTAINER_EXTS


class _DirectoryUnusable(Exception):
    """The central directory (or the entry it points at) cannot be read."""


def _unwrap_zip(raw, label, limits):
    """(bytes, entry name) of the single entry; bounded, chunked inflation.

    The central directory is read first. When it is missing, damaged or a byte short,
    or the entry cannot be read through it, the local headers decide, as Java's
    ``ZipInputStream`` does (the receiving parser of
    PVN-Organization/API-Gateway-iOffice, ``EdxmlParser.unzipContentBytes``, reads
    wrapped files with it): see :func:`_unwrap_zip_local`. Refusals for a limit or a
    rule (bomb, size, entries, encryption, method) are final and never retried.
    """
    try:
        return _unwrap_zip_directory(raw, label, limits)
    except _DirectoryUnusable:
        return _unwrap_zip_local(raw, label, limits)


def _unwrap_zip_directory(raw, label, limits):
    """The single entry read through the central directory (``zipfile``)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        infos = archive.infolist()
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        NotImplementedError,  # a garbled "version needed" field
        struct.error,
        ValueError,
        EOFError,
        OSError,
    ):
        raise _DirectoryUnusable() from None
    ext = os.path.splitext(label.lower())[1]
    if len(infos) > 1 and ext in ZIP_CONTAINER_EXTS:
        return raw, ""  # an OOXML/ODF file labelled application/zip: not a wrapper
    files = [info for info in infos if not info.is_dir()]
    if len(infos) > limits.max_zip_entries or len(files) != 1:
        raise EdxmlError(
            "zip_invalid", f"{label}: {len(infos)} entries, exactly one expected"
        )
    info = files[0]
    if info.flag_bits & 0x1:
        raise EdxmlError("zip_invalid", f"{label}: encrypted entry")
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise EdxmlError(
            "zip_invalid", f"{label}: compression method {info.compress_type}"
        )
    _check_zip_sizes(info.file_size, info.compress_size, label, limits)
    data = _inflate(archive, info, label, limits)
    return data, os.path.basename(info.filename)


def _check_zip_sizes(size, compressed, label, limits):
    if size > limits.zip_ratio_grace_bytes and size > limits.max_zip_ratio * max(
        compressed, 1
    ):
        raise EdxmlError(
            "zip_bomb",
            f"{label}: ratio {size // max(compressed, 1)} > {limits.max_zip_ratio}",
        )
    if size > limits.max_attachment_bytes:
        raise EdxmlError("attachment_too_big", f"{label}: {size} bytes")


def _inflate(archive, info, label, limits):
    """Read the entry in chunks; stop as soon as it outgrows its declared size or a
    limit. A read error (bad header offset, CRC, deflate stream) hands over to the
    local headers."""
    cap = min(info.file_size, limits.max_attachment_bytes)
    out = bytearray()
    try:
        with archive.open(info) as stream:
            while True:
                chunk = stream.read(ZIP_CHUNK)
                if not chunk:
                    break
                out += chunk
                if len(out) > cap:
                    raise EdxmlError(
                        "zip_bomb", f"{label}: inflates beyond {cap} bytes"
                    )
                _check_zip_sizes(len(out), info.compress_size, label, limits)
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        NotImplementedError,
        RuntimeError,
        OSError,
        ValueError,
        struct.error,
    ):
        raise _DirectoryUnusable() from None
    return bytes(out)


# ZIP local file header (APPNOTE 4.3.7): signature, version, flags, method, time, date,
# CRC-32, compressed size, size, name length, extra length.
_LOCAL_HEADER = struct.Struct("<IHHHHHIIIHH")
_DESCRIPTOR_MAGIC = b"PK\x07\x08"
_ZIP64_MARK = 0xFFFFFFFF


@dataclass(frozen=True)
class _LocalEntry:
    name: str
    flags: int
    method: int
    crc: int
    compressed: int
    size: int
    data_start: int


def _damaged(label, why):
    return EdxmlError("zip_damaged", f"{label}: {why}")


def _unwrap_zip_local(raw, label, limits):
    """The single entry read from its local header, never from the central directory.

    As ``java.util.zip.ZipInputStream``: the first local header, its data (inflated
    in bounded chunks, the same limits as :func:`_inflate`), the data descriptor when
    flag bit 3 says the sizes follow the data, then a look at what comes next: another
    local header is a second entry; anything else (the central directory, damaged or
    cut short) ends the archive. The CRC-32 and sizes are checked; a damaged entry is
    refused with ``zip_damaged``.
    """
    view = memoryview(raw)
    entry = _local_entry(view, 0, label)
    data, end = _local_data(view, entry, label, limits)
    if bytes(view[end : end + 4]) == ZIP_MAGIC:
        if os.path.splitext(label.lower())[1] in ZIP_CONTAINER_EXTS:
            return raw, ""  # an OOXML/ODF file labelled application/zip
        raise EdxmlError(
            "zip_invalid", f"{label}: 2 entries or more, exactly one expected"
        )
    if entry.name.endswith("/"):
        raise EdxmlError("zip_invalid", f"{label}: a folder entry, no file")
    return data, os.path.basename(entry.name)


def _local_entry(view, pos, label):
    """The local file header at ``pos``; refused when it is not one a reader may use."""
    if len(view) - pos < _LOCAL_HEADER.size or bytes(view[pos : pos + 4]) != ZIP_MAGIC:
        raise EdxmlError("zip_invalid", f"{label}: no complete local file header")
    fields = _LOCAL_HEADER.unpack_from(view, pos)
    flags, method, crc, compressed, size, name_len, extra_len = fields[2:4] + fields[6:]
    name_start = pos + _LOCAL_HEADER.size
    data_start = name_start + name_len + extra_len
    if data_start > len(view):
        raise EdxmlError("zip_invalid", f"{label}: truncated local file header")
    if flags & 0x1:
        raise EdxmlError("zip_invalid", f"{label}: encrypted entry")
    if method not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise EdxmlError("zip_invalid", f"{label}: compression method {method}")
    if _ZIP64_MARK in (compressed, size):
        raise EdxmlError("zip_invalid", f"{label}: ZIP64 entry")
    if flags & 0x8 and method == zipfile.ZIP_STORED:
        # Without the directory nothing says where stored data ends (Java refuses it
        # too: "only DEFLATED entries can have EXT descriptor").
        raise EdxmlError("zip_invalid", f"{label}: stored entry with a data descriptor")
    encoding = "utf-8" if flags & 0x800 else "cp437"
    return _LocalEntry(
        name=bytes(view[name_start : name_start + name_len]).decode(
            encoding, "replace"
        ),
        flags=flags,
        method=method,
        crc=crc,
        compressed=compressed,
        size=size,
        data_start=data_start,
    )


def _local_data(view, entry, label, limits):
    """(bytes, offset after the entry) of a local entry, sizes and CRC-32 checked."""
    if entry.method == zipfile.ZIP_STORED:
        end = entry.data_start + entry.compressed
        if entry.compressed != entry.size:
            raise _damaged(label, "stored entry whose sizes differ")
        _check_zip_sizes(entry.size, entry.compressed, label, limits)
        if end > len(view):
            raise _damaged(label, "truncated data")
        data, crc = bytes(view[entry.data_start : end]), entry.crc
    elif entry.flags & 0x8:
        data, consumed = _inflate_local(
            view, entry.data_start, len(view), None, label, limits
        )
        crc, compressed, size, end = _descriptor(
            view, entry.data_start + consumed, label
        )
        _check_local_sizes(data, consumed, compressed, size, label)
    else:
        _check_zip_sizes(entry.size, entry.compressed, label, limits)
        stop = min(entry.data_start + entry.compressed, len(view))
        data, consumed = _inflate_local(
            view, entry.data_start, stop, entry, label, limits
        )
        _check_local_sizes(data, consumed, entry.compressed, entry.size, label)
        crc, end = entry.crc, entry.data_start + consumed
    if zlib.crc32(data) != crc:
        raise _damaged(label, "CRC-32 mismatch")
    return data, end


def _check_local_sizes(data, consumed, compressed, size, label):
    if compressed != consumed or size != len(data) & _ZIP64_MARK:
        raise _damaged(label, "sizes differ from the header")


def _descriptor(view, pos, label):
    """(CRC-32, compressed size, size, end) of the data descriptor at ``pos``; its
    signature is optional."""
    if bytes(view[pos : pos + 4]) == _DESCRIPTOR_MAGIC:
        pos += 4
    if len(view) - pos < 12:
        raise _damaged(label, "truncated data descriptor")
    crc, compressed, size = struct.unpack_from("<III", view, pos)
    return crc, compressed, size, pos + 12


def _inflate_local(view, start, stop, entry, label, limits):
    """(bytes, input consumed) of the raw deflate stream in ``view[start:stop]``.

    Fed and drained in chunks of :data:`ZIP_CHUNK`. Output beyond the header's size
    (or the attachment limit) is a bomb; the ratio is checked against the header's
    compressed size, or, when a descriptor holds the sizes, against the input consumed
    so far (a writer cannot lie about that one).
    """
    cap = limits.max_attachment_bytes
    if entry is not None:
        cap = min(entry.size, cap)
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    out, pos, tail = bytearray(), start, b""
    try:
        while not inflater.eof:
            if not tail and pos < stop:
                tail = view[pos : min(pos + ZIP_CHUNK, stop)]
                pos += len(tail)
            piece = inflater.decompress(tail, ZIP_CHUNK)
            tail = inflater.unconsumed_tail
            if not piece and not tail and pos >= stop and not inflater.eof:
                raise _damaged(label, "truncated data")
            out += piece
            # At the stream's end the leftover input is in unused_data (and may still
            # be echoed in unconsumed_tail): counted once.
            leftover = len(inflater.unused_data) if inflater.eof else len(tail)
            consumed = pos - start - leftover
            if len(out) > cap:
                raise EdxmlError("zip_bomb", f"{label}: inflates beyond {cap} bytes")
            compressed = entry.compressed if entry is not None else consumed
            _check_zip_sizes(len(out), compressed, label, limits)
    except zlib.error as exc:
        raise _damaged(label, f"bad deflate stream ({exc})") from None
    return bytes(out), consumed
