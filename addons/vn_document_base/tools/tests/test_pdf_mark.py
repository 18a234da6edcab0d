# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The print mark of ND 30 Phụ lục VI III.6.k without Odoo: the line is on every page,
readable along the foot of the page as shown (rotated, landscape, A3, cropped pages),
the input is never changed, and a PDF that cannot be marked is refused whole."""

import io

import pdf_mark
import pikepdf
import pytest
from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTFigure, LTTextContainer
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.pdfgen import canvas

MARK = (
    "In từ Hệ thống quản lý văn bản – UBND Quận 1 – Nguyễn Thị Ánh – 02/12/2026 09:05"
)


def make_pdf(sizes):
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf)
    for number, size in enumerate(sizes, 1):
        pdf.setPageSize(size)
        pdf.drawString(72, size[1] - 72, f"Page {number}")
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


def edit(data, change):
    with pikepdf.open(io.BytesIO(data)) as pdf:
        change(pdf)
        out = io.BytesIO()
        pdf.save(out)
    return out.getvalue()


def mark_lines(data):
    """Per page: (page width, page height as shown, [(text, bbox)] of the mark)."""
    result = []
    # the mark is a Form XObject: its text is inside a figure
    for layout in extract_pages(io.BytesIO(data), laparams=LAParams(all_texts=True)):
        lines = [
            (box.get_text().strip(), box.bbox)
            for box in text_boxes(layout)
            if "In từ" in box.get_text()
        ]
        result.append((layout.width, layout.height, lines))
    return result


def text_boxes(container):
    for item in container:
        if isinstance(item, LTTextContainer):
            yield item
        elif isinstance(item, LTFigure):
            yield from text_boxes(item)


def assert_at_foot(data, pages):
    found = mark_lines(data)
    assert len(found) == pages
    for width, height, lines in found:
        assert [text for text, _bbox in lines] == [MARK]
        x0, y0, x1, y1 = lines[0][1]
        assert x1 - x0 > 4 * (y1 - y0), "the line reads horizontally"
        assert y1 < 0.05 * height, "at the foot of the page as shown"
        assert 0 <= x0 and x1 <= width + 0.5


def test_mark_on_every_page_and_input_unchanged():
    data = make_pdf([A4] * 3)
    before = bytes(data)
    marked = pdf_mark.mark_pdf(data, MARK)
    assert data == before
    assert marked != data
    assert_at_foot(marked, 3)


def test_landscape_and_a3_pages():
    data = make_pdf([A4, landscape(A4), A3, landscape(A3)])
    assert_at_foot(pdf_mark.mark_pdf(data, MARK), 4)


@pytest.mark.parametrize("rotate", [90, 180, 270, -90])
def test_rotated_pages_read_along_the_foot_as_shown(rotate):
    def turn(pdf):
        for page in pdf.pages:
            page.Rotate = rotate

    data = edit(make_pdf([A4, landscape(A4)]), turn)
    assert_at_foot(pdf_mark.mark_pdf(data, MARK), 2)


def test_rotation_inherited_from_the_page_tree():
    def turn(pdf):
        pdf.Root.Pages.Rotate = 90
        del pdf.pages[0].obj["/Rotate"]  # reportlab writes /Rotate 0 on each page

    data = edit(make_pdf([A4]), turn)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert pdf_mark._rotation(pdf.pages[0]) == 90
    assert_at_foot(pdf_mark.mark_pdf(data, MARK), 1)


def test_crop_box_offset_places_the_mark_inside_the_visible_part():
    def crop(pdf):
        pdf.pages[0].MediaBox = [-100, -50, 700, 900]
        pdf.pages[0].CropBox = [50, 100, 500, 800]

    marked = pdf_mark.mark_pdf(edit(make_pdf([A4]), crop), MARK)
    [(_width, _height, lines)] = mark_lines(marked)
    # pdfminer draws from the MediaBox's corner (-100, -50)
    x0, y0, x1, y1 = lines[0][1]
    assert 150 <= x0 and x1 <= 600
    assert 150 <= y0 <= 170


def test_long_text_shrinks_to_the_page_width():
    text = MARK.replace("UBND Quận 1", "Ủy ban nhân dân Quận Bình Thạnh " * 2)
    marked = pdf_mark.mark_pdf(make_pdf([(298, 420)]), text)  # A6
    [(width, _height, lines)] = mark_lines(marked)
    assert lines[0][0] == text
    assert 0 <= lines[0][1][0] and lines[0][1][2] <= width


def test_broken_pdf_refused():
    with pytest.raises(pdf_mark.PdfMarkError) as error:
        pdf_mark.mark_pdf(b"%PDF-1.7\nthis is not a PDF", MARK)
    assert error.value.reason == "broken"
    with pytest.raises(pdf_mark.PdfMarkError):
        pdf_mark.mark_pdf(b"PK\x03\x04 a zip", MARK)


def test_encrypted_pdf_refused():
    with pikepdf.open(io.BytesIO(make_pdf([A4]))) as pdf:
        out = io.BytesIO()
        pdf.save(out, encryption=pikepdf.Encryption(owner="o", user="u"))
    with pytest.raises(pdf_mark.PdfMarkError) as error:
        pdf_mark.mark_pdf(out.getvalue(), MARK)
    assert error.value.reason == "encrypted"
    # encrypted with an empty user password: opens, but still not ours to re-save
    with pikepdf.open(io.BytesIO(make_pdf([A4]))) as pdf:
        out = io.BytesIO()
        pdf.save(out, encryption=pikepdf.Encryption(owner="o", user=""))
    with pytest.raises(pdf_mark.PdfMarkError) as error:
        pdf_mark.mark_pdf(out.getvalue(), MARK)
    assert error.value.reason == "encrypted"


def test_page_limit(monkeypatch):
    monkeypatch.setattr(pdf_mark, "MAX_PAGES", 2)
    with pytest.raises(pdf_mark.PdfMarkError) as error:
        pdf_mark.mark_pdf(make_pdf([A4] * 3), MARK)
    assert error.value.reason == "too_large"
    assert len(mark_lines(pdf_mark.mark_pdf(make_pdf([A4] * 2), MARK))) == 2
