# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Signature block (ô 7) and the fields of a document before its first signature."""

from dataclasses import dataclass, field

from pyhanko.pdf_utils import generic

from .errors import SigningStateError
from .fonts import BOLD, LINE_SPACING, font_engine, font_metrics, text_ops, text_width
from .pdf import (
    AGENCY_FIELD,
    DATE_FIELD,
    MM,
    NUMBER_FIELD,
    SIGNER_FIELD,
    add_sig_field,
    add_text_field,
    check_inside,
    ensure_default_resources,
    field_ref,
    media_box,
    open_writer,
    resolve_page,
    round_box,
    write_bytes,
)

pdf_name = generic.NameObject

BLOCK_FONT_SIZE = 13
BLOCK_GAP = 4  # points between title / image area / name
RIGHT_MARGIN_MM = 20
COLUMN_WIDTH_MM = 80
DEFAULT_TOP_Y_MM = 120  # authority lines start 120 mm above the page bottom
PAGE_FONT_BOLD = "/VNEdocSerifBold"

# ô 3 (number, under the agency name) and ô 4 (place and date), A4 page 1
DEFAULT_NUMBER_BOX = (60.0, 720.0, 260.0, 738.0)
DEFAULT_DATE_BOX = (300.0, 700.0, 560.0, 718.0)


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
    ascent, descent = font_metrics(BOLD)
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
        "signer_box": round_box(signer_box),
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
    return round_box((right - side, cy - side / 2, right, cy + side / 2))


def _draw_block(writer, page_index, geometry):
    """Append the authority lines and the name (bold 13 pt, centred) to the page."""
    size = BLOCK_FONT_SIZE
    ops = [b"q 0 g"]
    texts = list(zip(geometry["lines"], geometry["baselines"], strict=True))
    if geometry["name"]:
        texts.append((geometry["name"], geometry["name_baseline"]))
    if not texts:
        return
    engine = font_engine(writer, BOLD, size, [text for text, _baseline in texts])
    for text, baseline in texts:
        x = geometry["center_x"] - text_width(text, size, BOLD) / 2
        ops.append(text_ops(engine, PAGE_FONT_BOLD, size, x, baseline, text))
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
    writer = open_writer(pdf)
    for name in (SIGNER_FIELD, AGENCY_FIELD, NUMBER_FIELD, DATE_FIELD):
        if field_ref(writer, name) is not None:
            raise SigningStateError("field_exists", f"field {name} already exists")
    page_index = resolve_page(writer, block.page)
    page_box = media_box(writer, page_index)
    geometry = block_geometry(block, page_box)
    signer_box = geometry["signer_box"]
    seal_box = agency_box(signer_box, seal_diameter_mm)
    number_box = round_box(number_box or DEFAULT_NUMBER_BOX)
    date_box = round_box(date_box or DEFAULT_DATE_BOX)
    first_page_box = media_box(writer, 0)
    check_inside(signer_box, page_box, "signer")
    check_inside(seal_box, page_box, "agency seal")
    check_inside(geometry["block_box"], page_box, "signature block")
    check_inside(number_box, first_page_box, "number")
    check_inside(date_box, first_page_box, "date")
    _draw_block(writer, page_index, geometry)
    add_sig_field(
        writer, SIGNER_FIELD, page_index, signer_box, "Chữ ký của người có thẩm quyền"
    )
    add_sig_field(
        writer, AGENCY_FIELD, page_index, seal_box, "Chữ ký số của cơ quan, tổ chức"
    )
    ensure_default_resources(writer)
    add_text_field(writer, NUMBER_FIELD, 0, number_box, "Số, ký hiệu văn bản")
    add_text_field(writer, DATE_FIELD, 0, date_box, "Địa danh và thời gian ban hành")
    return write_bytes(writer)
