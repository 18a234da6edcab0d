# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The text layer of a PDF, page by page (pdfminer.six)."""

import io
import logging

from pdfminer.high_level import extract_text
from pdfminer.layout import LAParams
from pdfminer.pdfpage import PDFPage

_logger = logging.getLogger(__name__)


def pdf_page_count(data):
    return sum(1 for _page in PDFPage.get_pages(io.BytesIO(data)))


def pdf_pages_text(data, max_pages=0):
    """The text of each page of the PDF ``data`` (a list of str; "" for a page
    without text). ``max_pages``: read at most that many pages (0: all)."""
    pages = []
    params = LAParams()
    count = pdf_page_count(data)
    if max_pages:
        count = min(count, max_pages)
    for number in range(count):
        pages.append(
            extract_text(io.BytesIO(data), page_numbers=[number], laparams=params)
        )
    return pages


def has_text_layer(pages_text, min_chars=20):
    """Whether the extracted pages carry real text (a scan has none, or a few
    stray characters from a stamp or a page number)."""
    return sum(len(text.strip()) for text in pages_text) >= min_chars


def pdf_page_text(data, number):
    """The text layer of page ``number`` (from 0) of the PDF ``data``."""
    return extract_text(io.BytesIO(data), page_numbers=[number], laparams=LAParams())
