# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The print mark of ND 30 Phụ lục VI III.6.k: one line of text at the foot of every
page of a PDF copy ("In từ Hệ thống quản lý văn bản – <agency> – <user> – <time>").

Pure Python, no Odoo. The input bytes are never changed: a new PDF is written. Each
page gets a Form XObject drawn by reportlab at the size of the page as it is shown
(its CropBox, turned by its /Rotate) and placed by pikepdf with the matrix that takes
the shown page back to the page's own coordinates, so the line always reads
left-to-right along the bottom of the page the reader sees.
"""

import contextlib
import io
import os

import pikepdf
from pikepdf import Name
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

MAX_PAGES = 2000
MAX_BYTES = 200 * 1024 * 1024
FONT_NAME = "VnMarkSans"
# Fonts with the Vietnamese letters, first found wins (the Docker image and
# install_system.sh install fonts-dejavu-core; Liberation is the fallback).
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
)
FONT_SIZE = 7.0
MIN_FONT_SIZE = 3.0
MARGIN = 4.0  # points between the line and the edges of the shown page
GREY = 0.35


class PdfMarkError(ValueError):
    """The PDF cannot be marked; ``reason`` is one of ``encrypted``, ``broken``,
    ``too_large``, ``no_font``."""

    def __init__(self, reason, detail=""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


def mark_pdf(data, text):
    """A copy of the PDF ``data`` with ``text`` on one line at the foot of every page.

    Raises ``PdfMarkError`` for an encrypted, broken or too large PDF; nothing is
    returned half-marked."""
    if len(data) > MAX_BYTES:
        raise PdfMarkError("too_large", f"{len(data)} bytes")
    pdf = _open(data)
    with pdf:
        if len(pdf.pages) > MAX_PAGES:
            raise PdfMarkError("too_large", f"{len(pdf.pages)} pages")
        with contextlib.ExitStack() as sources:
            overlays = {}
            try:
                for page in pdf.pages:
                    _mark_page(pdf, page, text, overlays, sources)
                out = io.BytesIO()
                pdf.save(out)
            except pikepdf.PdfError as exc:
                raise PdfMarkError("broken", str(exc)) from exc
    return out.getvalue()


def _open(data):
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError as exc:
        raise PdfMarkError("encrypted") from exc
    except (pikepdf.PdfError, ValueError) as exc:
        raise PdfMarkError("broken", str(exc)) from exc
    if pdf.is_encrypted:
        # Opened without a password but with restrictions: a copy would have to be
        # re-encrypted or stripped of them; neither is ours to decide.
        pdf.close()
        raise PdfMarkError("encrypted")
    if not len(pdf.pages):
        pdf.close()
        raise PdfMarkError("broken", "no page")
    return pdf


def _mark_page(pdf, page, text, overlays, sources):
    x0, y0, x1, y1 = _visible_box(page)
    rotate = _rotation(page)
    width, height = x1 - x0, y1 - y0
    if rotate in (90, 270):
        width, height = height, width
    key = (round(width, 2), round(height, 2))
    if key not in overlays:
        # one overlay per page size; its source PDF stays open until saved
        source = sources.enter_context(_overlay_pdf(text, width, height))
        overlays[key] = pdf.copy_foreign(source.pages[0].as_form_xobject())
    name = page.add_resource(overlays[key], Name.XObject, prefix="VnMark")
    matrix = _shown_to_page(rotate, x0, y0, x1, y1)
    cm = " ".join(_num(value) for value in matrix)
    # The page's own content may leave the graphics state changed: wrap it.
    page.contents_add(b"q\n", prepend=True)
    page.contents_add(f"Q\nq {cm} cm {name} Do Q\n".encode())


def _visible_box(page):
    box = [float(value) for value in page.cropbox]
    media = [float(value) for value in page.mediabox]
    x0, x1 = sorted((box[0], box[2]))
    y0, y1 = sorted((box[1], box[3]))
    mx0, mx1 = sorted((media[0], media[2]))
    my0, my1 = sorted((media[1], media[3]))
    # A CropBox is clipped to the MediaBox when shown (ISO 32000 14.11.2)
    x0, y0, x1, y1 = max(x0, mx0), max(y0, my0), min(x1, mx1), min(y1, my1)
    if x1 - x0 < 1 or y1 - y0 < 1:
        raise PdfMarkError("broken", "empty page box")
    return x0, y0, x1, y1


def _rotation(page):
    """The page's /Rotate, inherited from the page tree, as 0, 90, 180 or 270."""
    node = page.obj
    for _depth in range(64):
        if Name.Rotate in node:
            try:
                value = int(node.Rotate)
            except (TypeError, ValueError):
                return 0
            return value % 360 if value % 90 == 0 else 0
        if Name.Parent not in node:
            break
        node = node.Parent
    return 0


def _shown_to_page(rotate, x0, y0, x1, y1):
    """The matrix (a b c d e f) from the shown page (origin at its bottom left) to
    the page's coordinates, for a page shown turned clockwise by ``rotate``."""
    return {
        0: (1, 0, 0, 1, x0, y0),
        90: (0, 1, -1, 0, x1, y0),
        180: (-1, 0, 0, -1, x1, y1),
        270: (0, -1, 1, 0, x0, y1),
    }[rotate]


def _num(value):
    return f"{value:.4f}".rstrip("0").rstrip(".") or "0"


def _overlay_pdf(text, width, height):
    """A one-page PDF of ``width`` x ``height`` points with ``text`` centred at its
    foot, shrunk to fit the width."""
    font = _font()
    size = FONT_SIZE
    text_width = pdfmetrics.stringWidth(text, font, size)
    room = max(width - 2 * MARGIN, 1)
    if text_width > room:
        size = max(size * room / text_width, MIN_FONT_SIZE)
        text_width = pdfmetrics.stringWidth(text, font, size)
    buf = io.BytesIO()
    drawing = canvas.Canvas(buf, pagesize=(width, height), pageCompression=1)
    drawing.setFillGray(GREY)
    drawing.setFont(font, size)
    drawing.drawString(max((width - text_width) / 2, MARGIN), MARGIN, text)
    drawing.showPage()
    drawing.save()
    return pikepdf.open(io.BytesIO(buf.getvalue()))


def _font():
    if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
        path = next((p for p in FONT_CANDIDATES if os.path.exists(p)), None)
        if not path:
            raise PdfMarkError("no_font", ", ".join(FONT_CANDIDATES))
        pdfmetrics.registerFont(TTFont(FONT_NAME, path))
    return FONT_NAME
