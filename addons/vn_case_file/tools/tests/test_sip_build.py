# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Building SIP_hoso packages (R-CF2: handover of case files to the archive)."""

import dataclasses
import datetime
import hashlib
import io
import re
import zipfile

import pytest
from lxml import etree
from sip_helpers import CREATED, FILE_CODE, METS_NS, PACKAGE_UUID, make_document, unzip
from sip_hoso import SipError, build_sip_hoso, validate_sip

OBJID = "uuid-" + str(PACKAGE_UUID).upper()
REP1 = f"{OBJID}/representations/rep1/METS.xml"
CSIP = "{https://DILCIS.eu/XML/METS/CSIPExtensionMETS}"
HREF = "{http://www.w3.org/1999/xlink}href"
STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+07:00")


def _xml(entries, name):
    return etree.fromstring(entries[name])


def test_three_documents_build_and_validate(package):
    """R-CF2: a case file of three documents packs into a SIP_hoso that validates."""
    name, data = package
    assert name == str(PACKAGE_UUID).lower() + ".zip"
    assert validate_sip(data) == []
    names = set(unzip(data))
    for i in (1, 2, 3):
        doc_id = f"{FILE_CODE}.{i}"
        rep = f"{OBJID}/representations/rep1/"
        assert f"{rep}data/{doc_id}.pdf" in names
        assert f"{rep}data/{doc_id}.process.xml" in names
        assert f"{rep}metadata/descriptive/EAD_DOC_{doc_id}.xml" in names
    assert f"{OBJID}/metadata/descriptive/EAD.xml" in names
    assert f"{OBJID}/schemas/mets1_12.xsd" in names
    assert all(n.startswith(OBJID + "/") for n in names)
    schemas = [n.rsplit("/", 1)[1] for n in names if "/schemas/" in n]
    assert len(schemas) == 7 and all(n == n.lower() for n in schemas)
    assert not any("preservation" in n for n in names)  # a SIP has no PREMIS


def test_package_rehashes(package):
    """R-CF2: every file listed by both METS has the SIZE and upper-case SHA-256
    the METS states, and CREATED carries milliseconds and +07:00."""
    entries = unzip(package[1])
    checked = 0
    for mets_name, base in ((f"{OBJID}/METS.xml", f"{OBJID}/"), (REP1, REP1[:-8])):
        root = _xml(entries, mets_name)
        for link in root.iter("{*}mdRef", "{*}FLocat"):
            holder = link if link.tag.endswith("mdRef") else link.getparent()
            data = entries[base + link.get(HREF)]
            assert holder.get("CHECKSUM") == hashlib.sha256(data).hexdigest().upper()
            assert holder.get("CHECKSUMTYPE") == "SHA-256"
            assert holder.get("SIZE") == str(len(data))
            assert STAMP.fullmatch(holder.get("CREATED"))
            checked += 1
    assert checked == 1 + 7 + 1 + 3 + 6  # EAD, schemas, rep1 METS, EAD_DOCs, data


def test_deterministic(sip_file, documents, build_kwargs):
    """R-CF2: the same inputs give byte-identical packages (documents in any order);
    another creation time gives another package."""
    first = build_sip_hoso(sip_file, documents, **build_kwargs)
    again = build_sip_hoso(sip_file, list(reversed(documents)), **build_kwargs)
    assert first == again
    later = dict(build_kwargs, created=CREATED + datetime.timedelta(seconds=1))
    assert build_sip_hoso(sip_file, documents, **later)[1] != first[1]
    with zipfile.ZipFile(io.BytesIO(first[1])) as zf:
        infos = zf.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {i.date_time for i in infos} == {(2027, 12, 20, 16, 30, 14)}


@pytest.mark.parametrize("which", ["root", "rep1"])
def test_mets_profile(package, which):
    """R-CF2: the root and rep1 METS carry the CSIP profile, TYPE Mixed, content type
    MIXED, OAISPACKAGETYPE SIP, a CREATOR agent, altRecordID = fileCode and a
    structMap LABEL CSIP."""
    entries = unzip(package[1])
    root = _xml(entries, f"{OBJID}/METS.xml" if which == "root" else REP1)
    assert root.get("OBJID") == (OBJID if which == "root" else "rep1")
    assert root.get("PROFILE") == "https://earkcsip.dilcis.eu/profile/E-ARK-CSIP.xml"
    assert root.get("TYPE") == "Mixed"
    assert root.get(CSIP + "CONTENTINFORMATIONTYPE") == "MIXED"
    hdr = root.find("mets:metsHdr", METS_NS)
    assert hdr.get(CSIP + "OAISPACKAGETYPE") == "SIP"
    assert hdr.get("RECORDSTATUS") == "NEW"
    assert STAMP.fullmatch(hdr.get("CREATEDATE"))
    agents = hdr.findall("mets:agent[@ROLE='CREATOR']", METS_NS)
    assert "000.00.00.H29" in [
        a.findtext("mets:note", namespaces=METS_NS) for a in agents
    ]
    alt = hdr.find("mets:altRecordID", METS_NS)
    assert (alt.get("TYPE"), alt.text) == ("SUBMISSIONAGREEMENT", FILE_CODE)
    smap = root.find("mets:structMap", METS_NS)
    assert (smap.get("LABEL"), smap.get("TYPE")) == ("CSIP", "PHYSICAL")
    amd = root.find("mets:amdSec", METS_NS)
    assert amd is not None and len(amd) == 0  # the sample's empty amdSec
    for ref in root.iterfind(".//mets:mdRef", METS_NS):
        assert (ref.get("MDTYPE"), ref.get("MDTYPEVERSION")) == ("DC", "1.0.0")
        assert ref.get("MIMETYPE") == "application/xml"
    for el in root.iterfind(".//mets:file", METS_NS):
        assert el.get("ID").startswith("ID-")
        href = el.find("mets:FLocat", METS_NS).get(HREF)
        if href.endswith(".xsd"):
            assert el.get("MIMETYPE") == "application/octet-stream"


def test_rep1_links_each_document(package):
    """R-CF2: rep1's structMap links each document's EAD_DOC (DMDID) to its PDF and
    its processing trail (fptr)."""
    rep1 = _xml(unzip(package[1]), REP1)
    files = {
        f.get("ID"): f.find("mets:FLocat", METS_NS).get(HREF)
        for f in rep1.iterfind(".//mets:file", METS_NS)
    }
    dmds = {
        d.get("ID"): d.find("mets:mdRef", METS_NS).get(HREF)
        for d in rep1.iterfind("mets:dmdSec", METS_NS)
    }
    divs = rep1.findall(".//mets:div[@LABEL='MetadataLink/File']", METS_NS)
    assert len(divs) == 3
    for i, div in enumerate(divs, start=1):
        doc_id = f"{FILE_CODE}.{i}"
        assert dmds[div.get("DMDID")].endswith(f"EAD_DOC_{doc_id}.xml")
        targets = [files[f.get("FILEID")] for f in div.findall("mets:fptr", METS_NS)]
        assert targets == [f"data/{doc_id}.pdf", f"data/{doc_id}.process.xml"]


def test_ead_contents(package):
    """R-CF2: EAD.xml and EAD_DOC carry the TT05 fields, dates as DD/MM/YYYY, the
    docId kept whole although longer than TT05's 25 characters, process = 1."""
    entries = unzip(package[1])
    ead = _xml(entries, f"{OBJID}/metadata/descriptive/EAD.xml")
    assert ead.tag == "simpledc"
    assert ead.findtext("fileCode") == FILE_CODE
    assert ead.findtext("startDate") == "01/01/2027"
    assert ead.findtext("endDate") == "15/12/2027"
    assert (ead.findtext("totalDoc"), ead.findtext("numberOfPage")) == ("3", "6")
    assert ead.findtext("riskRecovery") == "0"
    doc_id = f"{FILE_CODE}.2"
    doc = _xml(
        entries,
        f"{OBJID}/representations/rep1/metadata/descriptive/EAD_DOC_{doc_id}.xml",
    )
    assert doc.findtext("docId") == doc_id and len(doc_id) > 25
    assert doc.findtext("docCode") == FILE_CODE + "0000002"
    assert doc.findtext("issuedDate") == "02/01/2027"
    assert doc.findtext("process") == "1"
    assert doc.findtext("organName") == "Ủy ban nhân dân Thành phố Hồ Chí Minh"


def test_created_converted_to_vietnam_time(sip_file, documents, build_kwargs):
    """R-CF2: an aware creation time in another zone is written in +07:00."""
    tz = datetime.timezone(datetime.timedelta(hours=-5))
    kwargs = dict(
        build_kwargs, created=datetime.datetime(2027, 12, 31, 20, 0, tzinfo=tz)
    )
    entries = unzip(build_sip_hoso(sip_file, documents, **kwargs)[1])
    hdr = _xml(entries, f"{OBJID}/METS.xml").find("mets:metsHdr", METS_NS)
    assert hdr.get("CREATEDATE") == "2028-01-01T08:00:00.000+07:00"


def test_submission_agreement(sip_file, documents, build_kwargs):
    """R-CF2: a real submission agreement takes the SUBMISSIONAGREEMENT altRecordID,
    the fileCode stays as REFERENCECODE."""
    _, data = build_sip_hoso(
        sip_file, documents, submission_agreement="TT-2027/15", **build_kwargs
    )
    hdr = _xml(unzip(data), f"{OBJID}/METS.xml").find("mets:metsHdr", METS_NS)
    alts = [(a.get("TYPE"), a.text) for a in hdr.findall("mets:altRecordID", METS_NS)]
    assert alts == [("SUBMISSIONAGREEMENT", "TT-2027/15"), ("REFERENCECODE", FILE_CODE)]
    assert validate_sip(data) == []


def test_digitised_document_without_trail(sip_file, documents, build_kwargs):
    """R-CF2: a digitised document (confidenceLevel 02) may come without a trail:
    process is then 0 and no .process.xml is packed."""
    documents[0] = dataclasses.replace(
        documents[0], confidence_level="02", trail_xml=None
    )
    _, data = build_sip_hoso(sip_file, documents, **build_kwargs)
    assert validate_sip(data) == []
    entries = unzip(data)
    doc_id = f"{FILE_CODE}.1"
    rep = f"{OBJID}/representations/rep1/"
    assert f"{rep}data/{doc_id}.process.xml" not in entries
    doc = _xml(entries, f"{rep}metadata/descriptive/EAD_DOC_{doc_id}.xml")
    assert doc.findtext("process") == "0"


def _bad_inputs():
    naive = CREATED.replace(tzinfo=None)
    return [
        ("no documents", {"documents": []}, "không có văn bản"),
        ("total_doc", {"file": {"total_doc": 4}}, "Tổng số văn bản"),
        ("number_of_page", {"file": {"number_of_page": 7}}, "Tổng số trang"),
        ("file maintenance", {"file": {"maintenance": "08"}}, "thời hạn bảo quản"),
        ("doc maintenance", {"doc": {"maintenance": "7"}}, "thời hạn bảo quản"),
        ("naive datetime", {"kwargs": {"created": naive}}, "múi giờ"),
        ("empty pdf", {"doc": {"pdf": b""}}, "PDF rỗng"),
        ("not a pdf", {"doc": {"pdf": b"hello"}}, "không phải PDF"),
        ("no trail", {"doc": {"trail_xml": None}}, "vết xử lý"),
        ("broken trail", {"doc": {"trail_xml": b"<a>"}}, "vết xử lý"),
        ("type name", {"doc": {"type_name": "33"}}, "tên loại"),
        ("language", {"file": {"languages": ("12",)}}, "ngôn ngữ"),
        ("mode", {"doc": {"mode": "04"}}, "chế độ sử dụng"),
        ("dates", {"file": {"start_date": datetime.date(2028, 1, 1)}}, "ngày bắt đầu"),
        ("doc id", {"doc": {"doc_id": "../x"}}, "mã văn bản"),
        ("doc code", {"doc": {"doc_code": "X0000001"}}, "docCode"),
        ("digitised file", {"file": {"confidence_level": "02"}}, "hồ sơ giấy"),
        ("risk status", {"file": {"risk_recovery": True}}, "dự phòng"),
        ("record status", {"kwargs": {"record_status": "OLD"}}, "Trạng thái gói"),
        ("subject", {"doc": {"subject": "x" * 501}}, "trích yếu"),
        ("control char", {"doc": {"subject": "a\x01b"}}, "ký tự điều khiển"),
    ]


@pytest.mark.parametrize(
    "case, change, message", _bad_inputs(), ids=[c[0] for c in _bad_inputs()]
)
def test_bad_inputs_raise(sip_file, documents, build_kwargs, case, change, message):
    """R-CF2: the builder refuses bad inputs with a Vietnamese SipError."""
    file = dataclasses.replace(sip_file, **change.get("file", {}))
    if "documents" in change:
        documents = change["documents"]
    elif "doc" in change:
        documents[0] = dataclasses.replace(documents[0], **change["doc"])
    kwargs = dict(build_kwargs, **change.get("kwargs", {}))
    with pytest.raises(SipError, match=message):
        build_sip_hoso(file, documents, **kwargs)


def test_two_documents_with_one_ordinal(sip_file, documents, build_kwargs):
    """R-CF2: two documents of the same ordinal are refused."""
    documents[2] = make_document(2)
    with pytest.raises(SipError, match="trùng"):
        build_sip_hoso(sip_file, documents, **build_kwargs)
