# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Signatures: the signer's certification, number and date, the agency's approval, and
the text stamps of attachments and electronic copies."""

import datetime
import io
from dataclasses import dataclass

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.content import ResourceType
from pyhanko.pdf_utils.images import PdfImage
from pyhanko.pdf_utils.layout import (
    AxisAlignment,
    InnerScaling,
    Margins,
    SimpleBoxLayoutRule,
)
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.writer import init_xobject_dictionary
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError
from pyhanko.stamp import BaseStamp, BaseStampStyle, StaticStampStyle

from .errors import (
    PdfLayoutError,
    SignatureFailedError,
    SigningKeyError,
    SigningStateError,
)
from .fonts import (
    LINE_SPACING,
    REGULAR,
    font_engine,
    font_metrics,
    text_ops,
    text_width,
)
from .pdf import (
    AGENCY_FIELD,
    DATE_FIELD,
    FIELD_FONT_SIZE,
    MM,
    NUMBER_FIELD,
    SIGNER_FIELD,
    STAMP_FIELD,
    check_inside,
    field_ref,
    field_widget,
    media_box,
    open_writer,
    round_box,
    sig_field_state,
    write_bytes,
)

pdf_name = generic.NameObject

STAMP_FONT_SIZE = 10
STAMP_RIGHT_MARGIN_MM = 15
STAMP_TOP_MARGIN_MM = 10
STAMP_PADDING = 2

VN_TZ = datetime.timezone(
    datetime.timedelta(hours=7), "ICT"
)  # Asia/Ho_Chi_Minh, no DST


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
        engine = font_engine(self.writer, REGULAR, size, style.lines)
        self.set_resource(ResourceType.FONT, pdf_name("/F1"), engine.as_resource())
        ascent, _descent = font_metrics(REGULAR)
        top = self.box.height - STAMP_PADDING
        ops = [b"q 0 g"]
        for i, line in enumerate(style.lines):
            baseline = top - ascent * size - i * size * LINE_SPACING
            ops.append(text_ops(engine, "/F1", size, STAMP_PADDING, baseline, line))
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
    writer = open_writer(pdf)
    state = sig_field_state(writer, SIGNER_FIELD)
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
    writer = open_writer(pdf)
    if not sig_field_state(writer, SIGNER_FIELD):
        raise SigningStateError(
            "signer_not_signed", f"{SIGNER_FIELD} must be signed first"
        )
    state = sig_field_state(writer, AGENCY_FIELD)
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
    ascent, descent = font_metrics(REGULAR)
    baseline = (box_height - (ascent + descent) * size) / 2 + descent * size
    x = (box_width - width) / 2
    ops = b"/Tx BMC q 0 g %s Q EMC" % text_ops(engine, "/F1", size, x, baseline, text)
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
    ref = field_ref(writer, name)
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
    writer = open_writer(pdf)
    refs = [
        _text_field_for_fill(writer, NUMBER_FIELD),
        _text_field_for_fill(writer, DATE_FIELD),
    ]
    texts = (number_text.strip(), date_text.strip())
    engine = font_engine(writer, REGULAR, FIELD_FONT_SIZE, texts)
    for ref, text in zip(refs, texts, strict=True):
        field_obj = ref.get_object()
        x0, y0, x1, y1 = (float(v) for v in field_widget(field_obj)["/Rect"])
        ap_ref = _text_field_appearance(
            writer, engine, abs(x1 - x0), abs(y1 - y0), text
        )
        field_obj["/V"] = generic.pdf_string(text)
        field_obj["/AP"] = generic.DictionaryObject({pdf_name("/N"): ap_ref})
        writer.update_container(field_obj)
    return write_bytes(writer)


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
    writer = open_writer(pdf)
    if read_certification_data(writer.prev) is not None:
        raise SigningStateError(
            "certified", "the document is certified; no new field allowed"
        )
    if field_ref(writer, field_name) is not None:
        raise SigningStateError("field_exists", f"field {field_name} already exists")
    px0, py0, px1, py1 = media_box(writer, 0)
    width, height = _text_block_size(lines, STAMP_FONT_SIZE)
    x1 = px1 - STAMP_RIGHT_MARGIN_MM * MM
    y1 = py1 - STAMP_TOP_MARGIN_MM * MM
    box = round_box((x1 - width, y1 - height, x1, y1))
    check_inside(box, (px0, py0, px1, py1), "stamp")
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
