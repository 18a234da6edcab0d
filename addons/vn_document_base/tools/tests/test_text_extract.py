# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The text of stored files without Odoo: PDF text layer page by page, DOCX and ODT
paragraphs in order with their tables, plain text, and the limits on hostile
archives (issue 16)."""

import io
import zipfile

import pytest
import text_extract
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def make_pdf(pages):
    if "TestSerif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("TestSerif", FONT))
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    for text in pages:
        pdf.setFont("TestSerif", 12)
        if text:
            pdf.drawString(60, 760, text)
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


def make_zip(members):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buf.getvalue()


def make_docx(body):
    xml = f'<?xml version="1.0"?><w:document {W}><w:body>{body}</w:body></w:document>'
    return make_zip(
        {"[Content_Types].xml": "<Types/>", "word/document.xml": xml.encode()}
    )


def para(text):
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def test_pdf_pages_in_order_without_trailing_form_feed():
    data = make_pdf(["Ủy ban nhân dân phường Bến Thành", "", "Quyết định số 15"])
    pages = text_extract.pdf_pages_text(data)
    assert len(pages) == 3
    assert "Ủy ban nhân dân phường Bến Thành" in pages[0]
    assert pages[1].strip() == ""
    assert "Quyết định số 15" in pages[2]
    assert not any(text_extract.PAGE_BREAK in page for page in pages)
    assert text_extract.has_text_layer(pages)
    assert text_extract.pdf_pages_text(data, max_pages=2)[1:] == pages[1:2]


def test_pdf_without_text_has_no_layer():
    assert not text_extract.has_text_layer(text_extract.pdf_pages_text(make_pdf([""])))


def test_docx_paragraphs_tables_breaks_in_order():
    body = (
        para("ỦY BAN NHÂN DÂN")
        + "<w:tbl><w:tr><w:tc>"
        + para("Số: 15/QĐ-UBND")
        + "</w:tc><w:tc>"
        + para("Bến Thành, ngày 05 tháng 02 năm 2026")
        + "</w:tc></w:tr></w:tbl>"
        + '<w:p><w:r><w:t>QUYẾT</w:t><w:tab/><w:t xml:space="preserve">ĐỊNH </w:t>'
        + '<w:br w:type="page"/><w:t>Trang hai</w:t></w:r></w:p>'
    )
    text = text_extract.docx_text(make_docx(body))
    assert text.split("\n") == [
        "ỦY BAN NHÂN DÂN",
        "Số: 15/QĐ-UBND",
        "Bến Thành, ngày 05 tháng 02 năm 2026",
        "QUYẾT\tĐỊNH \fTrang hai",
    ]
    assert len(text_extract.pages_of(text)) == 2


def test_docx_text_box_is_a_line_of_its_own():
    body = (
        "<w:p><w:r><w:t>Trước</w:t></w:r><w:r><w:txbxContent>"
        + para("Hộp chữ")
        + "</w:txbxContent></w:r><w:r><w:t>Sau</w:t></w:r></w:p>"
    )
    assert text_extract.docx_text(make_docx(body)).split("\n") == [
        "Hộp chữ",
        "TrướcSau",
    ]


def test_docx_entities_are_not_expanded():
    xml = (
        '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM '
        f'"file:///etc/passwd">]><w:document {W}><w:body>'
        "<w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"
    )
    data = make_zip({"word/document.xml": xml.encode()})
    assert "root:" not in text_extract.docx_text(data)


def test_damaged_and_oversized_archives_are_refused(monkeypatch):
    with pytest.raises(text_extract.TextError):
        text_extract.docx_text(b"PK\x03\x04 not a zip")
    with pytest.raises(text_extract.TextError):
        text_extract.docx_text(make_zip({"other.xml": "<a/>"}))
    with pytest.raises(text_extract.TextError):
        text_extract.docx_text(make_zip({"word/document.xml": "<unclosed>"}))
    bomb = make_docx(para("a" * 5000))
    monkeypatch.setattr(text_extract, "MAX_PART_BYTES", 1000)
    with pytest.raises(text_extract.TextError, match="too large"):
        text_extract.docx_text(bomb)
    monkeypatch.setattr(text_extract, "MAX_ZIP_MEMBERS", 1)
    with pytest.raises(text_extract.TextError, match="too many"):
        text_extract.docx_text(make_zip({"a": "1", "word/document.xml": "<a/>"}))


def test_odt_paragraphs_headings_tables_spaces():
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
    )
    xml = (
        f'<?xml version="1.0"?><office:document-content {ns}><office:body>'
        "<office:text><text:h>TỜ TRÌNH</text:h>"
        '<text:p>Về việc<text:s text:c="2"/>xin <text:span>ý kiến</text:span>'
        "<text:note><text:note-body><text:p>chú thích</text:p></text:note-body>"
        "</text:note><text:tab/>gấp</text:p>"
        "<table:table><table:table-row><table:table-cell><text:p>Ô một</text:p>"
        "</table:table-cell><table:table-cell><text:p>Ô hai</text:p>"
        "</table:table-cell></table:table-row></table:table>"
        "</office:text></office:body></office:document-content>"
    )
    data = make_zip(
        {
            "mimetype": "application/vnd.oasis.opendocument.text",
            "content.xml": xml.encode(),
        }
    )
    lines = text_extract.odt_text(data).split("\n")
    assert lines[0] == "TỜ TRÌNH"
    assert lines[1] == "Về việc  xin ý kiến\tgấp"
    assert lines[-2:] == ["Ô một", "Ô hai"]


def test_plain_text_encodings():
    text = "Công văn số 123/UBND-VX"
    assert text_extract.plain_text(text.encode("utf-8-sig")) == text
    assert text_extract.plain_text(text.encode("utf-16")) == text
    # cp1258 writes tones as combining marks: "Bê" + acute + "n Tha" + grave + "nh"
    legacy = b"B\xea\xecn Tha\xccnh"
    assert text_extract.plain_text(legacy) == "Bến Thành"


def form_pdf():
    """A page whose two lines are drawn inside a form XObject, the way OCRmyPDF
    writes its invisible text layer over a scan."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.beginForm("ocr")
    pdf.setFont("Helvetica", 12)
    pdf.drawString(72, 700, "UY BAN NHAN DAN")
    pdf.drawString(72, 684, "QUAN 1")
    pdf.endForm()
    pdf.doForm("ocr")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_lines_of_a_form_xobject_stay_lines():
    """OCRmyPDF's text layer is a form XObject: its lines must stay lines."""
    pages = text_extract.pdf_pages_text(form_pdf())
    assert len(pages) == 1
    lines = [line for line in pages[0].splitlines() if line.strip()]
    assert lines == ["UY BAN NHAN DAN", "QUAN 1"]
    assert text_extract.has_text_layer(pages, min_chars=10)
