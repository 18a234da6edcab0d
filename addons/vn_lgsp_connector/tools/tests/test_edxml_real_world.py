# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""edXML as real senders send it: the early gateways' ``edXMLAttachments`` layout and
ZIP attachments whose central directory is damaged or a byte short (read from the
local headers as Java's ``ZipInputStream`` does), with the same limits."""

import base64
import datetime
import io
import os
import random
import re
import struct
import tracemalloc
import zipfile
import zlib

import edxml as ex
import pytest

SAMPLES = os.path.join(os.path.dirname(os.path.abspath(ex.__file__)), "samples")
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
TEXT = ("Công văn số 12/UBND-VP về việc phối hợp. " * 200).encode()
_RNG = random.Random(16)
# 2 MiB, partly compressible: the deflate stream ends in a later chunk than it starts,
# after output-limited calls (what a real scan looks like to the inflater).
LARGE = b"%PDF-1.7\n" + b"".join(
    _RNG.randbytes(64) + b" stream 0123456789 " * 8 for _ in range(9000)
)


def read_sample(name):
    with open(os.path.join(SAMPLES, name), "rb") as handle:
        return handle.read()


def refused(code, data, limits=None):
    with pytest.raises(ex.EdxmlError) as caught:
        ex.parse(data, limits or ex.Limits())
    assert caught.value.code == code, (caught.value.code, caught.value.detail)
    return caught.value


# ------------------------------------------------------------------ builders


class _Sink(io.BytesIO):
    """A stream zipfile cannot seek back in: it then writes data descriptors (flag
    bit 3) after deflated data, as Java's ZipOutputStream (VNPT's CompressUtils)
    does."""

    def seek(self, *args):
        raise OSError("not seekable")


def java_zip(entries, method=zipfile.ZIP_DEFLATED):
    sink = _Sink()
    with zipfile.ZipFile(sink, "w", method) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return sink.getvalue()


def plain_zip(entries, method=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return buf.getvalue()


def central(data):
    """Offset of the central directory (from the end record)."""
    eocd = data.rindex(b"PK\x05\x06")
    return struct.unpack_from("<I", data, eocd + 16)[0]


def garble_directory(data):
    """The central directory's signature and name overwritten."""
    data = bytearray(data)
    start = central(data)
    data[start : start + 46] = b"\xa5" * 46
    return bytes(data)


def wrapped(zipped, name="vanban.pdf"):
    """A package whose one attachment is ``zipped``, VNPT style (application/zip)."""
    pkg = ex.DocumentPackage(
        from_org=ex.Organization(organ_id="000.00.41.H29"),
        to_orgs=[ex.Organization(organ_id="000.00.00.H29")],
        document_id="000.00.41.H29,2025/11/18,90/UBND-VP",
        code_number="90",
        code_notation="UBND-VP",
        place="Quận 1",
        promulgation_date=datetime.date(2025, 11, 18),
        type=1,
        type_detail=18,
        type_name="Công văn",
        subject="V/v thử",
        attachments=[ex.Attachment("a1", name, "application/zip", "", zipped)],
    )
    return ex.build_document(pkg)


_TEMPLATE = {}


def rewrapped(zipped):
    """:func:`wrapped` without building the package again (fuzzing loops)."""
    if not _TEMPLATE:
        _TEMPLATE["data"] = wrapped(b"@@")
    return _TEMPLATE["data"].replace(
        base64.b64encode(b"@@"), base64.b64encode(zipped), 1
    )


def early(attachments, manifest=b""):
    """A package in the early gateways' layout; ``attachments`` are XML fragments."""
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<edXML xmlns="%s">'
        b'<edXML:edXMLEnvelope xmlns:edXML="%s"><edXML:edXMLHeader>'
        b"<edXML:MessageHeader><edXML:From><edXML:OrganId>A</edXML:OrganId>"
        b"</edXML:From><edXML:To><edXML:OrganId>B</edXML:OrganId></edXML:To>"
        b"<edXML:DocumentId>A,2025/11/17,1/X</edXML:DocumentId>"
        b"<edXML:Subject>S</edXML:Subject></edXML:MessageHeader></edXML:edXMLHeader>"
        b"<edXML:edXMLBody>%s</edXML:edXMLBody><edXML:edXMLAttachments>%s"
        b"</edXML:edXMLAttachments></edXML:edXMLEnvelope></edXML>"
    ) % (ex.NS.encode(), ex.NS.encode(), manifest, b"".join(attachments))


def early_file(name, data, kind="PDF", size=None, extra=b""):
    payload = data if isinstance(data, bytes) and data[:1] == b"!" else None
    encoded = payload or base64.b64encode(data)
    return (
        b"<edXML:Attachment>%s<edXML:AttachmentName>%s</edXML:AttachmentName>"
        b"<edXML:AttachmentType>%s</edXML:AttachmentType>"
        b"<edXML:AttachmentSize>%d</edXML:AttachmentSize>"
        b"<edXML:AttachmentData>%s</edXML:AttachmentData></edXML:Attachment>"
    ) % (
        extra,
        name.encode(),
        kind.encode(),
        len(data) if size is None else size,
        encoded,
    )


def payload_of(pkg):
    return pkg.attachments[0].data


# ------------------------------------------------- early gateways' layout


def test_early_layout_sample_has_its_files_named_and_typed():
    """The early layout: files under edXMLEnvelope/edXMLAttachments, no manifest, no
    ContentId; AttachmentType is a file kind mapped to its MIME type."""
    pkg = ex.parse(read_sample("early_gateway_attachment_data.edxml"))
    assert [(a.name, a.content_type) for a in pkg.attachments] == [
        ("88-UBND-VP.pdf", "application/pdf"),
        ("bien-ban.txt", "text/plain"),
    ]
    assert pkg.attachments[0].data.endswith(b"%%EOF\n")
    assert pkg.subject == "V/v gửi biên bản họp giao ban tuần 47"
    assert pkg.code_number == "88" and pkg.signer_name == "Nguyễn Văn Mẫu"


def test_early_layout_same_limits_as_the_standard_one():
    """Count, size, base64 strictness and the declared size hold for AttachmentData."""
    one = early_file("a.pdf", PDF)
    assert payload_of(ex.parse(early([one]))) == PDF
    refused("too_many_attachments", early([one] * 3), ex.Limits(max_attachments=2))
    refused(
        "attachment_too_big",
        early([early_file("a.pdf", os.urandom(3000))]),
        ex.Limits(max_attachment_bytes=2048),
    )
    refused("bad_attachment", early([early_file("a.pdf", b"!!not base64!!", size=3)]))
    exc = refused(
        "bad_attachment", early([early_file("a.pdf", PDF, size=len(PDF) + 1)])
    )
    assert "AttachmentSize" in exc.detail
    no_data = re.sub(rb"<edXML:AttachmentData>.*?</edXML:AttachmentData>", b"", one)
    refused("bad_attachment", early([no_data]))
    refused(
        "too_big",
        early([early_file("a.pdf", PDF), early_file("b.pdf", PDF)]),
        ex.Limits(max_total_attachment_bytes=len(PDF) + 1),
    )


def test_early_layout_zip_wrapped_and_manifest_rules_unchanged():
    """A ZIP payload is unwrapped (AttachmentSize may count either form); a manifest,
    when present, is matched by ContentId as in the standard layout."""
    zipped = java_zip([("x.pdf", PDF)])
    for size in (len(zipped), len(PDF)):
        pkg = ex.parse(early([early_file("a.pdf", zipped, "application/zip", size)]))
        assert (pkg.attachments[0].data, pkg.attachments[0].content_type) == (
            PDF,
            "application/pdf",
        )
    reference = (
        b"<edXML:edXMLManifest><edXML:Reference><edXML:ContentId>cid:%s"
        b"</edXML:ContentId></edXML:Reference></edXML:edXMLManifest>"
    )
    tagged = early_file("a.pdf", PDF, extra=b"<edXML:ContentId>7</edXML:ContentId>")
    pkg = ex.parse(early([tagged], manifest=reference % b"7"))
    assert [a.content_id for a in pkg.attachments] == ["7"]
    refused("cid_mismatch", early([tagged], manifest=reference % b"8"))


# ---------------------------------------------------------- ZIP recovery


def test_byte_short_zip_sample_read_from_local_headers():
    """The sample's ZIP ends a byte short: zipfile cannot open it, the local headers
    give the file (data descriptor, CRC-32 checked)."""
    data = read_sample("zip_byte_short.edxml")
    raw = base64.b64decode(re.search(rb"TransferEncoded[^>]*>([^<]+)<", data).group(1))
    with pytest.raises(zipfile.BadZipFile):
        zipfile.ZipFile(io.BytesIO(raw))
    assert raw[6] & 0x08, "sizes in a data descriptor, as Java writes them"
    att = ex.parse(data).attachments[0]
    assert (att.name, att.content_type, att.data[:8]) == (
        "90-UBND-VP.pdf",
        "application/pdf",
        b"%PDF-1.4",
    )


@pytest.mark.parametrize("writer", [java_zip, plain_zip])
@pytest.mark.parametrize(
    "damage",
    [
        lambda z: z[:-1],
        lambda z: z[:-22],
        lambda z: z[: central(z) + 10],
        lambda z: z[: central(z)],
        garble_directory,
    ],
    ids=["byte-short", "no-end-record", "cut-directory", "no-directory", "garbled"],
)
def test_damaged_directory_recovered(writer, damage):
    """A byte-short, cut or garbled central directory: the entry is still read."""
    for content in (PDF, TEXT, os.urandom(5000), LARGE):
        zipped = damage(writer([("0b7f.pdf", content)]))
        assert payload_of(ex.parse(wrapped(zipped))) == content


def test_directory_pointing_at_the_wrong_offset_recovered():
    """The directory's own fields garbled (local header offset): the local headers
    decide, as they do for Java."""
    zipped = bytearray(plain_zip([("a.pdf", TEXT)]))
    struct.pack_into("<I", zipped, central(zipped) + 42, 7)
    assert payload_of(ex.parse(wrapped(bytes(zipped)))) == TEXT


def test_stored_entry_through_recovery():
    """Method 0 (stored) read from its local header; a flipped byte is a CRC error;
    stored data with a descriptor has no known end and is refused."""
    zipped = plain_zip([("a.pdf", PDF)], zipfile.ZIP_STORED)
    assert payload_of(ex.parse(wrapped(zipped[:-1]))) == PDF
    flipped = bytearray(zipped[:-1])
    flipped[flipped.index(b"%PDF") + 5] ^= 0x01
    exc = refused("zip_damaged", wrapped(bytes(flipped)))
    assert "CRC-32" in exc.detail
    described = bytearray(zipped[:-1])
    described[6] |= 0x08
    exc = refused("zip_invalid", wrapped(bytes(described)))
    assert "data descriptor" in exc.detail


def test_damaged_entry_refused_with_its_reason():
    """CRC mismatch, bad deflate stream, truncated data or descriptor, sizes that
    differ: zip_damaged with the file's name and the cause, directory intact or not."""
    noise = os.urandom(4000)
    for writer in (java_zip, plain_zip):
        for cut in (0, 1):
            zipped = bytearray(writer([("a.pdf", noise)]))
            zipped[200] ^= 0xFF  # inside the data (stored deflate blocks of noise)
            data = bytes(zipped[: len(zipped) - cut])
            exc = refused("zip_damaged", wrapped(data))
            assert exc.detail.startswith("vanban.pdf: ") and "CRC-32" in exc.detail
    text = java_zip([("a.pdf", TEXT)])
    bad_stream = bytearray(text)
    bad_stream[60:64] = b"\xff\xff\xff\xff"
    assert refused("zip_damaged", wrapped(bytes(bad_stream))).detail
    start = 30 + len("a.pdf")
    exc = refused("zip_damaged", wrapped(text[: start + 40]))
    assert "truncated data" in exc.detail
    descriptor = text.index(b"PK\x07\x08")
    exc = refused("zip_damaged", wrapped(text[: descriptor + 8]))
    assert "truncated data descriptor" in exc.detail
    wrong_size = bytearray(text[: central(text)])
    struct.pack_into("<I", wrong_size, descriptor + 12, len(TEXT) + 1)
    assert "sizes" in refused("zip_damaged", wrapped(bytes(wrong_size))).detail


def test_rules_hold_through_recovery():
    """Two entries, encryption, other methods, ZIP64 and garbage are refused as
    before; an OOXML file labelled application/zip is a file, not a wrapper."""
    two = plain_zip([("a.pdf", PDF), ("b.pdf", PDF)])
    exc = refused("zip_invalid", wrapped(two[:-1]))
    assert "2 entries" in exc.detail
    docx = ex.parse(wrapped(two[:-1], name="a.docx"))
    assert payload_of(docx) == two[:-1]
    encrypted = bytearray(plain_zip([("a.pdf", PDF)])[:-1])
    encrypted[6] |= 0x01
    assert "encrypted" in refused("zip_invalid", wrapped(bytes(encrypted))).detail
    bzip = plain_zip([("a.pdf", PDF)], zipfile.ZIP_BZIP2)[:-1]
    assert "method 12" in refused("zip_invalid", wrapped(bzip)).detail
    zip64 = bytearray(plain_zip([("a.pdf", PDF)])[:-1])
    struct.pack_into("<I", zip64, 22, 0xFFFFFFFF)
    assert "ZIP64" in refused("zip_invalid", wrapped(bytes(zip64))).detail
    folder = plain_zip([("dir/", b"")], zipfile.ZIP_STORED)[:-1]
    refused("zip_invalid", wrapped(folder))
    refused("zip_invalid", wrapped(b"PK\x03\x04" + b"\x14" * 20))


def zeros(megabytes, writer=plain_zip):
    return writer([("bomb.pdf", bytes(megabytes << 20))])


def bounded(data, limits=None):
    """(outcome, peak MiB traced beyond the input) of one parse."""
    tracemalloc.start()
    try:
        outcome = ex.parse(data, limits or ex.Limits())
    except ex.EdxmlError as exc:
        outcome = exc
    peak = tracemalloc.get_traced_memory()[1] / ex.MB
    tracemalloc.stop()
    return outcome, peak


@pytest.mark.parametrize("writer", [plain_zip, java_zip])
def test_bomb_through_recovery_refused_fast_and_bounded(writer):
    """64 MiB of zeros behind a byte-short directory: the ratio limit stops the
    inflation early (sizes declared in the header, or only in a descriptor); memory
    stays far below the bomb's size."""
    bomb = zeros(64, writer)[:-1]
    outcome, peak = bounded(wrapped(bomb))
    assert isinstance(outcome, ex.EdxmlError) and outcome.code == "zip_bomb", outcome
    assert peak < 16, peak


def test_lying_sizes_through_recovery_refused():
    """A header that declares 1 MiB but holds 64 MiB, directory cut: a bomb; a
    lying ratio with small limits too; an entry larger than allowed."""
    bomb = bytearray(zeros(64)[:-1])
    struct.pack_into("<I", bomb, 22, 1 << 20)
    outcome, peak = bounded(wrapped(bytes(bomb)))
    assert outcome.code == "zip_bomb" and peak < 16, (outcome, peak)
    small = ex.Limits(max_zip_ratio=10, zip_ratio_grace_bytes=0)
    refused("zip_bomb", wrapped(java_zip([("a.pdf", bytes(300 << 10))])[:-1]), small)
    noise = java_zip([("a.pdf", os.urandom(300 << 10))])[:-1]
    refused(
        "attachment_too_big", wrapped(noise), ex.Limits(max_attachment_bytes=200 << 10)
    )


# ------------------------------------------------------------------- fuzzing


def _mutations(seed, zipped, rounds):
    rng = random.Random(seed)
    for _ in range(rounds):
        data = bytearray(zipped)
        kind = rng.randrange(3)
        if kind == 0:
            data = data[: rng.randrange(4, len(data))]
        else:
            for _flip in range(rng.randrange(1, 4)):
                data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
            if kind == 2:
                data = data[: rng.randrange(4, len(data))]
        data[:4] = b"PK\x03\x04"
        yield bytes(data)


@pytest.mark.parametrize(
    "source",
    [
        lambda: java_zip([("a.pdf", TEXT)]),
        lambda: plain_zip([("a.pdf", PDF)], zipfile.ZIP_STORED),
        lambda: plain_zip([("a.pdf", TEXT), ("b.pdf", PDF)]),
        lambda: zeros(4, java_zip),
    ],
    ids=["java-deflate", "stored", "two-entries", "bomb"],
)
def test_fuzz_truncations_and_bit_flips_end_clean(source):
    """Random truncations and bit flips of the ZIP: the attachment reader ends with a
    file or an EdxmlError, nothing else, and never holds more memory than the limits
    allow; a sample of them through the whole parser too."""
    zipped = source()
    limits = ex.Limits(max_attachment_bytes=1 << 20)
    mutations = list(_mutations(len(zipped), zipped, 300))
    tracemalloc.start()
    outcomes = set()
    try:
        for data in mutations:
            try:
                ex._unwrap_zip(data, "a.pdf", limits)
                outcomes.add("parsed")
            except ex.EdxmlError as exc:
                outcomes.add(exc.code)
        peak = tracemalloc.get_traced_memory()[1] / ex.MB
    finally:
        tracemalloc.stop()
    assert outcomes <= {
        "parsed",
        "zip_invalid",
        "zip_damaged",
        "zip_bomb",
        "attachment_too_big",
    }, outcomes
    assert peak < 8, peak
    for data in mutations[:20]:
        try:
            ex.parse(rewrapped(data), limits)
            outcomes.add("parsed")
        except ex.EdxmlError as exc:
            outcomes.add(exc.code)
    assert outcomes <= {
        "parsed",
        "zip_invalid",
        "zip_damaged",
        "zip_bomb",
        "attachment_too_big",
    }, outcomes


def test_java_reader_agrees_when_present():
    """Cross-check with java.util.zip.ZipInputStream when a JDK is installed (the
    byte-short sample's entry: same bytes, same CRC-32)."""
    import shutil
    import subprocess
    import tempfile

    if not (shutil.which("java") and shutil.which("javac")):
        pytest.skip("no JDK on this machine")
    data = read_sample("zip_byte_short.edxml")
    raw = base64.b64decode(re.search(rb"TransferEncoded[^>]*>([^<]+)<", data).group(1))
    source = (
        "import java.io.*;import java.util.zip.*;import java.nio.file.*;"
        "public class R{public static void main(String[] a)throws Exception{"
        "ZipInputStream z=new ZipInputStream(new ByteArrayInputStream("
        "Files.readAllBytes(Paths.get(a[0]))));z.getNextEntry();"
        "ByteArrayOutputStream o=new ByteArrayOutputStream();byte[] b=new byte[4096];"
        "int k;while((k=z.read(b))>0)o.write(b,0,k);CRC32 c=new CRC32();"
        'c.update(o.toByteArray());System.out.print(o.size()+" "+c.getValue());}}'
    )
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "R.java"), "w") as handle:
            handle.write(source)
        with open(os.path.join(tmp, "a.zip"), "wb") as handle:
            handle.write(raw)
        subprocess.run(["javac", "R.java"], cwd=tmp, check=True, timeout=120)
        out = subprocess.run(
            ["java", "-cp", tmp, "R", os.path.join(tmp, "a.zip")],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout.split()
    ours = ex.parse(data).attachments[0].data
    assert [int(v) for v in out] == [len(ours), zlib.crc32(ours)]
