# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The digitisation rules of ND 30 Phụ lục I (II.I.2) on a scan (ND30.md §8, R-IN7).

A scan must be a PDF of version 1.4 or later, a colour image (TT 05/2025 asks a
colour depth of 24 bit or more), of at least 200 dpi, at 100 % scale. Each page's
image is judged as it is placed on the page: its pixels divided by its placed size
in inches (the content stream's transformation matrix), and the page's physical size
must be a standard paper size (A4, A3, Letter...): a shrunk or enlarged page is not
at 100 %. Images uploaded as scans (JPEG, PNG, TIFF) are judged the same way from
their metadata, and the report says they are not PDF.

Pure Python (pikepdf, Pillow): the result is a dict of facts and of the rules that
failed (codes with their values); the words for the user are the caller's.
"""

import io
import math

import pikepdf
from PIL import Image

MIN_VERSION = (1, 4)
MIN_DPI = 200
MIN_COLOUR_DEPTH = 24
# A page within this many millimetres of a standard size (each side) is at 100 %.
SIZE_TOLERANCE_MM = 5.0
PAPER_SIZES_MM = {
    "A3": (297.0, 420.0),
    "A4": (210.0, 297.0),
    "A5": (148.0, 210.0),
    "B4": (250.0, 353.0),
    "B5": (176.0, 250.0),
    "Letter": (215.9, 279.4),
    "Legal": (215.9, 355.6),
}
MAX_PAGES = 2000  # beyond this the file is judged unreadable rather than held
MAX_FORM_DEPTH = 4  # form XObjects nested deeper are not followed
MAX_FRAMES = 500  # TIFF pages
PT_PER_INCH = 72.0
MM_PER_INCH = 25.4
# Colour components of the PDF colour spaces a scanner writes
COMPONENTS = {
    "/DeviceGray": 1,
    "/CalGray": 1,
    "/DeviceRGB": 3,
    "/CalRGB": 3,
    "/Lab": 3,
    "/DeviceCMYK": 4,
}
# Pillow modes: (colour, bits per pixel)
IMAGE_MODES = {
    "1": (False, 1),
    "L": (False, 8),
    "LA": (False, 8),
    "I": (False, 32),
    "I;16": (False, 16),
    "F": (False, 32),
    "P": (True, 8),
    "RGB": (True, 24),
    "RGBA": (True, 24),
    "RGBX": (True, 24),
    "CMYK": (True, 32),
    "YCbCr": (True, 24),
    "LAB": (True, 24),
}
IMAGE_FORMATS = {"JPEG", "PNG", "TIFF", "GIF", "BMP", "JPEG2000", "WEBP"}


def check_scan(data):
    """The facts of the scan ``data`` (bytes of a PDF or an image) and the rules it
    fails.

    Returns a dict: ``format`` ("pdf", "image" or "" when unreadable),
    ``pdf_version`` ("1.7", "" for an image), ``pages``, ``colour_depth`` (the
    lowest bits per pixel of the pages' images), ``min_dpi`` (the lowest effective
    resolution), ``paper`` (the paper sizes found, "A4, A3"), ``failures``: a list
    of dicts ``{"rule": code, ...values}``, empty when the scan meets every rule.
    Rules: "unreadable", "format", "pdf_version", "no_image", "colour",
    "colour_depth", "resolution", "scale"."""
    if data[:5] == b"%PDF-" or b"%PDF-" in data[:1024]:
        return _check_pdf(data)
    return _check_image(data)


# ----------------------------------------------------------------------
# Pages, whatever their source
# ----------------------------------------------------------------------
def _judge(pages, result):
    """Add to ``result`` the facts and failures of ``pages``: one dict per page with
    ``colour`` (bool or None without an image), ``depth``, ``dpi``, ``size_mm``."""
    failures = result["failures"]
    imaged = [p for p in pages if p["colour"] is not None]
    result["pages"] = len(pages)
    result["colour_depth"] = min((p["depth"] for p in imaged), default=0)
    result["min_dpi"] = int(min((p["dpi"] for p in imaged), default=0) + 0.5)
    papers = [paper_size(*p["size_mm"]) for p in pages]
    result["paper"] = ", ".join(dict.fromkeys(name for name in papers if name))
    blank = _numbers(pages, lambda p: p["colour"] is None)
    if blank:
        failures.append({"rule": "no_image", "pages": blank})
    grey = _numbers(pages, lambda p: p["colour"] is False)
    if grey:
        failures.append({"rule": "colour", "pages": grey})
    shallow = _numbers(pages, lambda p: p["colour"] and p["depth"] < MIN_COLOUR_DEPTH)
    if shallow:
        failures.append(
            {
                "rule": "colour_depth",
                "pages": shallow,
                "depth": result["colour_depth"],
            }
        )
    # half a dot of tolerance: 1654 pixels across 595.44 pt are 200 dpi
    low = _numbers(
        pages, lambda p: p["colour"] is not None and p["dpi"] < MIN_DPI - 0.5
    )
    if low:
        failures.append({"rule": "resolution", "pages": low, "dpi": result["min_dpi"]})
    odd = [n for n, name in enumerate(papers, start=1) if not name]
    if odd:
        width, height = pages[odd[0] - 1]["size_mm"]
        size = f"{width:.0f} × {height:.0f} mm" if width and height else "?"
        failures.append({"rule": "scale", "pages": odd, "size": size})
    return result


def _numbers(pages, test):
    return [number for number, page in enumerate(pages, start=1) if test(page)]


def paper_size(width_mm, height_mm):
    """The name of the standard paper size ``width_mm`` × ``height_mm`` is (either
    orientation), or "" when it is none of them."""
    short, long_ = sorted((width_mm, height_mm))
    for name, (w, h) in PAPER_SIZES_MM.items():
        if abs(short - w) <= SIZE_TOLERANCE_MM and abs(long_ - h) <= SIZE_TOLERANCE_MM:
            return name
    return ""


def _new_result(kind):
    return {
        "format": kind,
        "pdf_version": "",
        "pages": 0,
        "colour_depth": 0,
        "min_dpi": 0,
        "paper": "",
        "failures": [],
    }


def _unreadable(kind):
    result = _new_result(kind)
    result["failures"].append({"rule": "unreadable"})
    return result


# ----------------------------------------------------------------------
# PDF
# ----------------------------------------------------------------------
def _check_pdf(data):
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                return _unreadable("pdf")
            version = pdf_version(pdf)
            pages = [_pdf_page(page) for page in pdf.pages]
    except (pikepdf.PdfError, ValueError, KeyError, TypeError, IndexError):
        return _unreadable("pdf")
    result = _new_result("pdf")
    result["pdf_version"] = version
    if _version_tuple(version) < MIN_VERSION:
        result["failures"].append({"rule": "pdf_version", "version": version})
    return _judge(pages, result)


def pdf_version(pdf):
    """The PDF's version: the header's, or the catalog's /Version when later (PDF
    1.4 lets an incremental update raise it there)."""
    version = pdf.pdf_version
    catalog = pdf.Root.get("/Version")
    if isinstance(catalog, pikepdf.Name):
        later = str(catalog).lstrip("/")
        if _version_tuple(later) > _version_tuple(version):
            version = later
    return version


def _version_tuple(version):
    try:
        major, _dot, minor = version.partition(".")
        return int(major), int(minor or 0)
    except ValueError:
        return (0, 0)


def _pdf_page(page):
    """The facts of one page: its physical size and its image (the largest one placed
    on it, the scanned page; a stamp or a logo beside it does not count)."""
    box = page.cropbox
    unit = float(page.obj.get("/UserUnit", 1))
    width = abs(float(box[2]) - float(box[0])) * unit
    height = abs(float(box[3]) - float(box[1])) * unit
    size_mm = (
        width / PT_PER_INCH * MM_PER_INCH,
        height / PT_PER_INCH * MM_PER_INCH,
    )
    placed = list(_placed_images(page.obj, page.obj.get("/Resources"), _IDENTITY, 0))
    if not placed:
        return {"colour": None, "depth": 0, "dpi": 0.0, "size_mm": size_mm}
    image, matrix = max(placed, key=lambda item: _area(item[1]))
    colour, depth = image_colour(image)
    width_in = math.hypot(matrix[0], matrix[1]) * unit / PT_PER_INCH
    height_in = math.hypot(matrix[2], matrix[3]) * unit / PT_PER_INCH
    dpi = min(
        int(image.get("/Width", 0)) / width_in if width_in else 0.0,
        int(image.get("/Height", 0)) / height_in if height_in else 0.0,
    )
    return {"colour": colour, "depth": depth, "dpi": dpi, "size_mm": size_mm}


_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _multiply(m, n):
    """m × n for PDF matrices [a b c d e f] (m applied first)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _area(matrix):
    a, b, c, d = matrix[:4]
    return abs(a * d - b * c)


def _placed_images(owner, resources, ctm, depth):
    """(image dictionary, transformation matrix) of each image the content stream of
    ``owner`` (a page or a form XObject) paints, following forms to MAX_FORM_DEPTH."""
    xobjects = resources.get("/XObject", {}) if resources is not None else {}
    stack = []
    for operands, operator in pikepdf.parse_content_stream(owner):
        name = str(operator)
        if name == "q":
            stack.append(ctm)
        elif name == "Q":
            ctm = stack.pop() if stack else ctm
        elif name == "cm" and len(operands) == 6:
            ctm = _multiply(tuple(float(x) for x in operands), ctm)
        elif name == "INLINE IMAGE":
            yield operands[0].obj, ctm
        elif name == "Do" and operands and operands[0] in xobjects:
            xobject = xobjects[operands[0]]
            subtype = xobject.get("/Subtype")
            if subtype == "/Image":
                yield xobject, ctm
            elif subtype == "/Form" and depth < MAX_FORM_DEPTH:
                form = tuple(float(x) for x in xobject.get("/Matrix", _IDENTITY))
                yield from _placed_images(
                    xobject,
                    xobject.get("/Resources", resources),
                    _multiply(form, ctm),
                    depth + 1,
                )


def image_colour(image):
    """(colour, bits per pixel) of a PDF image dictionary. An image mask is
    bilevel; an indexed image is colour when its palette is, with the bits of its
    index; an ICC profile says its number of components."""
    if image.get("/ImageMask", False):
        return False, 1
    bpc = int(image.get("/BitsPerComponent", 8))
    space = image.get("/ColorSpace")
    if space is None:  # JPEG 2000 carries its colour space in the stream
        return _jpx_colour(image)
    if isinstance(space, pikepdf.Array) and len(space) and space[0] == "/Indexed":
        components = _components(space[1])
        return components >= 3, bpc
    components = _components(space)
    return components >= 3, bpc * components


def _components(space):
    if isinstance(space, pikepdf.Name):
        return COMPONENTS.get(str(space), 0)
    if isinstance(space, pikepdf.Array) and len(space):
        family = str(space[0])
        if family == "/ICCBased":
            return int(space[1].get("/N", 0))
        if family in ("/CalRGB", "/CalGray", "/Lab"):
            return COMPONENTS[family]
        if family == "/DeviceN" and len(space) > 1:
            return len(space[1])
        if family == "/Separation":
            return 1
        return _components(space[0])
    return 0


def _jpx_colour(image):
    try:
        mode = pikepdf.PdfImage(image).as_pil_image().mode
    except Exception:  # a JPEG 2000 Pillow cannot decode: judged as no colour
        return False, 0
    return IMAGE_MODES.get(mode, (False, 0))


# ----------------------------------------------------------------------
# Images uploaded as scans
# ----------------------------------------------------------------------
def _check_image(data):
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format
            pages = []
            for frame in range(min(getattr(image, "n_frames", 1), MAX_FRAMES)):
                image.seek(frame)
                pages.append(_image_page(image))
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return _unreadable("")
    if kind not in IMAGE_FORMATS:
        return _unreadable("")
    result = _new_result("image")
    result["failures"].append({"rule": "format", "type": kind})
    return _judge(pages, result)


def _image_page(image):
    """One image (or TIFF page): its colour, its stated resolution and the paper it
    makes at that resolution (unknown resolution: 0 dpi, no paper size)."""
    colour, depth = IMAGE_MODES.get(image.mode, (False, 0))
    if image.mode == "P" and not _palette_in_colour(image):
        colour = False
    dpi_x, dpi_y = _stated_dpi(image)
    width, height = image.size
    size_mm = (
        (width / dpi_x * MM_PER_INCH, height / dpi_y * MM_PER_INCH)
        if dpi_x and dpi_y
        else (0.0, 0.0)
    )
    return {
        "colour": colour,
        "depth": depth,
        "dpi": min(dpi_x, dpi_y),
        "size_mm": size_mm,
    }


def _stated_dpi(image):
    dpi = image.info.get("dpi")
    try:
        dpi_x, dpi_y = (float(dpi[0]), float(dpi[1])) if dpi else (0.0, 0.0)
    except (TypeError, ValueError, IndexError):
        return 0.0, 0.0
    if dpi_x <= 1 or dpi_y <= 1:  # JFIF "aspect ratio only" or nonsense
        return 0.0, 0.0
    return dpi_x, dpi_y


def _palette_in_colour(image):
    palette = image.getpalette() or []
    return any(
        not (palette[i] == palette[i + 1] == palette[i + 2])
        for i in range(0, len(palette) - 2, 3)
    )
