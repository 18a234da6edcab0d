# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The text of a stored file: the text layer of a PDF page by page (pdfminer.six), the
paragraphs of a DOCX or ODT document, plain text.

Pure Python, no Odoo. Every reader is bounded: a ZIP member larger than the limits, or
too many members, is refused before it is read; XML is parsed without entities, DTD
or network.
"""

import io
import logging
import unicodedata
import zipfile

from lxml import etree
from pdfminer.converter import TextConverter
from pdfminer.layout import LAParams
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage

_logger = logging.getLogger(__name__)

PAGE_BREAK = "\f"
# An office document: its ZIP holds at most this many members, and the part with the
# text is at most this large once uncompressed (a 300-page report is about 5 MB).
MAX_ZIP_MEMBERS = 5000
MAX_PART_BYTES = 50 * 1024 * 1024
MAX_TEXT_CHARS = 10 * 1024 * 1024

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"


class TextError(Exception):
    """The document's text cannot be read (damaged, or beyond the limits)."""


def pdf_page_count(data):
    return sum(1 for _page in PDFPage.get_pages(io.BytesIO(data)))


def pdf_pages_text(data, max_pages=0):
    """The text of each page of the PDF ``data`` (a list of str; "" for a page
    without text). ``max_pages``: read at most that many pages (0: all).

    One pass over the document: the file is parsed once and each page laid out in
    turn (``pdfminer.high_level.extract_text`` per page would parse the whole file
    again for every page)."""
    pages = []
    manager = PDFResourceManager(caching=True)
    output = io.StringIO()
    # all_texts: OCRmyPDF writes its text layer inside a form XObject, whose text
    # pdfminer otherwise runs together without line breaks
    device = TextConverter(manager, output, laparams=LAParams(all_texts=True))
    interpreter = PDFPageInterpreter(manager, device)
    try:
        for page in PDFPage.get_pages(io.BytesIO(data), maxpages=max_pages):
            interpreter.process_page(page)
            # pdfminer ends every page with a form feed
            pages.append(output.getvalue().removesuffix(PAGE_BREAK))
            output.seek(0)
            output.truncate(0)
    finally:
        device.close()
    return pages


def has_text_layer(pages_text, min_chars=20):
    """Whether the extracted pages carry real text (a scan has none, or a few
    stray characters from a stamp or a page number)."""
    return sum(len(text.strip()) for text in pages_text) >= min_chars


# ----------------------------------------------------------------------
# Office documents
# ----------------------------------------------------------------------
def _read_member(data, name):
    """The bytes of the ZIP member ``name``, within the limits (the sizes a ZIP
    declares are claims: the read itself stops at the limit)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ZIP_MEMBERS:
                raise TextError(f"too many members ({len(infos)})")
            info = next((i for i in infos if i.filename == name), None)
            if info is None:
                raise TextError(f"no {name}")
            if info.file_size > MAX_PART_BYTES:
                raise TextError(f"{name} too large ({info.file_size} bytes)")
            with archive.open(info) as member:
                content = member.read(MAX_PART_BYTES + 1)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as error:
        raise TextError(f"damaged archive: {error}") from error
    if len(content) > MAX_PART_BYTES:
        raise TextError(f"{name} too large")
    return content


def _parse_xml(content):
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        return etree.fromstring(content, parser=parser)
    except etree.XMLSyntaxError as error:
        raise TextError(f"damaged XML: {error}") from error


def _bounded(text):
    return text[:MAX_TEXT_CHARS]


def docx_text(data):
    """The paragraphs of the DOCX ``data`` in document order (tables included, a
    cell's paragraphs in turn), one per line; an explicit page break is "\\f". A
    paragraph inside another one (a text box) is a line of its own."""
    root = _parse_xml(_read_member(data, "word/document.xml"))
    w = f"{{{W_NS}}}"
    lines, open_paragraphs = [], []
    for event, node in etree.iterwalk(root, events=("start", "end")):
        tag = node.tag
        if tag == f"{w}p":
            if event == "start":
                open_paragraphs.append([])
            else:
                lines.append("".join(open_paragraphs.pop()))
        elif event == "end" or not open_paragraphs:
            continue
        elif tag == f"{w}t":
            open_paragraphs[-1].append(node.text or "")
        elif tag == f"{w}tab":
            open_paragraphs[-1].append("\t")
        elif tag in (f"{w}br", f"{w}cr"):
            page = node.get(f"{w}type") == "page"
            open_paragraphs[-1].append(PAGE_BREAK if page else "\n")
    return _bounded("\n".join(lines))


def _odt_inline(node, parts):
    """The text of an ODT paragraph's inline content (spans, links, spaces, tabs,
    line breaks), appended to ``parts``."""
    t = f"{{{TEXT_NS}}}"
    if node.text:
        parts.append(node.text)
    for child in node:
        if child.tag == f"{t}s":
            count = child.get(f"{t}c", "1")
            parts.append(" " * min(int(count) if count.isdigit() else 1, 1000))
        elif child.tag == f"{t}tab":
            parts.append("\t")
        elif child.tag == f"{t}line-break":
            parts.append("\n")
        elif child.tag in (f"{t}note", f"{t}annotation", f"{t}p", f"{t}h"):
            pass  # notes and comments are not the running text; a paragraph in a
            # frame is a line of its own
        else:
            _odt_inline(child, parts)
        if child.tail:
            parts.append(child.tail)


def odt_text(data):
    """The paragraphs and headings of the ODT ``data`` in document order (tables
    included), one per line."""
    root = _parse_xml(_read_member(data, "content.xml"))
    t = f"{{{TEXT_NS}}}"
    lines = []
    for node in root.iter(f"{t}p", f"{t}h"):
        parts = []
        _odt_inline(node, parts)
        lines.append("".join(parts))
    return _bounded("\n".join(lines))


def plain_text(data):
    """The text of a plain-text file: UTF-8 (with or without BOM), UTF-16 with its
    BOM, else the Vietnamese Windows code page (cp1258, whose tones are combining
    marks: composed again, NFC)."""
    data = data[: MAX_TEXT_CHARS * 4]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", "replace")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1258", "replace")
    return _bounded(unicodedata.normalize("NFC", text))


def pages_of(text):
    """The pages of ``text`` (split at page breaks)."""
    return text.split(PAGE_BREAK)
