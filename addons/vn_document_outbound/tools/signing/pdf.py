# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Reading and writing PDFs, page geometry and form fields (no drawing, no signing)."""

import io

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.writer import init_xobject_dictionary
from pyhanko.sign import fields

from .errors import PdfLayoutError, SigningStateError

pdf_name = generic.NameObject

MM = 72 / 25.4

SIGNER_FIELD = "VN_Signer"
AGENCY_FIELD = "VN_Agency"
NUMBER_FIELD = "VN_Number"
DATE_FIELD = "VN_Date"
STAMP_FIELD = "VN_AgencyStamp"

FIELD_FONT_SIZE = 13


# --- reading / writing --------------------------------------------------------


def open_reader(pdf, error_cls=PdfLayoutError):
    """PdfFileReader on ``pdf`` bytes; refuses unreadable or encrypted files."""
    if not pdf:
        raise error_cls("unreadable", "empty file")
    try:
        reader = PdfFileReader(io.BytesIO(pdf))
        encrypted = reader.encrypted
        _root = reader.root  # forces parsing of the catalog
    except Exception as exc:
        raise error_cls("unreadable", f"{type(exc).__name__}: {exc}") from exc
    if encrypted:
        raise error_cls("encrypted", "the PDF is encrypted")
    return reader


def open_writer(pdf):
    """Incremental writer on ``pdf``; refuses unreadable or encrypted files."""
    return IncrementalPdfFileWriter.from_reader(open_reader(pdf))


def write_bytes(writer):
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def page_count(handler):
    return int(handler.root["/Pages"]["/Count"])


def resolve_page(handler, page):
    count = page_count(handler)
    index = page if page >= 0 else count + page
    if not 0 <= index < count:
        raise PdfLayoutError("bad_page", f"page {page} out of range ({count} pages)")
    return index


def media_box(handler, page_index):
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


def check_inside(box, page_box, what):
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


def round_box(box):
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


def field_ref(handler, name):
    """Indirect reference of the root-level form field ``name`` or None."""
    return next(
        (
            ref
            for ref, obj in _root_fields(handler)
            if isinstance(obj, generic.DictionaryObject) and obj.get("/T") == name
        ),
        None,
    )


def sig_field_state(handler, name):
    """None if field ``name`` is missing, True if signed, False if empty."""
    ref = field_ref(handler, name)
    if ref is None:
        return None
    obj = ref.get_object()
    if obj.get("/FT") != "/Sig":
        raise SigningStateError("field_missing", f"{name} is not a signature field")
    return obj.get("/V") is not None


def field_widget(field_obj):
    """Widget annotation of a field (merged or single kid)."""
    kids = field_obj.get("/Kids")
    if kids:
        return kids[0].get_object()
    return field_obj


def _page_index_of(handler, page_ref):
    for index in range(page_count(handler)):
        if handler.find_page_for_modification(index)[0].reference == page_ref.reference:
            return index
    return -1


def field_rectangles(pdf):
    """{field name: (page index, (x0, y0, x1, y1))} of the root-level fields."""
    reader = open_reader(pdf)
    result = {}
    for _ref, obj in _root_fields(reader):
        widget = field_widget(obj)
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


def ensure_default_resources(writer):
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


def add_text_field(writer, name, page_index, box, tooltip):
    """Visible, read-only (for viewers), empty text field; its own widget."""
    page_ref = writer.find_page_for_modification(page_index)[0]
    x0, y0, x1, y1 = box
    field_obj = generic.DictionaryObject(
        {
            pdf_name("/FT"): pdf_name("/Tx"),
            pdf_name("/T"): generic.pdf_string(name),
            pdf_name("/TU"): generic.pdf_string(tooltip),
            pdf_name("/Ff"): generic.NumberObject(1),  # ReadOnly in viewers
            pdf_name("/DA"): generic.pdf_string(f"/Helv {FIELD_FONT_SIZE} Tf 0 g"),
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


def add_sig_field(writer, name, page_index, box, tooltip):
    fields.append_signature_field(
        writer,
        fields.SigFieldSpec(
            sig_field_name=name,
            on_page=page_index,
            box=box,
            readable_field_name=tooltip,
        ),
    )
