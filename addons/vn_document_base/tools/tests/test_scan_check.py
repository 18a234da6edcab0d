# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""ND 30 Phụ lục I on scans without Odoo: PDF 1.4+, colour, 200 dpi, 100 % scale."""

import io

import img2pdf
import pikepdf
import pytest
import scan_check
from PIL import Image

A4_MM = (210.0, 297.0)
MM_PER_INCH = 25.4


def page_image(dpi, mode="RGB", size_mm=A4_MM, fmt="PNG", stated_dpi=True):
    """A page of ``size_mm`` scanned at ``dpi`` in ``mode``, as image bytes."""
    width = round(size_mm[0] / MM_PER_INCH * dpi)
    height = round(size_mm[1] / MM_PER_INCH * dpi)
    colour = {"RGB": (200, 60, 40), "L": 128, "1": 1}[mode]
    image = Image.new(mode, (width, height), colour)
    out = io.BytesIO()
    options = {"dpi": (dpi, dpi)} if stated_dpi else {}
    image.save(out, fmt, **options)
    return out.getvalue()


def scan_pdf(dpi=300, mode="RGB", page_mm=None, version="1.4", fmt="PNG"):
    """A one-page scanned PDF; ``page_mm``: place the page image on a page of that
    size (shrunk or enlarged) instead of its own size."""
    data = page_image(dpi, mode, fmt=fmt)
    if page_mm:
        size = tuple(img2pdf.mm_to_pt(x) for x in page_mm)
        layout = img2pdf.get_layout_fun(size, fit=img2pdf.FitMode.into)
        pdf = img2pdf.convert(data, layout_fun=layout)
    else:
        pdf = img2pdf.convert(data)
    return with_version(pdf, version)


def with_version(pdf, version):
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        out = io.BytesIO()
        doc.save(out, force_version=version)
        return out.getvalue()


def rules(result):
    return [failure["rule"] for failure in result["failures"]]


@pytest.mark.parametrize("dpi", [200, 300])
def test_colour_a4_scan_at_200_dpi_or_more_passes(dpi):
    result = scan_check.check_scan(scan_pdf(dpi))
    assert result["failures"] == []
    assert result["format"] == "pdf"
    assert result["pdf_version"] == "1.4"
    assert result["colour_depth"] == 24
    assert result["min_dpi"] == dpi
    assert result["paper"] == "A4"
    assert result["pages"] == 1


def test_150_dpi_fails_resolution():
    result = scan_check.check_scan(scan_pdf(150))
    assert rules(result) == ["resolution"]
    assert result["failures"][0]["dpi"] == 150
    assert result["failures"][0]["pages"] == [1]


@pytest.mark.parametrize("mode,depth", [("L", 8), ("1", 1)])
def test_grayscale_and_bilevel_fail_colour(mode, depth):
    result = scan_check.check_scan(scan_pdf(300, mode))
    assert rules(result) == ["colour"]
    assert result["colour_depth"] == depth


def test_jpeg_scan_is_colour_24_bit():
    result = scan_check.check_scan(scan_pdf(200, fmt="JPEG"))
    assert result["failures"] == []
    assert result["colour_depth"] == 24


def test_shrunk_page_fails_scale():
    """An A4 scan placed on a page 90 % of A4: the page is not at 100 %."""
    result = scan_check.check_scan(scan_pdf(300, page_mm=(189.0, 267.3)))
    assert rules(result) == ["scale"]
    assert result["paper"] == ""
    assert result["failures"][0]["size"] == "189 × 267 mm"


def test_enlarged_low_resolution_image_fails_on_placed_resolution():
    """A 200 dpi A4 image stretched over an A3 page is 141 dpi as placed."""
    result = scan_check.check_scan(scan_pdf(200, page_mm=(297.0, 420.0)))
    assert rules(result) == ["resolution"]
    assert result["paper"] == "A3"
    assert result["min_dpi"] == 141


def test_pdf_1_3_fails_version():
    result = scan_check.check_scan(scan_pdf(300, version="1.3"))
    assert rules(result) == ["pdf_version"]
    assert result["failures"][0]["version"] == "1.3"


def test_placement_through_ctm_of_a_scaled_image():
    """A 300 dpi page image drawn at half size by a cm inside q/Q: 600 dpi as
    placed, whatever its pixels and the page say."""
    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=(595.28, 841.89))
    image = pdf.make_stream(
        b"\x0a\x78\xc8" * 1240 * 1754,  # A4 at 150 dpi, RGB
        Type=pikepdf.Name.XObject,
        Subtype=pikepdf.Name.Image,
        Width=1240,
        Height=1754,
        ColorSpace=pikepdf.Name.DeviceRGB,
        BitsPerComponent=8,
    )
    page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image))
    page.contents_add(
        pdf.make_stream(b"q 297.64 0 0 420.94 0 0 cm q /Im0 Do Q Q"), prepend=False
    )
    out = io.BytesIO()
    pdf.save(out, force_version="1.5")
    result = scan_check.check_scan(out.getvalue())
    assert result["min_dpi"] == 300
    assert result["failures"] == []


def test_page_without_image_fails():
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595.28, 841.89))
    out = io.BytesIO()
    pdf.save(out, force_version="1.7")
    result = scan_check.check_scan(out.getvalue())
    assert rules(result) == ["no_image"]


def test_image_uploads_are_judged_and_reported_as_not_pdf():
    result = scan_check.check_scan(page_image(300, fmt="JPEG"))
    assert result["format"] == "image"
    assert rules(result) == ["format"]
    assert result["failures"][0]["type"] == "JPEG"
    assert result["min_dpi"] == 300
    assert result["paper"] == "A4"
    gray = scan_check.check_scan(page_image(150, "L", fmt="TIFF"))
    assert rules(gray) == ["format", "colour", "resolution"]


def test_image_without_stated_resolution_fails_resolution_and_scale():
    result = scan_check.check_scan(page_image(300, fmt="PNG", stated_dpi=False))
    assert rules(result) == ["format", "resolution", "scale"]
    assert result["failures"][2]["size"] == "?"


def test_damaged_file_is_unreadable():
    assert rules(scan_check.check_scan(b"%PDF-1.4\nnot a pdf")) == ["unreadable"]
    assert rules(scan_check.check_scan(b"GIF89a broken")) == ["unreadable"]


def test_paper_sizes():
    assert scan_check.paper_size(297.0, 210.0) == "A4"
    assert scan_check.paper_size(213.0, 300.0) == "A4"
    assert scan_check.paper_size(215.9, 279.4) == "Letter"
    assert scan_check.paper_size(200.0, 282.0) == ""
