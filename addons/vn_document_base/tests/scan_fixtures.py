# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Scans made for the tests (Pillow + img2pdf): a page of paper at a resolution, in
colour or grayscale, on its own paper size or on a shrunk page, with a PDF version."""

import io

import img2pdf
import pikepdf
from PIL import Image, ImageDraw, ImageFont

A4_MM = (210.0, 297.0)
MM_PER_INCH = 25.4
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"


def page_image(dpi, mode="RGB", fmt="PNG", lines=()):
    """An A4 page scanned at ``dpi``: cream paper, dark blue text ``lines``."""
    width = round(A4_MM[0] / MM_PER_INCH * dpi)
    height = round(A4_MM[1] / MM_PER_INCH * dpi)
    image = Image.new("RGB", (width, height), (250, 246, 232))
    if lines:
        draw = ImageDraw.Draw(image)
        font = ImageFont.truetype(FONT, round(dpi * 16 / 72))  # 16 pt
        y = round(dpi)
        for line in lines:
            draw.text((round(dpi), y), line, fill=(20, 30, 90), font=font)
            y += round(dpi * 0.45)
    if mode != "RGB":
        image = image.convert(mode)
    out = io.BytesIO()
    image.save(out, fmt, dpi=(dpi, dpi))
    return out.getvalue()


def scan_pdf(dpi=300, mode="RGB", page_mm=None, version="1.4", lines=(), fmt="PNG"):
    """A one-page scanned PDF; ``page_mm``: the page image placed on a page of that
    size (a shrunk or enlarged page) instead of its own size."""
    data = page_image(dpi, mode, fmt=fmt, lines=lines)
    if page_mm:
        size = tuple(img2pdf.mm_to_pt(x) for x in page_mm)
        layout = img2pdf.get_layout_fun(size, fit=img2pdf.FitMode.into)
        pdf = img2pdf.convert(data, layout_fun=layout)
    else:
        pdf = img2pdf.convert(data)
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        out = io.BytesIO()
        doc.save(out, force_version=version)
        return out.getvalue()
