# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""LibreOffice conversion of a .docx before signing, and the demo images."""

import io
import zipfile

import demo_images
import office_convert
import pytest
import signature_validation
from signing import layout, sign


def minimal_docx(text):
    """A .docx made of the three mandatory OOXML parts."""
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
        'main"><w:body>'
        + "".join(
            f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in text.splitlines()
        )
        + "</w:body></w:document>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", content_types)
        zf.writestr("_rels/.rels", rels)
        zf.writestr("word/document.xml", document)
    return buf.getvalue()


@pytest.mark.skipif(
    not office_convert.find_soffice(), reason="LibreOffice not installed"
)
def test_docx_converted_then_signed(fixtures, signer_p12, agency_p12, trust):
    docx = minimal_docx(
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nQUYẾT ĐỊNH "
        "về việc thử nghiệm"
    )
    data = office_convert.convert_to_pdf(docx, "Dự thảo quyết định.docx")
    assert data.startswith(b"%PDF")
    prepared = layout.prepare_for_signing(
        data, layout.SignatureBlock(["CHỦ TỊCH"], "Nguyễn Văn An")
    )
    signed = sign.sign_as_signer(
        prepared, signer_p12, demo_images.signature_png("Nguyễn Văn An")
    )
    filled = sign.fill_number_and_date(signed, "Số: 05/QĐ-UBND", "Ngày 22/11/2026")
    issued = sign.sign_as_agency(
        filled, agency_p12, demo_images.seal_png("Ủy ban nhân dân phường")
    )
    results = signature_validation.validate_pdf(issued, *trust)
    assert len(results) == 2 and all(r["bottom_line"] for r in results), results


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [(b"x", "a.txt", "unsupported"), (b"x" * 99, "a.docx", "failed")],
)
def test_conversion_errors(data, name, code):
    if code == "failed" and not office_convert.find_soffice():
        pytest.skip("LibreOffice not installed")
    with pytest.raises(office_convert.ConversionError) as caught:
        office_convert.convert_to_pdf(data, name)
    assert caught.value.code == code


def test_demo_images_sizes_and_transparency():
    from PIL import Image

    signature = Image.open(io.BytesIO(demo_images.signature_png("Nguyễn Văn An")))
    seal = Image.open(io.BytesIO(demo_images.seal_png("Ủy ban nhân dân phường")))
    assert (signature.mode, signature.size) == ("RGBA", (600, 300))
    assert (seal.mode, seal.size) == ("RGBA", (600, 600))
    assert signature.getpixel((0, 0))[3] == 0 and seal.getpixel((0, 0))[3] == 0
