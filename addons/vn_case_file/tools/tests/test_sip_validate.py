# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Checking received SIP_hoso packages (R-CF2: handover to the archive)."""

import io
import stat
import zipfile

import pytest
from sip_helpers import FILE_CODE, PACKAGE_UUID, replace_entries, rezip, unzip
from sip_hoso import validate_sip
from sip_hoso.xmlsafe import parse_xml

OBJID = "uuid-" + str(PACKAGE_UUID).upper()
PDF1 = f"representations/rep1/data/{FILE_CODE}.1.pdf"
EAD = "metadata/descriptive/EAD.xml"


def _joined(problems):
    return "\n".join(problems)


def test_tampered_pdf_reported(package):
    """R-CF2: a PDF changed inside the zip no longer matches its SHA-256 in METS."""
    entries = unzip(package[1])
    pdf = entries[f"{OBJID}/{PDF1}"]
    data = replace_entries(
        package[1], {PDF1: pdf.replace(b"Van ban", b"Van BAN")}, rehash=False
    )
    problems = validate_sip(data)
    assert f"“{PDF1}”: mã băm SHA-256 không khớp" in _joined(problems)


def test_tampered_size_reported(package):
    """R-CF2: a file with bytes appended is reported for its SIZE and its hash."""
    entries = unzip(package[1])
    data = replace_entries(
        package[1], {PDF1: entries[f"{OBJID}/{PDF1}"] + b"\n"}, rehash=False
    )
    text = _joined(validate_sip(data))
    assert "kích thước khác SIZE" in text and "SHA-256 không khớp" in text


def test_missing_file_reported(package):
    """R-CF2: a file listed by METS but absent from the zip is reported."""
    entries = unzip(package[1])
    del entries[f"{OBJID}/{PDF1}"]
    problems = validate_sip(rezip(entries))
    assert f"Thiếu tệp “{PDF1}” mà METS liệt kê." in problems


def test_extra_file_reported(package):
    """R-CF2: a file in the zip that no METS lists is reported."""
    entries = unzip(package[1])
    entries[f"{OBJID}/representations/rep1/data/extra.pdf"] = b"%PDF-1.4\n"
    problems = validate_sip(rezip(entries))
    assert problems == [
        "Tệp không được METS tham chiếu: “representations/rep1/data/extra.pdf”."
    ]


def test_root_folder_must_be_objid(package):
    """R-CF2: the package's single folder is named by the METS OBJID."""
    entries = unzip(package[1])
    renamed = {n.replace(OBJID, "uuid-OTHER", 1): d for n, d in entries.items()}
    assert "khác OBJID" in _joined(validate_sip(rezip(renamed)))
    entries["stray.txt"] = b"x"
    assert "đúng một thư mục gốc" in _joined(validate_sip(rezip(entries)))


def test_schema_invalid_ead_reported(package):
    """R-CF2: an EAD.xml with a maintenance code outside 01–07 fails ead_hoso.xsd,
    even with its hashes made to match."""
    ead = unzip(package[1])[f"{OBJID}/{EAD}"]
    bad = ead.replace(b"<maintenance>05<", b"<maintenance>09<")
    problems = validate_sip(replace_entries(package[1], {EAD: bad}, rehash=True))
    assert len(problems) == 1 and "không đúng lược đồ ead_hoso" in problems[0]


def test_schema_invalid_mets_reported(package):
    """R-CF2: a METS with an OAISPACKAGETYPE outside the CSIP list fails the schema
    (the DILCIS extension is validated, not only admitted)."""
    entries = unzip(package[1])
    name = f"{OBJID}/METS.xml"
    entries[name] = entries[name].replace(
        b'csip:OAISPACKAGETYPE="SIP"', b'csip:OAISPACKAGETYPE="XIP"'
    )
    assert "không đúng lược đồ mets" in _joined(validate_sip(rezip(entries)))


def test_totals_checked(package):
    """R-CF2: EAD.xml's totalDoc must count the EAD_DOC files of the package."""
    ead = unzip(package[1])[f"{OBJID}/{EAD}"]
    bad = ead.replace(b"<totalDoc>3<", b"<totalDoc>4<")
    problems = validate_sip(replace_entries(package[1], {EAD: bad}, rehash=True))
    assert problems == ["EAD.xml: totalDoc = 4 nhưng gói có 3 EAD_DOC."]


def test_rehashed_package_still_valid(package):
    """The test helper itself: re-hashing an unchanged package keeps it valid."""
    assert validate_sip(replace_entries(package[1], {}, rehash=True)) == []


@pytest.mark.parametrize(
    "name",
    [
        f"{OBJID}/../evil.txt",
        "../evil.txt",
        "/etc/evil.txt",
        f"{OBJID}\\..\\evil.txt",
        "C:/evil.txt",
    ],
)
def test_unsafe_paths_refused(package, name):
    """R-CF2: entries with "..", absolute or Windows paths are refused outright."""
    entries = unzip(package[1])
    entries[name] = b"x"
    problems = validate_sip(rezip(entries))
    assert problems == [f"Đường dẫn không an toàn trong zip: “{name}”."]


def test_symlink_refused(package):
    """R-CF2: a symbolic link inside the zip is refused."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in unzip(package[1]).items():
            zf.writestr(name, data)
        info = zipfile.ZipInfo(f"{OBJID}/link")
        info.create_system = 3
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(info, "/etc/passwd")
    assert "liên kết tượng trưng" in _joined(validate_sip(buf.getvalue()))


def test_zip_bomb_refused():
    """R-CF2: 200 MB of zeros compressed into a small zip is refused unread."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        with zf.open(f"{OBJID}/representations/rep1/data/x.pdf", "w") as f:
            chunk = bytes(1024 * 1024)
            for _ in range(200):
                f.write(chunk)
    data = buf.getvalue()
    assert len(data) < 1024 * 1024
    assert "nghi zip bomb" in _joined(validate_sip(data))
    size_limited = validate_sip(data, max_ratio=10**6, max_total_size=100 * 1024**2)
    assert "Dung lượng giải nén" in _joined(size_limited)


def test_too_many_entries_refused(package):
    """R-CF2: a zip with more entries than the limit is refused."""
    problems = validate_sip(package[1], max_entries=5)
    assert problems == ["Zip có quá nhiều mục (19 > 5)."]


def test_not_a_zip():
    """R-CF2: bytes that are no zip are reported, not raised."""
    assert "không phải zip" in _joined(validate_sip(b"not a zip"))


def test_xxe_not_resolved(package, tmp_path):
    """R-CF2: an EAD.xml declaring an external entity (XXE) is refused and the
    entity is never read, even with the package's hashes made to match."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    ead = unzip(package[1])[f"{OBJID}/{EAD}"].decode()
    hostile = ead.replace(
        "<simpledc",
        f'<!DOCTYPE simpledc [<!ENTITY xxe SYSTEM "file://{secret}">]>\n<simpledc',
        1,
    ).replace(f"<fileCode>{FILE_CODE}<", "<fileCode>&xxe;<")
    data = replace_entries(package[1], {EAD: hostile.encode()}, rehash=True)
    problems = validate_sip(data)
    assert problems and "DOCTYPE" in _joined(problems)
    assert "TOP-SECRET-VALUE" not in _joined(problems)


def test_parser_expands_no_entity(tmp_path):
    """R-CF2: the parser used on received XML expands no external or internal entity."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    xml = (
        f'<!DOCTYPE a [<!ENTITY xxe SYSTEM "file://{secret}">'
        '<!ENTITY lol "lol">]><a>&xxe;&lol;</a>'
    ).encode()
    with pytest.raises(ValueError, match="DOCTYPE"):
        parse_xml(xml)
    from lxml import etree
    from sip_hoso.xmlsafe import safe_parser

    root = etree.fromstring(xml, parser=safe_parser())
    assert "TOP-SECRET-VALUE" not in etree.tostring(root).decode()
    assert "lol</a>" not in etree.tostring(root).decode()
