"""Signing of outgoing e-documents (Decree 30/2020, Phụ lục I; QĐ Điều 11.5).

Flow for the main document, every step one incremental update:

1. :func:`prepare_for_signing` draws the signature block (authority lines,
   signer name), creates ALL form fields (signer and agency signature fields,
   number and date text fields).  Fields must exist before the first
   signature: pyHanko rejects fields added after a certification signature.
2. :func:`sign_as_signer` - certification signature (DocMDP FILL_FORMS) of
   the competent signer, appearance = the signer's image.
3. :func:`fill_number_and_date` - the records clerk fills number and date
   (form filling, allowed by the certification).
4. :func:`sign_as_agency` - approval signature of the agency, appearance =
   the seal, covering the left third of the signer's image.

Attachments in separate files and electronic copies get a text stamp at the
top right of page 1 (:func:`sign_with_text_stamp`).

Pure Python (pyHanko 0.28), no Odoo imports.  Errors raised to callers are
:class:`PdfSigningError` subclasses with a machine-readable ``code``.
"""

import contextlib
import datetime
import functools
import io
import logging
import os
import threading
from dataclasses import dataclass, field

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.content import ResourceType
from pyhanko.pdf_utils.font.opentype import GlyphAccumulator
from pyhanko.pdf_utils.images import PdfImage
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.layout import (
    AxisAlignment,
    InnerScaling,
    Margins,
    SimpleBoxLayoutRule,
)
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.writer import init_xobject_dictionary
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError
from pyhanko.stamp import BaseStamp, BaseStampStyle, StaticStampStyle

pdf_name = generic.NameObject

# fontTools logs every subsetting step at INFO level.
logging.getLogger("fontTools.subset").setLevel(logging.WARNING)

MM = 72 / 25.4

SIGNER_FIELD = "VN_Signer"
AGENCY_FIELD = "VN_Agency"
NUMBER_FIELD = "VN_Number"
DATE_FIELD = "VN_Date"
STAMP_FIELD = "VN_AgencyStamp"

# Liberation 2.x (fonts-liberation2) has the Vietnamese precomposed glyphs
# (Ư, Ơ, Ủ, Ế, ...); Liberation 1.x (fonts-liberation) does not.
FONT_DIRS = (
    "/usr/share/fonts/truetype/liberation2",
    "/usr/share/fonts/truetype/liberation",
)
REGULAR = "LiberationSerif-Regular.ttf"
BOLD = "LiberationSerif-Bold.ttf"

BLOCK_FONT_SIZE = 13
FIELD_FONT_SIZE = 13
STAMP_FONT_SIZE = 10
LINE_SPACING = 1.2
BLOCK_GAP = 4  # points between title / image area / name
RIGHT_MARGIN_MM = 20
COLUMN_WIDTH_MM = 80
DEFAULT_TOP_Y_MM = 120  # authority lines start 120 mm above the page bottom
STAMP_RIGHT_MARGIN_MM = 15
STAMP_TOP_MARGIN_MM = 10
STAMP_PADDING = 2

# ô 3 (number, under the agency name) and ô 4 (place and date), A4 page 1
DEFAULT_NUMBER_BOX = (60.0, 720.0, 260.0, 738.0)
DEFAULT_DATE_BOX = (300.0, 700.0, 560.0, 718.0)

VN_TZ = datetime.timezone(
    datetime.timedelta(hours=7), "ICT"
)  # Asia/Ho_Chi_Minh, no DST

PAGE_FONT_BOLD = "/VNEdocSerifBold"
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

TOKEN_WAIT_SECONDS = 120
_TOKEN_LOCKS = {}
_TOKEN_LOCKS_GUARD = threading.Lock()


# --- errors -------------------------------------------------------------------


class PdfSigningError(Exception):
    """Base error; ``code`` is machine-readable, the message is for logs."""

    default_code = "error"

    def __init__(self, code=None, message=None):
        self.code = code or self.default_code
        super().__init__(message or self.code)


class SigningKeyError(PdfSigningError):
    """Key material problem: bad_passphrase, bad_file, no_token, bad_pin, no_key,
    token_busy, token_error."""

    default_code = "bad_file"


class PdfLayoutError(PdfSigningError):
    """Unusable PDF or geometry: encrypted, unreadable, bad_page, off_page, empty_text."""

    default_code = "layout"


class SigningStateError(PdfLayoutError):
    """Wrong document state: field_missing, already_signed, already_filled,
    signer_not_signed, not_first, certified, field_exists."""

    default_code = "bad_state"


class ExternalSignatureError(PdfSigningError):
    """File returned by a desktop signing tool: revision_changed, unreadable,
    no_signature, several_signatures, wrong_field, not_last, bad_signature."""

    default_code = "bad_signature"


class SignatureFailedError(PdfSigningError):
    """pyHanko refused or failed to sign (code signing_failed)."""

    default_code = "signing_failed"


# --- fonts --------------------------------------------------------------------


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
def _font_metrics(file_name):
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


def _font_engine(writer, file_name, size, texts):
    """Embedded (subset) font for ``writer`` able to render ``texts``."""
    return _GlyphAccumulator(writer, io.BytesIO(_font_data(file_name, texts)), size)


def _text_ops(engine, resource_name, size, x, y, text):
    """Content operators drawing ``text`` with its baseline origin at (x, y)."""
    shaped = engine.shape(text)
    return b"BT %s %g Tf 1 0 0 1 %g %g Tm %s ET" % (
        resource_name.encode("ascii"),
        size,
        x,
        y,
        shaped.graphics_ops,
    )


# --- reading / writing --------------------------------------------------------


def _reader(pdf, error_cls=PdfLayoutError):
    """PdfFileReader on ``pdf`` bytes; refuses unreadable or encrypted files."""
    if not pdf:
        raise error_cls("unreadable", "empty file")
    try:
        reader = PdfFileReader(io.BytesIO(pdf))
        encrypted = reader.encrypted
        reader.root  # noqa: B018 - force parsing of the catalog
    except Exception as exc:
        raise error_cls("unreadable", f"{type(exc).__name__}: {exc}") from exc
    if encrypted:
        raise error_cls("encrypted", "the PDF is encrypted")
    return reader


def _writer(pdf):
    """Incremental writer on ``pdf``; refuses unreadable or encrypted files."""
    return IncrementalPdfFileWriter.from_reader(_reader(pdf))


def _output(writer):
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _page_count(handler):
    return int(handler.root["/Pages"]["/Count"])


def _page_index(handler, page):
    count = _page_count(handler)
    index = page if page >= 0 else count + page
    if not 0 <= index < count:
        raise PdfLayoutError(
            "bad_page", "page %s out of range (%d pages)" % (page, count)
        )
    return index


def _page_box(handler, page_index):
    """MediaBox (x0, y0, x1, y1) of a page (inherited values included)."""
    page_ref = handler.find_page_for_modification(page_index)[0]
    node = page_ref.get_object()
    while node is not None:
        if "/MediaBox" in node:
            x0, y0, x1, y1 = (float(v) for v in node["/MediaBox"])
            return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)
        node = node.get("/Parent")
        node = node.get_object() if node is not None else None
    return 0.0, 0.0, 595.276, 841.89


def _check_inside(box, page_box, what):
    x0, y0, x1, y1 = box
    px0, py0, px1, py1 = page_box
    if not (x0 < x1 and y0 < y1):
        raise PdfLayoutError("off_page", f"{what} box {box!r} is empty")
    tol = 0.01
    if x0 < px0 - tol or y0 < py0 - tol or x1 > px1 + tol or y1 > py1 + tol:
        raise PdfLayoutError(
            "off_page",
            f"{what} box {box!r} is outside the page {page_box!r}",
        )


def _round_box(box):
    return tuple(round(float(v), 3) for v in box)


# --- fields -------------------------------------------------------------------


def _root_fields(handler):
    """(reference, object) of each root-level form field."""
    try:
        field_refs = handler.root["/AcroForm"]["/Fields"]
    except KeyError:
        return
    for ref in field_refs:
        yield ref, ref.get_object()


def _field_ref(handler, name):
    """Indirect reference of the root-level form field ``name`` or None."""
    return next(
        (
            ref
            for ref, obj in _root_fields(handler)
            if isinstance(obj, generic.DictionaryObject) and obj.get("/T") == name
        ),
        None,
    )


def _sig_field_state(handler, name):
    """None if field ``name`` is missing, True if signed, False if empty."""
    ref = _field_ref(handler, name)
    if ref is None:
        return None
    obj = ref.get_object()
    if obj.get("/FT") != "/Sig":
        raise SigningStateError("field_missing", f"{name} is not a signature field")
    return obj.get("/V") is not None


def _widget(field_obj):
    """Widget annotation of a field (merged or single kid)."""
    kids = field_obj.get("/Kids")
    if kids:
        return kids[0].get_object()
    return field_obj


def _page_index_of(handler, page_ref):
    for index in range(_page_count(handler)):
        if handler.find_page_for_modification(index)[0].reference == page_ref.reference:
            return index
    return -1


def field_rectangles(pdf):
    """{field name: (page index, (x0, y0, x1, y1))} of the root-level fields."""
    reader = _reader(pdf)
    result = {}
    for _ref, obj in _root_fields(reader):
        widget = _widget(obj)
        if "/Rect" not in widget or "/T" not in obj:
            continue
        x0, y0, x1, y1 = (float(v) for v in widget["/Rect"])
        page_ref = widget.raw_get("/P") if "/P" in widget else None
        page = _page_index_of(reader, page_ref) if page_ref is not None else -1
        result[str(obj["/T"])] = (
            page,
            (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)),
        )
    return result


def _acroform(writer):
    """The AcroForm dictionary, created if missing."""
    root = writer.root
    if "/AcroForm" not in root:
        root["/AcroForm"] = writer.add_object(
            generic.DictionaryObject({pdf_name("/Fields"): generic.ArrayObject()})
        )
        writer.update_root()
    form = root["/AcroForm"]
    if "/Fields" not in form:
        form["/Fields"] = generic.ArrayObject()
        writer.update_container(form)
    return form


def _ensure_default_resources(writer):
    """/DR with /Helv for the text fields' /DA (viewers need one; our /AP rules)."""
    form = _acroform(writer)
    dr = form.get("/DR")
    if dr is None:
        dr = form["/DR"] = generic.DictionaryObject()
    fonts = dr.get("/Font")
    if fonts is None:
        fonts = dr["/Font"] = generic.DictionaryObject()
    if "/Helv" not in fonts:
        fonts["/Helv"] = writer.add_object(
            generic.DictionaryObject(
                {
                    pdf_name("/Type"): pdf_name("/Font"),
                    pdf_name("/Subtype"): pdf_name("/Type1"),
                    pdf_name("/BaseFont"): pdf_name("/Helvetica"),
                    pdf_name("/Encoding"): pdf_name("/WinAnsiEncoding"),
                }
            )
        )
    writer.update_container(form)


def _empty_appearance(writer, width, height):
    return writer.add_object(init_xobject_dictionary(b"", width, height))


def _add_text_field(writer, name, page_index, box, tooltip):
    """Visible, read-only (for viewers), empty text field; its own widget."""
    page_ref = writer.find_page_for_modification(page_index)[0]
    x0, y0, x1, y1 = box
    field_obj = generic.DictionaryObject(
        {
            pdf_name("/FT"): pdf_name("/Tx"),
            pdf_name("/T"): generic.pdf_string(name),
            pdf_name("/TU"): generic.pdf_string(tooltip),
            pdf_name("/Ff"): generic.NumberObject(1),  # ReadOnly in viewers
            pdf_name("/DA"): generic.pdf_string("/Helv %d Tf 0 g" % FIELD_FONT_SIZE),
            pdf_name("/Q"): generic.NumberObject(1),  # centred
            pdf_name("/Type"): pdf_name("/Annot"),
            pdf_name("/Subtype"): pdf_name("/Widget"),
            pdf_name("/F"): generic.NumberObject(4 | 128),  # Print | Locked
            pdf_name("/Rect"): generic.ArrayObject(generic.FloatObject(v) for v in box),
            pdf_name("/P"): page_ref,
            pdf_name("/AP"): generic.DictionaryObject(
                {pdf_name("/N"): _empty_appearance(writer, x1 - x0, y1 - y0)}
            ),
        }
    )
    ref = writer.add_object(field_obj)
    field_list = _acroform(writer)["/Fields"]
    field_list.append(ref)
    writer.update_container(field_list)
    writer.register_annotation(page_ref, ref)
    return ref


def _add_sig_field(writer, name, page_index, box, tooltip):
    fields.append_signature_field(
        writer,
        fields.SigFieldSpec(
            sig_field_name=name,
            on_page=page_index,
            box=box,
            readable_field_name=tooltip,
        ),
    )


# --- signature block ----------------------------------------------------------


@dataclass
class SignatureBlock:
    """Signature block (ô 7): authority lines, signer image area, name.

    Coordinates in points, PDF user space (origin bottom-left).
    """

    authority_lines: list[str] = field(default_factory=list)
    signer_name: str = ""
    page: int = -1
    center_x: float | None = None
    top_y: float | None = None
    image_width: float = 120
    image_height: float = 60


def block_geometry(block, page_box):
    """Positions of the block on a page: title baselines, signer box, name baseline."""
    px0, py0, px1, py1 = page_box
    size = BLOCK_FONT_SIZE
    ascent, descent = _font_metrics(BOLD)
    line_height = size * LINE_SPACING
    center_x = block.center_x
    if center_x is None:
        center_x = px1 - (RIGHT_MARGIN_MM + COLUMN_WIDTH_MM / 2) * MM
    top_y = block.top_y if block.top_y is not None else py0 + DEFAULT_TOP_Y_MM * MM
    lines = [line.upper() for line in block.authority_lines if line and line.strip()]
    baselines = [top_y - ascent * size - i * line_height for i in range(len(lines))]
    title_bottom = top_y - len(lines) * line_height
    img_y1 = title_bottom - BLOCK_GAP
    img_y0 = img_y1 - block.image_height
    signer_box = (
        center_x - block.image_width / 2,
        img_y0,
        center_x + block.image_width / 2,
        img_y1,
    )
    name_baseline = img_y0 - BLOCK_GAP - ascent * size
    name = (block.signer_name or "").strip()
    half_width = (
        max(
            [block.image_width]
            + [text_width(text, size, BOLD) for text in lines + [name]]
        )
        / 2
    )
    bottom_y = name_baseline - descent * size
    return {
        "center_x": center_x,
        "top_y": top_y,
        "lines": lines,
        "baselines": baselines,
        "signer_box": _round_box(signer_box),
        "name": name,
        "name_baseline": name_baseline,
        "block_box": (center_x - half_width, bottom_y, center_x + half_width, top_y),
    }


def agency_box(signer_box, seal_diameter_mm=35.0):
    """Square of the seal's real size covering the left third of ``signer_box``.

    Its right edge is at x0 + width / 3; vertically centred on the signer box.
    """
    x0, y0, x1, y1 = signer_box
    side = seal_diameter_mm * MM
    right = x0 + (x1 - x0) / 3
    cy = (y0 + y1) / 2
    return _round_box((right - side, cy - side / 2, right, cy + side / 2))


def _draw_block(writer, page_index, geometry):
    """Append the authority lines and the name (bold 13 pt, centred) to the page."""
    size = BLOCK_FONT_SIZE
    ops = [b"q 0 g"]
    texts = list(zip(geometry["lines"], geometry["baselines"]))
    if geometry["name"]:
        texts.append((geometry["name"], geometry["name_baseline"]))
    if not texts:
        return
    engine = _font_engine(writer, BOLD, size, [text for text, _baseline in texts])
    for text, baseline in texts:
        x = geometry["center_x"] - text_width(text, size, BOLD) / 2
        ops.append(_text_ops(engine, PAGE_FONT_BOLD, size, x, baseline, text))
    ops.append(b"Q")
    resources = generic.DictionaryObject(
        {
            pdf_name("/Font"): generic.DictionaryObject(
                {pdf_name(PAGE_FONT_BOLD): engine.as_resource()}
            )
        }
    )
    # isolate our drawing from a graphics state left over by the page content
    writer.add_stream_to_page(
        page_index,
        writer.add_object(generic.StreamObject(stream_data=b"q")),
        prepend=True,
    )
    writer.add_stream_to_page(
        page_index, writer.add_object(generic.StreamObject(stream_data=b"Q"))
    )
    writer.add_stream_to_page(
        page_index,
        writer.add_object(generic.StreamObject(stream_data=b"\n".join(ops))),
        resources,
    )


def prepare_for_signing(
    pdf, block, seal_diameter_mm=35.0, number_box=None, date_box=None
):
    """Draw the signature block and create all fields, in ONE incremental update.

    Fields: SIGNER_FIELD (the image area), AGENCY_FIELD (seal square over the
    left third of it), NUMBER_FIELD and DATE_FIELD (empty text fields, page 1).
    """
    writer = _writer(pdf)
    for name in (SIGNER_FIELD, AGENCY_FIELD, NUMBER_FIELD, DATE_FIELD):
        if _field_ref(writer, name) is not None:
            raise SigningStateError("field_exists", f"field {name} already exists")
    page_index = _page_index(writer, block.page)
    page_box = _page_box(writer, page_index)
    geometry = block_geometry(block, page_box)
    signer_box = geometry["signer_box"]
    seal_box = agency_box(signer_box, seal_diameter_mm)
    number_box = _round_box(number_box or DEFAULT_NUMBER_BOX)
    date_box = _round_box(date_box or DEFAULT_DATE_BOX)
    first_page_box = _page_box(writer, 0)
    _check_inside(signer_box, page_box, "signer")
    _check_inside(seal_box, page_box, "agency seal")
    _check_inside(geometry["block_box"], page_box, "signature block")
    _check_inside(number_box, first_page_box, "number")
    _check_inside(date_box, first_page_box, "date")
    _draw_block(writer, page_index, geometry)
    _add_sig_field(
        writer, SIGNER_FIELD, page_index, signer_box, "Chữ ký của người có thẩm quyền"
    )
    _add_sig_field(
        writer, AGENCY_FIELD, page_index, seal_box, "Chữ ký số của cơ quan, tổ chức"
    )
    _ensure_default_resources(writer)
    _add_text_field(writer, NUMBER_FIELD, 0, number_box, "Số, ký hiệu văn bản")
    _add_text_field(writer, DATE_FIELD, 0, date_box, "Địa danh và thời gian ban hành")
    return _output(writer)


# --- stamp appearances --------------------------------------------------------


def _image_style(png):
    """Appearance: the PNG scaled to fit the box (aspect kept), centred, no border."""
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(png))
        image.load()
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise PdfLayoutError("bad_image", str(exc)) from exc
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA")
    return StaticStampStyle(
        background=PdfImage(image),
        background_opacity=1.0,
        border_width=0,
        background_layout=SimpleBoxLayoutRule(
            x_align=AxisAlignment.ALIGN_MID,
            y_align=AxisAlignment.ALIGN_MID,
            margins=Margins(),
            inner_content_scaling=InnerScaling.STRETCH_TO_FIT,
        ),
    )


@dataclass(frozen=True)
class _TextLinesStyle(BaseStampStyle):
    """Text-only appearance: left-aligned lines, Liberation Serif, black, no border."""

    lines: tuple = ()
    font_size: float = STAMP_FONT_SIZE
    border_width: int = 0

    def create_stamp(self, writer, box, text_params):
        return _TextLinesStamp(writer, self, box)


class _TextLinesStamp(BaseStamp):
    def _render_inner_content(self):
        style = self.style
        if not style.lines:
            return []
        size = style.font_size
        engine = _font_engine(self.writer, REGULAR, size, style.lines)
        self.set_resource(ResourceType.FONT, pdf_name("/F1"), engine.as_resource())
        ascent, _descent = _font_metrics(REGULAR)
        top = self.box.height - STAMP_PADDING
        ops = [b"q 0 g"]
        for i, line in enumerate(style.lines):
            baseline = top - ascent * size - i * size * LINE_SPACING
            ops.append(_text_ops(engine, "/F1", size, STAMP_PADDING, baseline, line))
        ops.append(b"Q")
        return ops


def _text_block_size(lines, size):
    width = max((text_width(line, size) for line in lines), default=0.0)
    height = len(lines) * size * LINE_SPACING
    return width + 2 * STAMP_PADDING, height + 2 * STAMP_PADDING


# --- signing ------------------------------------------------------------------


class _PdfSigner(signers.PdfSigner):
    """PdfSigner with a caller-chosen signing time (/M and CMS attributes)."""

    def __init__(self, *args, signing_time=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._signing_time = signing_time

    def init_signing_session(self, pdf_out, existing_fields_only=False):
        session = super().init_signing_session(
            pdf_out, existing_fields_only=existing_fields_only
        )
        if self._signing_time is not None:
            session.system_time = self._signing_time
        return session


def _aware(when):
    """Timezone-aware datetime; naive values are UTC (Odoo convention)."""
    if when is None:
        return None
    if when.tzinfo is None:
        return when.replace(tzinfo=datetime.timezone.utc)
    return when


def _metadata(field_name, reason, location, certify=False):
    return signers.PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        certify=certify,
        docmdp_permissions=fields.MDPPerm.FILL_FORMS,
        reason=reason or None,
        location=location or None,
    )


def _sign(writer, signer, meta, style, signing_time, new_field_spec=None):
    """Run pyHanko; library errors become SignatureFailedError / SigningKeyError."""
    import pkcs11

    pdf_signer = _PdfSigner(
        meta,
        signer,
        stamp_style=style,
        new_field_spec=new_field_spec,
        signing_time=_aware(signing_time),
    )
    try:
        out = pdf_signer.sign_pdf(writer, existing_fields_only=new_field_spec is None)
    except pkcs11.PKCS11Error as exc:
        raise SigningKeyError("token_error", f"{type(exc).__name__}: {exc}") from exc
    except (SigningError, PdfError) as exc:
        raise SignatureFailedError("signing_failed", str(exc)) from exc
    return out.getvalue()


def _has_signatures(handler):
    return any(True for _ in fields.enumerate_sig_fields(handler, filled_status=True))


def sign_as_signer(
    pdf, signer, signature_png, reason=None, location=None, signing_time=None
):
    """Certification signature (DocMDP FILL_FORMS, PAdES, SHA-256) into SIGNER_FIELD.

    Appearance: ``signature_png`` fitted into the field, no text, no border.
    """
    writer = _writer(pdf)
    state = _sig_field_state(writer, SIGNER_FIELD)
    if state is None:
        raise SigningStateError(
            "field_missing", f"no field {SIGNER_FIELD}: prepare the PDF first"
        )
    if state:
        raise SigningStateError("already_signed", f"{SIGNER_FIELD} is already signed")
    if _has_signatures(writer):
        raise SigningStateError(
            "not_first", "a certification signature must be the first one"
        )
    style = _image_style(signature_png) if signature_png else _TextLinesStyle()
    meta = _metadata(SIGNER_FIELD, reason, location, certify=True)
    return _sign(writer, signer, meta, style, signing_time)


def sign_as_agency(
    pdf, signer, seal_png, reason=None, location=None, signing_time=None
):
    """Approval signature (PAdES, SHA-256) into AGENCY_FIELD, appearance = the seal.

    Refused unless SIGNER_FIELD is signed already (signer first).
    """
    writer = _writer(pdf)
    if not _sig_field_state(writer, SIGNER_FIELD):
        raise SigningStateError(
            "signer_not_signed", f"{SIGNER_FIELD} must be signed first"
        )
    state = _sig_field_state(writer, AGENCY_FIELD)
    if state is None:
        raise SigningStateError(
            "field_missing", f"no field {AGENCY_FIELD}: prepare the PDF first"
        )
    if state:
        raise SigningStateError("already_signed", f"{AGENCY_FIELD} is already signed")
    style = _image_style(seal_png) if seal_png else _TextLinesStyle()
    return _sign(
        writer, signer, _metadata(AGENCY_FIELD, reason, location), style, signing_time
    )


# --- number and date ----------------------------------------------------------


def _text_field_appearance(writer, engine, box_width, box_height, text):
    """Form XObject with ``text`` centred, 13 pt (shrunk if too wide)."""
    size = FIELD_FONT_SIZE
    width = text_width(text, size)
    if width > box_width - 4:
        size = size * (box_width - 4) / width
        width = text_width(text, size)
    ascent, descent = _font_metrics(REGULAR)
    baseline = (box_height - (ascent + descent) * size) / 2 + descent * size
    x = (box_width - width) / 2
    ops = b"/Tx BMC q 0 g %s Q EMC" % _text_ops(engine, "/F1", size, x, baseline, text)
    resources = generic.DictionaryObject(
        {
            pdf_name("/Font"): generic.DictionaryObject(
                {pdf_name("/F1"): engine.as_resource()}
            )
        }
    )
    return writer.add_object(
        init_xobject_dictionary(ops, box_width, box_height, resources)
    )


def _text_field_for_fill(writer, name):
    ref = _field_ref(writer, name)
    if ref is None or ref.get_object().get("/FT") != "/Tx":
        raise SigningStateError(
            "field_missing", f"no text field {name}: prepare the PDF first"
        )
    value = ref.get_object().get("/V")
    if value is not None and str(value).strip():
        raise SigningStateError("already_filled", f"{name} is already filled")
    return ref


def fill_number_and_date(pdf, number_text, date_text):
    """Set /V and an appearance (13 pt Liberation Serif) of NUMBER_FIELD and DATE_FIELD.

    Pure form filling: the certification signature stays valid (FORM_FILLING).
    """
    if not (number_text or "").strip() or not (date_text or "").strip():
        raise PdfLayoutError("empty_text", "number and date must not be empty")
    writer = _writer(pdf)
    refs = [
        _text_field_for_fill(writer, NUMBER_FIELD),
        _text_field_for_fill(writer, DATE_FIELD),
    ]
    texts = (number_text.strip(), date_text.strip())
    engine = _font_engine(writer, REGULAR, FIELD_FONT_SIZE, texts)
    for ref, text in zip(refs, texts):
        field_obj = ref.get_object()
        x0, y0, x1, y1 = (float(v) for v in _widget(field_obj)["/Rect"])
        ap_ref = _text_field_appearance(
            writer, engine, abs(x1 - x0), abs(y1 - y0), text
        )
        field_obj["/V"] = generic.pdf_string(text)
        field_obj["/AP"] = generic.DictionaryObject({pdf_name("/N"): ap_ref})
        writer.update_container(field_obj)
    return _output(writer)


# --- text stamps (attachments, electronic copies) -----------------------------


def _vn_iso(when):
    """ISO 8601 in Vietnam time, seconds, e.g. 2026-11-22T10:15:30+07:00."""
    return (
        _aware(when)
        .astimezone(VN_TZ)
        .replace(microsecond=0)
        .isoformat(timespec="seconds")
    )


def stamp_text_attachment(number_symbol, when):
    """Stamp text of an attachment in a separate file: number/symbol and time."""
    return f"Số: {number_symbol.strip()}\n{_vn_iso(when)}"


def stamp_text_copy(copy_form, agency_name, when):
    """Stamp text of an electronic copy: copy form, agency, time."""
    return f"{copy_form.strip().upper()}\n{agency_name.strip()}\n{_vn_iso(when)}"


def sign_with_text_stamp(
    pdf,
    signer,
    text,
    field_name=STAMP_FIELD,
    reason=None,
    location=None,
    signing_time=None,
):
    """Approval signature in a new visible field at the top right of page 1.

    Appearance: ``text`` (lines), Liberation Serif 10 pt, black, no border.
    Refused on certified documents (a new field would break the certification).
    """
    from pyhanko.sign.validation import read_certification_data

    lines = tuple(line.strip() for line in (text or "").splitlines() if line.strip())
    if not lines:
        raise PdfLayoutError("empty_text", "stamp text is empty")
    writer = _writer(pdf)
    if read_certification_data(writer.prev) is not None:
        raise SigningStateError(
            "certified", "the document is certified; no new field allowed"
        )
    if _field_ref(writer, field_name) is not None:
        raise SigningStateError("field_exists", f"field {field_name} already exists")
    px0, py0, px1, py1 = _page_box(writer, 0)
    width, height = _text_block_size(lines, STAMP_FONT_SIZE)
    x1 = px1 - STAMP_RIGHT_MARGIN_MM * MM
    y1 = py1 - STAMP_TOP_MARGIN_MM * MM
    box = _round_box((x1 - width, y1 - height, x1, y1))
    _check_inside(box, (px0, py0, px1, py1), "stamp")
    spec = fields.SigFieldSpec(sig_field_name=field_name, on_page=0, box=box)
    style = _TextLinesStyle(lines=lines)
    return _sign(
        writer,
        signer,
        _metadata(field_name, reason, location),
        style,
        signing_time,
        new_field_spec=spec,
    )


# --- key material -------------------------------------------------------------


def _asn1_cert(cert):
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives import serialization

    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _looks_like_pkcs12(data):
    from asn1crypto import pkcs12 as asn1_pkcs12

    try:
        pfx = asn1_pkcs12.Pfx.load(data, strict=True)
        pfx["version"].native  # noqa: B018 - force parsing
        return pfx["auth_safe"]["content_type"].native in ("data", "signed_data")
    except (ValueError, TypeError, KeyError):
        return False


class _KeySigner(signers.SimpleSigner):
    """SimpleSigner that keeps the parsed private key.

    pyHanko 0.28 re-parses (and re-checks) the DER key at every raw signature,
    twice per PDF signature (size estimate + real one): ~30 ms each for RSA.
    """

    def __init__(self, *, private_key, **kwargs):
        super().__init__(**kwargs)
        self._private_key = private_key

    def sign_raw(self, data, digest_algorithm):
        from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
        from pyhanko.sign.general import get_pyca_cryptography_hash

        mechanism = self.get_signature_mechanism_for_digest(
            digest_algorithm
        ).signature_algo
        key = self._private_key
        hash_algo = get_pyca_cryptography_hash(digest_algorithm)
        if mechanism == "rsassa_pkcs1v15" and isinstance(key, rsa.RSAPrivateKey):
            return key.sign(data, padding.PKCS1v15(), hash_algo)
        if mechanism == "ecdsa" and isinstance(key, ec.EllipticCurvePrivateKey):
            return key.sign(data, ec.ECDSA(hash_algo))
        return super().sign_raw(data, digest_algorithm)


def _load_pkcs12(data, passphrase):
    from cryptography.hazmat.primitives.serialization import pkcs12

    candidates = [passphrase.encode("utf-8")] if passphrase else [None, b""]
    error = None
    for password in candidates:
        try:
            return pkcs12.load_key_and_certificates(data, password)
        except (ValueError, TypeError) as exc:
            error = exc
    if not _looks_like_pkcs12(data):
        raise SigningKeyError("bad_file", "not a PKCS#12 file")
    raise SigningKeyError("bad_passphrase", str(error))


def load_pkcs12_signer(data, passphrase):
    """pyHanko SimpleSigner from PKCS#12 bytes; its chain certificates get embedded."""
    from asn1crypto import keys as asn1_keys
    from cryptography.hazmat.primitives import serialization
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    if not data:
        raise SigningKeyError("bad_file", "empty file")
    key, cert, chain = _load_pkcs12(data, passphrase)
    if key is None or cert is None:
        raise SigningKeyError(
            "no_key", "the PKCS#12 file holds no private key with its certificate"
        )
    key_info = asn1_keys.PrivateKeyInfo.load(
        key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return _KeySigner(
        private_key=key,
        signing_cert=_asn1_cert(cert),
        signing_key=key_info,
        cert_registry=SimpleCertificateStore.from_certs(
            [_asn1_cert(c) for c in chain or ()]
        ),
    )


PKCS11_MODULES_OPTION = "vn_pkcs11_modules"
PKCS11_MODULES_ENV = "VN_PKCS11_MODULES"


def allowed_pkcs11_modules():
    """The PKCS#11 modules the system operator allows, in order: the ``vn_pkcs11_modules`` option
    of odoo.conf, then the ``VN_PKCS11_MODULES`` environment variable (paths separated by commas
    or colons). Loading a module runs its code inside the server, so no screen may choose one
    outside this list. Outside Odoo (the scripts) only the environment counts.
    """
    values = []
    try:
        from odoo.tools import config

        values.append(config.get(PKCS11_MODULES_OPTION) or "")
    except ImportError:
        pass
    values.append(os.environ.get(PKCS11_MODULES_ENV) or "")
    allowed = []
    for value in values:
        for path in str(value).replace(",", ":").split(":"):
            path = path.strip()
            if path and os.path.isabs(path) and os.path.normpath(path) not in allowed:
                allowed.append(os.path.normpath(path))
    return allowed


def check_pkcs11_module(module_path):
    """Raise ``SigningKeyError('module_not_allowed')`` unless ``module_path`` is on the allow-list."""
    if (
        not module_path
        or os.path.normpath(str(module_path)) not in allowed_pkcs11_modules()
    ):
        raise SigningKeyError(
            "module_not_allowed",
            f"PKCS#11 module {module_path!r} is not on the allow-list ({PKCS11_MODULES_OPTION} in odoo.conf or {PKCS11_MODULES_ENV})",
        )
    return os.path.normpath(str(module_path))


def _open_token_session(module_path, token_label, pin):
    import pkcs11
    from pyhanko.config.pkcs11 import TokenCriteria
    from pyhanko.sign.pkcs11 import open_pkcs11_session

    module_path = check_pkcs11_module(module_path)  # before anything is loaded
    if not os.path.exists(module_path):
        raise SigningKeyError("no_token", f"PKCS#11 module {module_path} not found")
    try:
        return open_pkcs11_session(
            module_path,
            token_criteria=TokenCriteria(label=token_label),
            user_pin=str(pin) if pin is not None else None,
        )
    except (
        pkcs11.PinIncorrect,
        pkcs11.PinInvalid,
        pkcs11.PinLenRange,
        pkcs11.PinLocked,
        pkcs11.PinExpired,
    ) as exc:
        raise SigningKeyError("bad_pin", type(exc).__name__) from exc
    except pkcs11.UserAlreadyLoggedIn as exc:
        raise SigningKeyError(
            "token_busy", "a session of this token is already open"
        ) from exc
    except (pkcs11.PKCS11Error, OSError, RuntimeError) as exc:
        raise SigningKeyError("no_token", f"{type(exc).__name__}: {exc}") from exc


def _token_lock(module_path, token_label):
    key = (os.path.realpath(module_path or ""), token_label)
    with _TOKEN_LOCKS_GUARD:
        return _TOKEN_LOCKS.setdefault(key, threading.RLock())


@contextlib.contextmanager
def _token_turn(module_path, token_label):
    """Serialise a token's use within the process.

    PKCS#11 login state is per application, not per session: a second
    C_Login while another session is logged in fails (UserAlreadyLoggedIn),
    and closing the last session logs out.  Other processes are not affected.
    """
    lock = _token_lock(module_path, token_label)
    if not lock.acquire(timeout=TOKEN_WAIT_SECONDS):
        raise SigningKeyError("token_busy", f"token {token_label} is in use")
    try:
        yield
    finally:
        lock.release()


@contextlib.contextmanager
def pkcs11_signer(module_path, token_label, key_label, pin, ca_chain_der=()):
    """Context manager yielding a pyHanko PKCS11Signer for key+cert ``key_label``.

    ``ca_chain_der``: optional issuer certificates (DER) to embed.  One open
    context per token and process at a time (others wait, nesting fails with
    code token_busy).
    """
    with (
        _token_turn(module_path, token_label),
        _pkcs11_session_signer(
            module_path, token_label, key_label, pin, ca_chain_der
        ) as signer,
    ):
        yield signer


@contextlib.contextmanager
def _pkcs11_session_signer(module_path, token_label, key_label, pin, ca_chain_der):
    import pkcs11
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign.pkcs11 import PKCS11Signer

    session = _open_token_session(module_path, token_label, pin)
    try:
        try:
            signer = PKCS11Signer(
                session,
                cert_label=key_label,
                key_label=key_label,
                other_certs_to_pull=(),
                ca_chain=[asn1_x509.Certificate.load(der) for der in ca_chain_der],
            )
            signer.signing_cert  # noqa: B018 - loads cert and key handle now
        except (pkcs11.PKCS11Error, SigningError) as exc:
            raise SigningKeyError("no_key", f"{type(exc).__name__}: {exc}") from exc
        yield signer
    finally:
        session.close()


def signer_certificate_der(signer):
    """DER bytes of the signer's certificate."""
    return signer.signing_cert.dump()


# --- validation ---------------------------------------------------------------


def _validation_context(trust_roots_der, crls_der):
    from asn1crypto import crl as asn1_crl
    from asn1crypto import x509 as asn1_x509
    from pyhanko_certvalidator import ValidationContext

    return ValidationContext(
        trust_roots=[asn1_x509.Certificate.load(der) for der in trust_roots_der],
        crls=[asn1_crl.CertificateList.load(der) for der in crls_der],
        allow_fetching=False,
        revocation_mode="hard-fail" if crls_der else "soft-fail",
    )


def _status_dict(sig, status):
    cert = status.signing_cert
    return {
        "field_name": sig.field_name,
        "bottom_line": bool(status.bottom_line),
        "intact": bool(status.intact),
        "valid": bool(status.valid),
        "trusted": bool(status.trusted),
        "revoked": bool(status.revoked),
        "docmdp_ok": status.docmdp_ok,
        "modification_level": status.modification_level.name
        if status.modification_level
        else None,
        "coverage": status.coverage.name if status.coverage else None,
        "signer_cn": cert.subject.native.get("common_name") if cert else None,
        "certificate_der": cert.dump() if cert else None,
        "signing_time": sig.self_reported_timestamp,
        "error": None,
    }


def validate(pdf, trust_roots_der, crls_der):
    """Validate every signature offline; one dict per signature, in file order."""
    from pyhanko.sign.validation import validate_pdf_signature

    try:
        embedded = _reader(pdf).embedded_signatures
    except PdfLayoutError:
        raise
    except Exception as exc:
        raise PdfLayoutError("unreadable", f"{type(exc).__name__}: {exc}") from exc
    results = []
    for sig in embedded:
        try:
            status = validate_pdf_signature(
                sig, _validation_context(trust_roots_der, crls_der)
            )
            results.append(_status_dict(sig, status))
        except Exception as exc:
            results.append(
                {
                    "field_name": sig.field_name,
                    "bottom_line": False,
                    "intact": False,
                    "valid": False,
                    "trusted": False,
                    "revoked": False,
                    "docmdp_ok": None,
                    "modification_level": None,
                    "coverage": None,
                    "signer_cn": None,
                    "certificate_der": None,
                    "signing_time": None,
                    "error": f"{type(exc).__name__}: {exc}",
                }
            )
    return results


# --- external signature (desktop signing tool) --------------------------------


def _check_integrity(sig):
    """Cryptographic integrity of ``sig`` (no trust check); raises bad_signature."""
    from pyhanko.sign.validation.generic_cms import validate_sig_integrity

    try:
        sig.compute_integrity_info(skip_diff=True)
        intact, valid = validate_sig_integrity(
            sig.signer_info, sig.signer_cert, "data", sig.external_digest
        )
    except Exception as exc:
        raise ExternalSignatureError("bad_signature", str(exc)) from exc
    if not (intact and valid):
        raise ExternalSignatureError(
            "bad_signature", "signature does not match the file"
        )
    return sig.coverage


def verify_external_signature(prepared, returned, field_name):
    """Check a file signed offline: ``prepared`` + exactly one signature in ``field_name``.

    Returns {"certificate_der", "field_name", "signing_time"}; trust is the
    caller's business (see :func:`validate`).
    """
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    if not returned or not returned.startswith(prepared):
        raise ExternalSignatureError(
            "revision_changed", "the earlier revision was modified"
        )
    if len(returned) == len(prepared):
        raise ExternalSignatureError("no_signature", "the file was returned unchanged")
    old_revisions = _reader(prepared, ExternalSignatureError).xrefs.total_revisions
    try:
        sigs = _reader(returned, ExternalSignatureError).embedded_signatures
    except ExternalSignatureError:
        raise
    except Exception as exc:
        raise ExternalSignatureError(
            "bad_signature", f"{type(exc).__name__}: {exc}"
        ) from exc
    new_sigs = [sig for sig in sigs if sig.signed_revision >= old_revisions]
    if not new_sigs:
        raise ExternalSignatureError("no_signature", "no new signature")
    if len(new_sigs) > 1:
        raise ExternalSignatureError(
            "several_signatures", "%d new signatures" % len(new_sigs)
        )
    sig = new_sigs[0]
    if sig.field_name != field_name:
        raise ExternalSignatureError(
            "wrong_field",
            f"signed field {sig.field_name}, expected {field_name}",
        )
    if _check_integrity(sig) != SignatureCoverageLevel.ENTIRE_FILE:
        raise ExternalSignatureError(
            "not_last", "the signature does not cover the whole file"
        )
    return {
        "certificate_der": sig.signer_cert.dump(),
        "field_name": sig.field_name,
        "signing_time": sig.self_reported_timestamp,
    }
