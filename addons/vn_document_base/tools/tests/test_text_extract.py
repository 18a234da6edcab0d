# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The text layer of a PDF, line by line, also inside a form XObject (OCRmyPDF)."""

import io

import text_extract
from reportlab.pdfgen import canvas


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
    pages = text_extract.pdf_pages_text(form_pdf())
    assert len(pages) == 1
    lines = [line for line in pages[0].splitlines() if line.strip()]
    assert lines == ["UY BAN NHAN DAN", "QUAN 1"]
    assert text_extract.has_text_layer(pages, min_chars=10)
