# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Demo signature and seal images (PNG, transparent background).

FOR DEMOS AND TESTS ONLY: a real signer image / seal image is scanned and
uploaded by the agency.  Pure Python (Pillow), no Odoo imports.
"""

import hashlib
import io
import math
import os
import random

from PIL import Image, ImageDraw, ImageFont

# Liberation 2.x (fonts-liberation2) has the Vietnamese precomposed glyphs
# (Ư, Ơ, Ủ, Ế, ...); Liberation 1.x (fonts-liberation) does not.
FONT_DIRS = (
    "/usr/share/fonts/truetype/liberation2",
    "/usr/share/fonts/truetype/liberation",
)


def _font_path(file_name):
    """First existing ``file_name`` among :data:`FONT_DIRS`."""
    for directory in FONT_DIRS:
        path = os.path.join(directory, file_name)
        if os.path.exists(path):
            return path
    return file_name


SERIF_ITALIC = _font_path("LiberationSerif-Italic.ttf")
SERIF_BOLD = _font_path("LiberationSerif-Bold.ttf")
SANS_BOLD = _font_path("LiberationSans-Bold.ttf")

INK_BLUE = (20, 50, 160, 255)
SEAL_RED = (205, 20, 35, 255)


def _font(path, size):
    """TrueType font at ``size`` px, Pillow's default font if missing."""
    try:
        return ImageFont.truetype(path, size)
    except OSError:
        return ImageFont.load_default()


def _png(img):
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def _rng(text):
    """Deterministic random generator seeded by ``text``."""
    return random.Random(hashlib.sha256(text.encode("utf-8")).digest())


def _scribble_points(rng, width, height):
    """A looping handwriting-like stroke across the image."""
    points = []
    loops = rng.randint(4, 6)
    for i in range(241):
        t = i / 240.0
        x = 40 + t * (width - 80)
        y = (
            height * 0.55
            + math.sin(t * math.pi * 2 * loops) * height * 0.18
            + math.sin(t * math.pi * 3.3 + rng.random()) * height * 0.06
        )
        x += math.cos(t * math.pi * 2 * loops) * 22
        points.append((x, y))
    return points


def signature_png(name, width=600, height=300):
    """Blue handwritten-looking signature of ``name`` on transparency."""
    rng = _rng(name or "signature")
    img = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    draw.line(
        _scribble_points(rng, width, height), fill=INK_BLUE, width=5, joint="curve"
    )
    last_word = (name or "").split()[-1] if (name or "").split() else "Ký"
    font = _font(SERIF_ITALIC, 84)
    box = draw.textbbox((0, 0), last_word, font=font)
    text_x = (width - (box[2] - box[0])) / 2
    draw.text((text_x, height * 0.08), last_word, font=font, fill=INK_BLUE)
    # flourish under the scribble
    y0 = height * 0.86
    draw.line(
        [(60, y0), (width * 0.5, y0 - 18), (width - 50, y0 - 4)],
        fill=INK_BLUE,
        width=4,
        joint="curve",
    )
    return _png(img)


def _star(center, outer, inner, points=5):
    """Polygon of a star with the first point up."""
    cx, cy = center
    coords = []
    for i in range(points * 2):
        radius = outer if i % 2 == 0 else inner
        angle = -math.pi / 2 + i * math.pi / points
        coords.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return coords


def _arc_text(img, text, center, radius, font, color):
    """Draw ``text`` clockwise along a circle, centred at the top."""
    draw = ImageDraw.Draw(img)
    widths = [draw.textlength(ch, font=font) for ch in text]
    spacing = 2.0
    total = sum(widths) + spacing * (len(text) - 1)
    max_angle = 2 * math.pi * 0.8
    angle_span = min(total / radius, max_angle)
    scale = angle_span / (total / radius) if total else 1.0
    angle = -math.pi / 2 - angle_span / 2
    cx, cy = center
    size = int(font.size * 2)
    for ch, w in zip(text, widths, strict=True):
        step = (w + spacing) * scale / radius
        mid = angle + (w * scale / radius) / 2
        tile = Image.new("RGBA", (size, size), (0, 0, 0, 0))
        ImageDraw.Draw(tile).text(
            (size / 2, size / 2), ch, font=font, fill=color, anchor="mm"
        )
        tile = tile.rotate(-math.degrees(mid + math.pi / 2), resample=Image.BICUBIC)
        x = cx + radius * math.cos(mid) - size / 2
        y = cy + radius * math.sin(mid) - size / 2
        img.alpha_composite(tile, (int(round(x)), int(round(y))))
        angle += step


def seal_png(agency_name, size=600):
    """Red round seal: two circles, a star and ``agency_name`` on the ring."""
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    c = size / 2
    outer = size / 2 - 8
    inner = outer - 78
    draw.ellipse(
        [c - outer, c - outer, c + outer, c + outer], outline=SEAL_RED, width=12
    )
    draw.ellipse(
        [c - inner, c - inner, c + inner, c + inner], outline=SEAL_RED, width=5
    )
    draw.polygon(_star((c, c - size * 0.03), size * 0.2, size * 0.08), fill=SEAL_RED)
    text = (agency_name or "").upper().strip() or "CƠ QUAN"
    font_size = 40 if len(text) <= 40 else max(22, int(40 * 40 / len(text)))
    ring = (outer + inner) / 2
    _arc_text(img, text, (c, c), ring, _font(SANS_BOLD, font_size), SEAL_RED)
    draw.polygon(_star((c, c + ring), size * 0.035, size * 0.014), fill=SEAL_RED)
    # marks the image as a specimen, never to be mistaken for a real seal
    draw.text(
        (c, c + size * 0.17),
        "MẪU THỬ",
        font=_font(SERIF_BOLD, 34),
        fill=SEAL_RED,
        anchor="mm",
    )
    return _png(img)


def demo_pdf(text, pages=2):
    """A plain A4 PDF with a Vietnamese heading and ``text`` (demo drafts)."""

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from .signing.fonts import REGULAR, font_path

    if "VNDemoSerif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("VNDemoSerif", font_path(REGULAR)))
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4, invariant=1)
    width, height = A4
    for page in range(pages):
        pdf.setFont("VNDemoSerif", 13)
        pdf.drawCentredString(
            width * 0.7, height - 60, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        )
        pdf.drawCentredString(width * 0.7, height - 78, "Độc lập - Tự do - Hạnh phúc")
        pdf.drawString(70, height - 200 - 20 * page, text)
        pdf.showPage()
    pdf.save()
    return buf.getvalue()
