# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""PDF fixtures for tests: plain functions, no Odoo imports.

All signatures are made with the TEST PKI of ``pki.py``.
"""

import io
import os

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

try:  # inside Odoo
    from . import pki
except ImportError:  # standalone (scripts, plain pytest)
    import importlib.util

    _spec = importlib.util.spec_from_file_location(
        "vn_document_base_tests_pki",
        os.path.join(os.path.dirname(os.path.abspath(__file__)), "pki.py"),
    )
    pki = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(pki)

# Liberation 2 has the Vietnamese precomposed letters (Ư, Ơ, Ế...); Liberation 1 does
# not.
FONT_PATH = next(
    (
        p
        for p in (
            "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
            "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
        )
        if os.path.exists(p)
    ),
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
)
FONT_NAME = "LiberationSerif"
DEFAULT_TEXT = (
    "Quyết định về việc phê duyệt kế hoạch năm 2025 - Ủy ban nhân dân phường Bến Thành"
)


def _font():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT_NAME in pdfmetrics.getRegisteredFontNames():
        return FONT_NAME
    if os.path.exists(FONT_PATH):
        try:
            pdfmetrics.registerFont(TTFont(FONT_NAME, FONT_PATH))
            return FONT_NAME
        except Exception:  # pragma: no cover - broken font file
            return "Helvetica"
    return "Helvetica"


def make_pdf(pages=2, text=DEFAULT_TEXT):
    """Return bytes of a simple A4 PDF with ``pages`` pages of ``text``."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setTitle("VN eDoc test document")
    font = _font()
    width, height = A4
    for i in range(pages):
        c.setFont(font, 14)
        c.drawString(60, height - 80, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        c.drawString(60, height - 100, "Độc lập - Tự do - Hạnh phúc")
        c.setFont(font, 12)
        c.drawString(60, height - 150, text)
        c.drawString(60, 40, f"Trang {i + 1}/{pages}")
        c.showPage()
    c.save()
    return buf.getvalue()


def _pki():
    return pki.build_pki()


def add_signature_fields(pdf_bytes, field_names):
    """Add empty invisible signature fields (incremental update)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields

    w = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes))
    for name in field_names:
        fields.append_signature_field(w, fields.SigFieldSpec(sig_field_name=name))
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def sign_pdf(pdf_bytes, entry, root_entry, field_name="Sig1", certify=False):
    """Sign ``pdf_bytes`` (incremental update, invisible, PAdES, SHA-256).

    ``entry``/``root_entry`` are pki entries (dicts with key/cert),
    e.g. ``build_pki()["signer"]`` and ``build_pki()["root"]``.  The field
    is created if it does not exist.
    """
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        certify=certify,
    )
    w = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes))
    out = signers.sign_pdf(w, meta, signer=pki.pyhanko_signer(entry, root_entry))
    return out.getvalue()


def make_two_signature_pdf():
    """PDF approved by ``signer`` (field Sig1) then ``agency`` (field Sig2).

    Both fields are created before the first signature so the second one is
    an allowed form-filling change; both validate with bottom_line True
    against the test root.
    """
    ca = _pki()
    pdf = add_signature_fields(make_pdf(), ["Sig1", "Sig2"])
    pdf = sign_pdf(pdf, ca["signer"], ca["root"], field_name="Sig1")
    return sign_pdf(pdf, ca["agency"], ca["root"], field_name="Sig2")


def tamper_pdf(signed_bytes):
    """Append an incremental update replacing page 0's /Contents."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    w = IncrementalPdfFileWriter(io.BytesIO(signed_bytes))
    page_ref = w.root["/Pages"]["/Kids"][0]
    while page_ref.get_object().get("/Type") == "/Pages":  # nested page tree
        page_ref = page_ref.get_object()["/Kids"][0]
    page = page_ref.get_object()
    stream = generic.StreamObject(
        stream_data=b"BT /F1 24 Tf 72 700 Td (TAMPERED) Tj ET"
    )
    page["/Contents"] = w.add_object(stream)
    w.update_container(page)
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()
