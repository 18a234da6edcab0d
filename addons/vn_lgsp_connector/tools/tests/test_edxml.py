# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""edXML builder and hardened parser (no Odoo, no database, no network)."""

import base64
import datetime
import glob
import io
import os
import re
import struct
import tempfile
import time
import tracemalloc
import zipfile

import edxml as ex
import pytest
from lxml import etree

SAMPLES = os.path.join(os.path.dirname(os.path.abspath(ex.__file__)), "samples")


def refused(code, data, limits=None, detail=None):
    """``parse(data)`` must raise EdxmlError(code); returns the error."""
    try:
        ex.parse(data, limits) if limits else ex.parse(data)
    except ex.EdxmlError as exc:
        assert exc.code in ((code,) if isinstance(code, str) else code), (
            f"expected {code!r}, got {exc.code!r} ({exc.detail})"
        )
        if detail is not None:
            assert exc.detail == detail, f"detail {exc.detail!r} != {detail!r}"
        return exc
    raise AssertionError(f"no EdxmlError({code!r}) raised")


class Spy:
    """Counts calls of a module function while active (restored on exit)."""

    def __init__(self, name):
        self.name, self.calls = name, 0

    def __enter__(self):
        self.original = getattr(ex, self.name)

        def wrapper(*args, **kwargs):
            self.calls += 1
            return self.original(*args, **kwargs)

        setattr(ex, self.name, wrapper)
        return self

    def __exit__(self, *exc_info):
        setattr(ex, self.name, self.original)


class RecordingResolver(etree.Resolver):
    """Records every URL libxml2 would load; serves nothing."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def resolve(self, url, public_id, context):
        self.urls.append(url)
        return self.resolve_string("", context)


def parse_tree_with_resolver(data):
    """Second line of defence: the lxml step alone, with a resolver watching loads."""
    resolver = RecordingResolver()
    original = ex._xml_parser

    def parser():
        instance = original()
        instance.resolvers.add(resolver)
        return instance

    ex._xml_parser = parser
    try:
        try:
            ex._parse_tree(data)
        except ex.EdxmlError as exc:
            return exc, resolver.urls
        return None, resolver.urls
    finally:
        ex._xml_parser = original


# ------------------------------------------------------------------ fixtures

PDF = (
    b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 "
    b"R>>\n%%EOF\n"
)
DOCX_LIKE = b"PK\x03\x04" + b"\x00" * 40  # never unwrapped: the name says .docx


def org(organ_id, name="", **kwargs):
    return ex.Organization(organ_id=organ_id, name=name, **kwargs)


def document(**overrides):
    values = dict(
        from_org=org(
            "000.00.00.H29",
            "Ủy ban nhân dân Thành phố Hồ Chí Minh",
            in_charge="Chính phủ",
            address="86 Lê Thánh Tôn, Quận 1",
            email="vanthu@example.gov.vn",
            telephone="028 0000 0000",
            fax="028 0000 0001",
            website="example.gov.vn",
        ),
        to_orgs=[
            org("000.00.00.G22", "Văn phòng Chính phủ"),
            org(
                "000.00.14.H29",
                "Sở Thông tin và Truyền thông",
                email="s@example.gov.vn",
            ),
        ],
        document_id="000.00.00.H29,2024/03/05,15/UBND-VX",
        code_number="15",
        code_notation="UBND-VX",
        place="TP. Hồ Chí Minh",
        promulgation_date=datetime.date(2024, 3, 5),
        type=2,
        type_detail=18,
        type_name="Công văn",
        subject="V/v báo cáo tình hình triển khai <liên thông> & số hóa",
        content="Tóm tắt nội dung",
        signer_competence="KT. CHỦ TỊCH",
        signer_position="Phó Chủ tịch",
        signer_name="Nguyễn Văn An",
        due_date=datetime.date(2024, 3, 29),
        to_places=["Như trên", "Lưu: VT, VX"],
        priority=2,
        sphere="Liên thông văn bản quốc gia",
        typer_notation="NVA",
        promulgation_amount=4,
        page_amount=3,
        appendixes=["Phụ lục I", "Phụ lục II"],
        response_for=[
            {
                "organ_id": "000.00.00.G22",
                "code": "7816/VPCP-TTĐT",
                "promulgation_date": datetime.date(2015, 9, 30),
                "document_id": "000.00.00.G22,2015/09/30,7816/VPCP-TTĐT",
            }
        ],
        steering_type=1,
        trace=[
            ("000.00.00.H29", datetime.datetime(2024, 3, 5, 8, 30, 5)),
            ("001.00.20.TT2", datetime.datetime(2024, 3, 5, 8, 30, 9)),
        ],
        business=ex.Business(
            doc_type=3,
            document_id="000.00.00.H29,2024/03/05,15/UBND-VX",
            reason="Văn bản thay thế",
            paper=1,
            replaced_document_ids=["000.00.00.H29,2024/03/01,12/UBND-VX"],
            replacement_organ_ids=["000.00.00.G22", "000.00.14.H29"],
            staff={
                "department": "Văn phòng",
                "staff": "Trần Thị B",
                "email": "b@example.gov.vn",
                "mobile": "0900000000",
            },
        ),
        attachments=[
            ex.Attachment(
                "a1b2c3", "15-UBND-VX.pdf", "application/pdf", "Văn bản chính", PDF
            ),
            ex.Attachment(
                "d4e5f6",
                "Phụ lục.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "Phụ lục",
                DOCX_LIKE,
            ),
        ],
    )
    values.update(overrides)
    return ex.DocumentPackage(**values)


def status(**overrides):
    values = dict(
        from_org=org("000.00.14.H29", "Sở Thông tin và Truyền thông"),
        response_for={
            "organ_id": "000.00.00.H29",
            "code": "15/UBND-VX",
            "promulgation_date": datetime.date(2024, 3, 5),
            "document_id": "000.00.00.H29,2024/03/05,15/UBND-VX",
        },
        status_code="03",
        description="Tiếp nhận",
        timestamp=datetime.datetime(2024, 3, 5, 9, 1, 2),
        staff={
            "department": "Văn thư",
            "staff": "Lê C",
            "email": "c@example.gov.vn",
            "mobile": "0911111111",
        },
    )
    values.update(overrides)
    return ex.StatusPackage(**values)


def one_attachment(data, name="vanban.pdf", content_type="application/zip"):
    """A built package with one attachment whose payload is ``data`` as is."""
    return ex.build_document(
        document(attachments=[ex.Attachment("x1", name, content_type, name, data)])
    )


def zip_of(entries, method=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return buf.getvalue()


def zeros_zip(megabytes):
    """A ZIP of ``megabytes`` MiB of zeros, compressed in a streaming way."""
    buf = io.BytesIO()
    chunk = bytes(1 << 20)
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("bomb.pdf", "w") as stream:
            for _ in range(megabytes):
                stream.write(chunk)
    return buf.getvalue()


def declare_size(data, size):
    """Rewrite the uncompressed size in the local and central headers (no zip64)."""
    data = bytearray(data)
    eocd = data.rindex(b"PK\x05\x06")
    central = struct.unpack_from("<I", data, eocd + 16)[0]
    assert data[central : central + 4] == b"PK\x01\x02"
    assert data[:4] == b"PK\x03\x04"
    struct.pack_into("<I", data, 22, size)
    struct.pack_into("<I", data, central + 24, size)
    return bytes(data)


def peak_parse(data, limits=None):
    """(EdxmlError or result, seconds, peak traced MiB) of one parse."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        outcome = ex.parse(data, limits or ex.Limits())
    except ex.EdxmlError as exc:
        outcome = exc
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] / ex.MB
    tracemalloc.stop()
    return outcome, elapsed, peak


# ------------------------------------------------------------ round trips


def test_round_trip_document_2_recipients_2_attachments_replace():
    """Round trip: document, 2 recipients, 2 attachments, replace."""
    pkg = document()
    data = ex.build_document(pkg)
    parsed = ex.parse(data)
    assert isinstance(parsed, ex.DocumentPackage)
    for name in pkg.__dataclass_fields__:
        assert getattr(parsed, name) == getattr(pkg, name), (
            f"{name}: {getattr(parsed, name)!r} != {getattr(pkg, name)!r}"
        )
    assert parsed == pkg


def test_round_trip_update_2_with_receiver_list_recall_1_new_0():
    """Round trip: update (2) with receiver list, recall (1), new (0)."""
    for business in (
        ex.Business(
            doc_type=2,
            document_id="X,2024/01/01,1/A",
            reason="Cập nhật văn bản điện tử",
            update_document_info=1,
            update_receivers=1,
            receivers=[("000.00.14.H29", 1), ("000.00.00.G22", 0)],
        ),
        ex.Business(
            doc_type=1, document_id="X,2024/01/01,1/A", reason="Thu hồi văn bản điện tử"
        ),
        ex.Business(
            doc_type=0,
            document_id="000.00.00.H29,2024/03/05,15/UBND-VX",
            reason="Văn bản điện tử mới",
        ),
    ):
        pkg = document(business=business)
        assert ex.parse(ex.build_document(pkg)) == pkg, business.doc_type


def test_build_vnpt_layout_of_edxml_md_1_1():
    """Build: VNPT layout of EDXML.md §1.1."""
    data = ex.build_document(document())
    assert data.startswith(
        b'<?xml version="1.0" encoding="UTF-8"?>\n<edXML xmlns="%s">' % ex.NS.encode()
    )
    text = data.decode("utf-8")
    assert f'<edXML:edXMLEnvelope xmlns:edXML="{ex.NS}">' in text
    for tag in (
        "edXMLHeader",
        "MessageHeader",
        "TraceHeaderList",
        "TraceHeader",
        "Bussiness",
        "BussinessDocType",
        "ReplacementInfoList",
        "ReplacementInfo",
        "OrganIdList",
        "edXMLBody",
        "edXMLManifest",
        "Reference",
        "PromulgationDate",
    ):
        assert f"<edXML:{tag}" in text, tag
    assert text.count("<edXML:To>") == 2
    assert "<AttachmentEncoded>" in text and text.count("<Attachment>") == 2
    assert "<ContentId>cid:a1b2c3</ContentId>" in text
    assert "<edXML:ContentId>cid:a1b2c3</edXML:ContentId>" in text
    assert (
        f'<edXML:ContentTransferEncoded xmlns:edXML="{ex.NS}">'
        f"{base64.b64encode(PDF).decode()}<" in text
    )
    assert "<ContentType>application/pdf</ContentType>" in text
    assert "<edXML:PromulgationDate>2024/03/05</edXML:PromulgationDate>" in text
    assert "<edXML:Timestamp>2024/03/05 08:30:05</edXML:Timestamp>" in text
    assert '<edXML:edXMLManifest version="1.0">' in text
    assert "Signature" not in text
    assert "&lt;liên thông&gt; &amp; số hóa" in text


def test_build_defaults_document_id_trace_reason_check_document():
    """Build: defaults (document id, trace, reason); check_document."""
    pkg = document(document_id="", trace=[], business=ex.Business())
    parsed = ex.parse(ex.build_document(pkg))
    assert parsed.document_id == "000.00.00.H29,2024/03/05,15/UBND-VX"
    assert parsed.business.document_id == parsed.document_id
    assert parsed.business.reason == "Văn bản điện tử mới"
    assert len(parsed.trace) == 1 and parsed.trace[0][0] == "000.00.00.H29"
    for overrides, name in (
        ({"subject": " "}, "Subject"),
        ({"to_orgs": []}, "To/OrganId"),
        ({"from_org": org("")}, "From/OrganId"),
        ({"code_number": "", "document_id": ""}, "CodeNumber"),
    ):
        try:
            ex.check_document(document(**overrides))
        except ex.EdxmlError as exc:
            assert (exc.code, exc.detail) == ("missing_field", name), exc
        else:
            raise AssertionError(f"accepted without {name}")
        if (
            name != "CodeNumber"
        ):  # build does not validate (and fills a DocumentId): parse is the gate
            refused(
                "missing_field", ex.build_document(document(**overrides)), detail=name
            )
    ex.check_document(document())


def test_round_trip_status_package_2_1_layout():
    """Round trip: status package (§2.1 layout)."""
    pkg = status()
    data = ex.build_status(pkg)
    text = data.decode("utf-8")
    assert (
        "TraceHeaderList" not in text
        and "edXMLBody" not in text
        and "Attachment" not in text
    )
    assert "<edXML:StatusCode>03</edXML:StatusCode>" in text
    assert "<edXML:Timestamp>2024/03/05 09:01:02</edXML:Timestamp>" in text
    parsed = ex.parse(data)
    assert isinstance(parsed, ex.StatusPackage) and parsed == pkg, parsed
    assert ex.parse(ex.build_status(status(status_code="1"))).status_code == "01"
    assert ex.addressed_to(parsed, "000.00.00.H29") and not ex.addressed_to(
        parsed, "000.00.14.H29"
    )
    # A status that names no document is refused: an empty identifier never matches
    # anything.
    refused(
        "missing_field",
        ex.build_status(
            status(
                response_for={"organ_id": "X", "code": "", "document_id": ""},
                status_code="02",
            )
        ),
        detail="ResponseFor/DocumentId",
    )


def test_helpers_document_id_addressed_to_dates():
    """Helpers: document_id, addressed_to, dates."""
    assert (
        ex.document_id("000.00.00.G22", datetime.date(2015, 9, 30), "7816/VPCP-TTĐT")
        == "000.00.00.G22,2015/09/30,7816/VPCP-TTĐT"
    )
    pkg = document()
    assert ex.addressed_to(pkg, "000.00.14.H29") and ex.addressed_to(
        pkg, " 000.00.00.g22 "
    )
    assert not ex.addressed_to(pkg, "000.00.00.H29") and not ex.addressed_to(pkg, "")
    assert (
        ex.parse_date("2024-03-05")
        == ex.parse_date("2024/03/05")
        == datetime.date(2024, 3, 5)
    )
    assert ex.parse_date("bad") is None
    aware = datetime.datetime(2024, 3, 5, 1, 0, tzinfo=datetime.timezone.utc)
    assert ex.format_timestamp(aware) == "2024/03/05 08:00:00"


# ----------------------------------------------------------------- fixtures

EXPECTED = {
    "vnpt_zip_signed.edxml": dict(
        kind=ex.DocumentPackage,
        signed=True,
        to=["000.00.00.H29"],
        business=0,
        trace=2,
        attachments=[
            (
                "7f1c2a10-0000-4000-8000-000000000001",
                "1234-VPCP-KSTT.signed.pdf",
                "application/pdf",
                b"%PDF-",
            )
        ],
    ),
    "bussiness_first_bare_cid.edxml": dict(
        kind=ex.DocumentPackage,
        signed=True,
        to=["000.00.00.H29", "001.00.10.H29"],
        business=2,
        trace=2,
        attachments=[("att-56-1", "56-STTTT-BCVT.pdf", "application/pdf", b"%PDF-")],
    ),
    "no_namespace_replace.edxml": dict(
        kind=ex.DocumentPackage,
        signed=False,
        to=["000.00.00.H29"],
        business=3,
        trace=1,
        attachments=[
            ("1", "7-UBND.doc", "application/msword", b"\xd0\xcf\x11\xe0"),
            ("2", "7-UBND.pdf", "application/pdf", b"%PDF-"),
        ],
    ),
    "early_gateway_attachment_data.edxml": dict(
        kind=ex.DocumentPackage,
        signed=False,
        to=["000.00.00.H29"],
        business=0,
        trace=0,
        attachments=[
            ("", "88-UBND-VP.pdf", "application/pdf", b"%PDF-"),
            ("", "bien-ban.txt", "text/plain", "Biên bản".encode()),
        ],
    ),
    "zip_byte_short.edxml": dict(
        kind=ex.DocumentPackage,
        signed=False,
        to=["000.00.00.H29"],
        business=0,
        trace=1,
        attachments=[
            (
                "5d0c2f4e-0000-4000-8000-00000000a001",
                "90-UBND-VP.pdf",
                "application/pdf",
                b"%PDF-",
            )
        ],
    ),
    "status_01_arrived.edxml": dict(
        kind=ex.StatusPackage, code="01", to="000.00.00.G22"
    ),
    "status_03_accepted.edxml": dict(
        kind=ex.StatusPackage, code="03", to="000.00.00.G22"
    ),
    "status_13_takeback.edxml": dict(
        kind=ex.StatusPackage, code="13", to="000.00.00.H29"
    ),
    "status_15_agree.edxml": dict(kind=ex.StatusPackage, code="15", to="000.00.00.G22"),
}


def read_sample(name):
    with open(os.path.join(SAMPLES, name), "rb") as handle:
        return handle.read()


def test_fixtures_the_samples_folder_holds_exactly_the_expected_files():
    """Fixtures: the samples folder holds exactly the expected files."""
    found = sorted(
        os.path.basename(p) for p in glob.glob(os.path.join(SAMPLES, "*.edxml"))
    )
    assert found == sorted(EXPECTED), found


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_parses(name):
    want = EXPECTED[name]
    pkg = ex.parse(read_sample(name))
    assert isinstance(pkg, want["kind"]), type(pkg)
    if want["kind"] is ex.StatusPackage:
        assert pkg.status_code == want["code"]
        assert (
            pkg.response_for["document_id"] and pkg.timestamp and pkg.from_org.organ_id
        )
        assert ex.addressed_to(pkg, want["to"]), pkg.response_for
        return
    assert [o.organ_id for o in pkg.to_orgs] == want["to"]
    assert pkg.signed is want["signed"]
    assert pkg.business.doc_type == want["business"]
    assert len(pkg.trace) == want["trace"]
    assert pkg.subject and pkg.promulgation_date and pkg.code_number
    got = [
        (a.content_id, a.name, a.content_type, a.data[: len(prefix)])
        for a, (_c, _n, _t, prefix) in zip(
            pkg.attachments, want["attachments"], strict=False
        )
    ]
    assert got == want["attachments"] and len(pkg.attachments) == len(got), got


def test_fixture_details_vnpt_zip_bussiness_first_no_namespace():
    """Fixture details: VNPT zip, Bussiness-first, no namespace."""
    vnpt = ex.parse(read_sample("vnpt_zip_signed.edxml"))
    assert vnpt.from_org.name == "Văn phòng Chính phủ" and vnpt.priority == 1
    assert vnpt.response_for == [] and vnpt.business.staff["mobile"] == "0900000000"
    update = ex.parse(read_sample("bussiness_first_bare_cid.edxml"))
    assert update.from_org.name == "" and update.from_org.in_charge == ""
    assert update.trace[1][0] == "" and update.business.receivers == [
        ("001.00.10.H29", 1)
    ]
    assert update.attachments[0].data.endswith(b"%%EOF\n")
    replace = ex.parse(read_sample("no_namespace_replace.edxml"))
    assert replace.promulgation_date == datetime.date(2025, 1, 15)
    assert replace.business.replacement_organ_ids == ["000.00.00.H29", "000.00.14.H29"]


def test_large_legitimate_attachment_40_mib_raw_53_mib_package_parses():
    """Large legitimate attachment (40 MiB raw, 53 MiB package) parses."""
    big = os.urandom(40 * ex.MB)
    data = one_attachment(big, name="scan.pdf", content_type="application/pdf")
    assert ex.MB * 50 < len(data) < ex.Limits().max_package_bytes, len(data)
    pkg = ex.parse(data)
    assert pkg.attachments[0].data == big


def test_tolerance_stray_text_before_the_declaration_utf_16_comments():
    """Tolerance: stray text before the declaration, UTF-16, comments."""
    data = ex.build_document(document())
    assert ex.parse(b"1212" + data) == document()
    utf16 = (
        data.decode("utf-8")
        .replace('encoding="UTF-8"', 'encoding="UTF-16"')
        .encode("utf-16")
    )
    assert ex.parse(utf16) == document()
    commented = data.replace(b"?>\n", b"?>\n<!-- note -->\n<?pi x?>\n", 1)
    assert (
        ex.parse(commented.replace(b"<edXML:Subject>", b"<!--c--><edXML:Subject>"))
        == document()
    )


# -------------------------------------------------------- hostile input

XXE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE edXML [<!ENTITY xxe SYSTEM "%s">]>
<edXML xmlns="%s"><edXMLEnvelope><edXMLHeader><MessageHeader>
<From><OrganId>A</OrganId></From><To><OrganId>B</OrganId></To><CodeNumber>1</CodeNumber>
<Subject>&xxe;</Subject></MessageHeader></edXMLHeader></edXMLEnvelope></edXML>"""

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<edXML><MessageHeader><Subject>&lol9;</Subject></MessageHeader></edXML>"""


def test_xxe_file_etc_passwd_refused_nothing_read():
    """XXE file:///etc/passwd refused, nothing read."""
    data = (XXE % ("file:///etc/passwd", ex.NS)).encode()
    with Spy("_parse_tree") as spy:
        exc = refused("dtd", data)
    assert spy.calls == 0, "the XML parser was reached"
    assert "root:" not in str(exc)
    # Second line of defence, with the prolog scan bypassed: lxml alone loads nothing.
    with tempfile.NamedTemporaryFile("w", suffix=".txt") as secret:
        secret.write(f"TOP-SECRET-{os.getpid()}")
        secret.flush()
        for url in ("file:///etc/passwd", "file://" + secret.name):
            exc, urls = parse_tree_with_resolver((XXE % (url, ex.NS)).encode())
            assert exc is not None and exc.code in ("dtd", "entity"), exc
            assert urls == [], f"libxml2 tried to load {urls}"
            assert "TOP-SECRET" not in str(exc) and "root:" not in str(exc)


def test_billion_laughs_refused_fast_1_s():
    """Billion laughs refused fast (< 1 s)."""
    started = time.perf_counter()
    refused("dtd", LAUGHS)
    first = time.perf_counter() - started
    started = time.perf_counter()
    exc, urls = parse_tree_with_resolver(LAUGHS)  # prolog scan bypassed
    second = time.perf_counter() - started
    assert exc is not None and urls == [], exc
    assert first < 1 and second < 1, (first, second)


def test_external_dtd_refused_system_id_and_parameter_entity():
    """External DTD refused (SYSTEM id and parameter entity)."""
    external = b'<?xml version="1.0"?>\n<!DOCTYPE edXML SYSTEM "http://127.0.0.1:9/evil.dtd">\n<edXML/>'
    parameter = (
        b'<?xml version="1.0"?><!DOCTYPE edXML [<!ENTITY % ext SYSTEM '
        b'"http://127.0.0.1:9/evil.dtd"> %ext;]><edXML/>'
    )
    with Spy("_parse_tree") as spy:
        refused("dtd", external)
        refused("dtd", parameter)
        refused("dtd", b"<!-- c -->\n<!DOCTYPE edXML>\n<edXML/>")
        refused(
            "dtd",
            external.decode()
            .replace('1.0"?>', '1.0" encoding="UTF-16"?>')
            .encode("utf-16"),
        )
        refused(
            "not_xml",
            b'<?xml version="1.0" encoding="UTF-7"?>+ADw-!DOCTYPE x+AD4-<edXML/>',
        )
    assert spy.calls == 0
    for data in (external, parameter):
        exc, urls = parse_tree_with_resolver(data)
        assert exc is not None and exc.code in ("dtd", "entity") and urls == [], (
            exc,
            urls,
        )


def test_zip_bomb_200_mib_of_zeros_declared_as_1_gib_refused_fast():
    """ZIP bomb: 200 MiB of zeros declared as 1 GiB, refused fast."""
    bomb = declare_size(zeros_zip(200), 1 << 30)
    info = zipfile.ZipFile(io.BytesIO(bomb)).infolist()[0]
    assert info.file_size == 1 << 30 and info.compress_size < 400 * 1024
    data = one_attachment(bomb)
    outcome, elapsed, peak = peak_parse(data)
    assert isinstance(outcome, ex.EdxmlError) and outcome.code == "zip_bomb", outcome
    assert elapsed < 1 and peak < 32, (elapsed, peak)
    honest, elapsed2, _peak = peak_parse(one_attachment(zeros_zip(200)))
    assert (
        isinstance(honest, ex.EdxmlError) and honest.code == "zip_bomb" and elapsed2 < 1
    )


def test_zip_bomb_lying_small_declared_size_never_fully_inflates():
    """ZIP bomb: lying small declared size never fully inflates."""
    bomb = declare_size(zeros_zip(200), 1 << 20)  # declares 1 MiB, holds 200 MiB
    outcome, elapsed, peak = peak_parse(one_attachment(bomb))
    assert isinstance(outcome, ex.EdxmlError), outcome
    assert outcome.code in ("zip_bomb", "zip_invalid"), outcome
    assert elapsed < 1 and peak < 32, (elapsed, peak)


def test_zip_limits_ratio_and_size_with_small_limits():
    """ZIP limits: ratio and size with small limits."""
    small = ex.Limits(max_zip_ratio=10, zip_ratio_grace_bytes=0)
    refused("zip_bomb", one_attachment(zip_of([("a.pdf", bytes(300 * 1024))])), small)
    noise = os.urandom(300 * 1024)
    refused(
        "attachment_too_big",
        one_attachment(zip_of([("a.pdf", noise)])),
        ex.Limits(max_attachment_bytes=200 * 1024),
    )
    refused(
        "attachment_too_big",
        one_attachment(noise, content_type="application/pdf"),
        ex.Limits(max_attachment_bytes=200 * 1024),
    )
    # A legitimate wrapped file within the limits is unwrapped, name from
    # AttachmentName.
    pkg = ex.parse(one_attachment(zip_of([("0b7f.PDF", PDF)]), name="Quyết định.pdf"))
    att = pkg.attachments[0]
    assert (att.name, att.content_type, att.data) == (
        "Quyết định.pdf",
        "application/pdf",
        PDF,
    ), att


def test_zip_with_two_entries_refused():
    """ZIP with two entries refused."""
    two = zip_of([("a.pdf", PDF), ("b.pdf", PDF)])
    exc = refused("zip_invalid", one_attachment(two))
    assert "2 entries" in exc.detail, exc.detail
    refused("zip_invalid", one_attachment(zip_of([("a.pdf", PDF)], zipfile.ZIP_BZIP2)))
    refused("zip_invalid", one_attachment(b"PK\x03\x04 truncated garbage"))
    # A genuine .zip sent as is and a raw .docx are files, not wrappers.
    assert ex.parse(one_attachment(two, name="ho-so.zip")).attachments[0].data == two
    assert (
        ex.parse(one_attachment(two, name="a.docx", content_type="application/docx"))
        .attachments[0]
        .data
        == two
    )


def test_oversized_package_refused_by_size_before_parsing():
    """Oversized package refused by size before parsing."""
    data = ex.build_document(document())
    with Spy("_check_prolog") as prolog, Spy("_parse_tree") as tree:
        refused("too_big", data, ex.Limits(max_package_bytes=len(data) - 1))
        started = time.perf_counter()
        refused("too_big", b"<" * (60 * ex.MB + 1))
        elapsed = time.perf_counter() - started
    assert prolog.calls == 0 and tree.calls == 0
    assert elapsed < 0.5, elapsed
    refused("too_big", b"<edXML>" + b"<a/>" * 30000 + b"</edXML>")  # tag count


def test_too_many_attachments_refused():
    """Too many attachments refused."""
    atts = [
        ex.Attachment(f"c{i}", f"f{i}.pdf", "application/pdf", "", PDF)
        for i in range(51)
    ]
    refused("too_many_attachments", ex.build_document(document(attachments=atts)))
    refused(
        "too_many_attachments",
        ex.build_document(document()),
        ex.Limits(max_attachments=1),
    )


def test_cid_mismatch_manifest_id_without_attachment_refused():
    """Cid mismatch (manifest id without attachment) refused."""
    data = ex.build_document(document())
    broken = data.replace(
        b"<edXML:ContentId>cid:d4e5f6<", b"<edXML:ContentId>cid:zz9<", 1
    )
    assert broken != data
    refused("cid_mismatch", broken, detail="zz9")


def test_missing_subject_refused():
    """Missing Subject refused."""
    data = ex.build_document(document())
    broken = re.sub(rb"<edXML:Subject>.*?</edXML:Subject>", b"", data, count=1)
    assert broken != data
    refused("missing_field", broken, detail="Subject")
    no_to = re.sub(rb"<edXML:To>.*?</edXML:To>", b"", data, flags=re.DOTALL)
    refused("missing_field", no_to, detail="To/OrganId")


def test_not_xml_refused():
    """Not XML refused."""
    for data in (
        b"",
        b"   ",
        b"hello world",
        PDF,
        b"<edXML><MessageHeader>",
        b"\x00\x01\x02",
        b"<edXML><unclosed></edXML>",
        b"<?xml version='1.0'?>",
        b"<a>&undefined;</a>",
    ):
        refused("not_xml", data)
    refused("missing_field", "<edXML/>".encode("utf-32"), detail="MessageHeader")


def _with_payload(data, payload):
    """``data`` with its first attachment's base64 text replaced by ``payload``."""
    return re.sub(
        rb'(ContentTransferEncoded xmlns:edXML="[^"]+">)[^<]+',
        lambda m: m.group(1) + payload,
        data,
        count=1,
    )


def test_base64_wrapped_in_lines_or_unicode_spaces_is_read():
    """A sender's base64 broken into 76-character lines (CRLF, tabs) or spaced with
    Unicode whitespace decodes to the same bytes."""
    data = ex.build_document(document())
    want = ex.parse(data).attachments[0].data
    text = base64.b64encode(want)
    lines = b"\r\n\t".join(text[i : i + 76] for i in range(0, len(text), 76))
    assert ex.parse(_with_payload(data, lines)).attachments[0].data == want
    spaced = "\u00a0".join(
        text[i : i + 64].decode() for i in range(0, len(text), 64)
    ).encode()
    assert ex.parse(_with_payload(data, spaced)).attachments[0].data == want


def test_other_refusals_namespace_base64_root_status_fields():
    """Other refusals: namespace, base64, root, status fields."""
    refused("bad_namespace", b'<EdXMLEnvelope xmlns="http://www.go.vn/eDoc"/>')
    refused("missing_field", b"<root/>", detail="edXML")
    refused(
        "missing_field", b'<edXML xmlns="%s"/>' % ex.NS.encode(), detail="MessageHeader"
    )
    data = ex.build_document(document())
    bad = re.sub(
        rb'(ContentTransferEncoded xmlns:edXML="[^"]+">)[^<]+',
        rb"\1!!not base64!!",
        data,
        count=1,
    )
    refused("bad_attachment", bad)
    no_payload = re.sub(
        rb"<edXML:ContentTransferEncoded .*?</edXML:ContentTransferEncoded>",
        b"",
        data,
        count=1,
        flags=re.DOTALL,
    )
    refused("bad_attachment", no_payload)
    for wrong in (b"QUJD==QUJD", b"=QUJD", b"QUJDRA=", "QUJDé".encode()):
        refused("bad_attachment", _with_payload(data, wrong))
    status_data = ex.build_status(status())
    no_from = re.sub(
        rb"<edXML:From>.*?</edXML:From>", b"", status_data, flags=re.DOTALL
    )
    refused("missing_field", no_from, detail="From/OrganId")
