# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Fonts: Liberation Serif (Vietnamese glyphs), HarfBuzz widths, embedded subsets."""

import functools
import io
import logging
import os

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.font.opentype import GlyphAccumulator

from .errors import PdfLayoutError

pdf_name = generic.NameObject

# fontTools logs every subsetting step at INFO level.
logging.getLogger("fontTools.subset").setLevel(logging.WARNING)

# Liberation 2.x (fonts-liberation2) has the Vietnamese precomposed glyphs
# (Ư, Ơ, Ủ, Ế, ...); Liberation 1.x (fonts-liberation) does not.
FONT_DIRS = (
    "/usr/share/fonts/truetype/liberation2",
    "/usr/share/fonts/truetype/liberation",
)
REGULAR = "LiberationSerif-Regular.ttf"
BOLD = "LiberationSerif-Bold.ttf"
LINE_SPACING = 1.2

# Unicode ranges of the reduced fonts: Latin (Vietnamese included), combining
# marks, general punctuation, đồng/euro signs, numero sign
REDUCED_RANGES = (
    (0x20, 0x7E),
    (0xA0, 0x24F),
    (0x300, 0x36F),
    (0x1E00, 0x1EFF),
    (0x2000, 0x206F),
    (0x20AB, 0x20AC),
    (0x2116, 0x2116),
)


def font_path(file_name):
    """Path of a Liberation font, preferring Liberation 2 (Vietnamese glyphs)."""
    for directory in FONT_DIRS:
        path = os.path.join(directory, file_name)
        if os.path.exists(path):
            return path
    raise PdfLayoutError("no_font", f"font {file_name} not found in {FONT_DIRS}")


@functools.lru_cache(maxsize=8)
def _font_bytes(file_name):
    with open(font_path(file_name), "rb") as fh:
        return fh.read()


@functools.lru_cache(maxsize=8)
def font_metrics(file_name):
    """(ascent, descent) as fractions of the em (descent positive)."""
    from fontTools.ttLib import TTFont

    tt = TTFont(io.BytesIO(_font_bytes(file_name)), lazy=True)
    upem = tt["head"].unitsPerEm
    return tt["hhea"].ascent / upem, -tt["hhea"].descent / upem


@functools.lru_cache(maxsize=8)
def _hb_font(file_name):
    import uharfbuzz as hb

    return hb.Font(hb.Face(_font_bytes(file_name)))


def text_width(text, size, file_name=REGULAR):
    """Width in points of ``text`` shaped with HarfBuzz (kerning included)."""
    import uharfbuzz as hb

    if not text:
        return 0.0
    font = _hb_font(file_name)
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(font, buf)
    upem = font.face.upem
    return sum(pos.x_advance for pos in buf.glyph_positions) / upem * size


class _GlyphAccumulator(GlyphAccumulator):
    """GlyphAccumulator working in 1/1000 em, as PDF glyph space requires.

    pyHanko 0.28 writes /W widths, TJ adjustments and FontDescriptor metrics
    in raw font units: right for CFF fonts (1000 units per em), about twice
    too wide for TrueType fonts with 2048 units per em such as Liberation.
    """

    def __init__(self, writer, font_handle, font_size):
        super().__init__(writer, font_handle, font_size)
        self._raw_upem = self.units_per_em
        if "FFTM" in self.tt:  # fontTools cannot subset it and logs a warning
            del self.tt["FFTM"]
        if self._raw_upem != 1000:
            self.hb_font.scale = (1000, 1000)
            self.units_per_em = 1000
            _rescale_descriptor(
                self.cidfont_obj._font_descriptor, 1000 / self._raw_upem
            )

    def _get_cid_and_width(self, glyph_id):
        cached = self._glyphs.get(glyph_id)
        if cached is not None:
            return cached
        cid, width = super()._get_cid_and_width(glyph_id)
        result = (cid, int(round(width * 1000 / self._raw_upem)))
        self._glyphs[glyph_id] = result
        return result


def _rescale_descriptor(descriptor, factor):
    for key in ("/Ascent", "/Descent", "/CapHeight"):
        if key in descriptor:
            descriptor[pdf_name(key)] = generic.NumberObject(
                int(round(descriptor[key] * factor))
            )
    if "/FontBBox" in descriptor:
        descriptor[pdf_name("/FontBBox")] = generic.ArrayObject(
            generic.NumberObject(int(round(v * factor)))
            for v in descriptor["/FontBBox"]
        )


@functools.lru_cache(maxsize=8)
def _reduced_font(file_name):
    """(bytes, code points) of the font cut down to Latin + Vietnamese.

    fontTools subsets the embedded font at every write; starting from ~1000
    glyphs instead of ~2600 makes that about 3 times faster.
    """
    from fontTools import subset
    from fontTools.ttLib import TTFont

    tt = TTFont(io.BytesIO(_font_bytes(file_name)))
    if "FFTM" in tt:
        del tt["FFTM"]
    options = subset.Options(
        layout_features=["*"],
        name_IDs=["*"],
        notdef_outline=True,
        glyph_names=True,
        recalc_bounds=False,
    )
    subsetter = subset.Subsetter(options=options)
    subsetter.populate(
        unicodes=[cp for low, high in REDUCED_RANGES for cp in range(low, high + 1)]
    )
    subsetter.subset(tt)
    out = io.BytesIO()
    tt.save(out)
    return out.getvalue(), frozenset(tt.getBestCmap())


def _font_data(file_name, texts):
    """Reduced font if it covers every character of ``texts``, else the full font."""
    data, code_points = _reduced_font(file_name)
    if all(ord(ch) in code_points for text in texts for ch in text):
        return data
    return _font_bytes(file_name)


def font_engine(writer, file_name, size, texts):
    """Embedded (subset) font for ``writer`` able to render ``texts``."""
    return _GlyphAccumulator(writer, io.BytesIO(_font_data(file_name, texts)), size)


def text_ops(engine, resource_name, size, x, y, text):
    """Content operators drawing ``text`` with its baseline origin at (x, y)."""
    shaped = engine.shape(text)
    return b"BT %s %g Tf 1 0 0 1 %g %g Tm %s ET" % (
        resource_name.encode("ascii"),
        size,
        x,
        y,
        shaped.graphics_ops,
    )
