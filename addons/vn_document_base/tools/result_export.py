# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Exports of a search result (ND 30 Phụ lục VI III.6.h): a title, header lines (the
agency, the query in words, the export time), then a table.

``columns`` is a list of ``(key, title)`` and each row a dict of text by key. The
workbook is written with xlsxwriter; the Word document with the standard library
(a minimal WordprocessingML package), since python-docx is not a dependency.
"""

import io
import zipfile
from xml.sax.saxutils import escape

DOCX_MIMETYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)
FONT = "Times New Roman"

_PACKAGE = "http://schemas.openxmlformats.org/package/2006"
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006"
_WORD_MAIN = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
)
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<Types xmlns="{_PACKAGE}/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/word/document.xml" ContentType="{_WORD_MAIN}"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<Relationships xmlns="{_PACKAGE}/relationships">'
    f'<Relationship Id="rId1" Type="{_OFFICE}/relationships/officeDocument" '
    'Target="word/document.xml"/>'
    "</Relationships>"
)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _run(text, bold=False, size=None):
    props = f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/>'
    if bold:
        props += "<w:b/>"
    if size:
        props += f'<w:sz w:val="{size * 2}"/>'
    body = f'<w:t xml:space="preserve">{escape(text)}</w:t>'
    return f"<w:r><w:rPr>{props}</w:rPr>{body}</w:r>"


def _paragraph(text, bold=False, size=None, center=False):
    align = '<w:pPr><w:jc w:val="center"/></w:pPr>' if center else ""
    return f"<w:p>{align}{_run(text, bold, size)}</w:p>"


def _cell(text, bold=False):
    lines = (text or "").split("\n")
    body = "".join(f"<w:p>{_run(line, bold, 10)}</w:p>" for line in lines)
    return f"<w:tc>{body}</w:tc>"


def _table(columns, rows):
    border = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    head = "".join(_cell(title, bold=True) for _key, title in columns)
    body = "".join(
        "<w:tr>" + "".join(_cell(row[key]) for key, _t in columns) + "</w:tr>"
        for row in rows
    )
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/>'
        f"<w:tblBorders>{border}</w:tblBorders></w:tblPr>"
        f"<w:tr><w:trPr><w:tblHeader/></w:trPr>{head}</w:tr>{body}</w:tbl>"
    )


def docx_bytes(title, header_lines, columns, rows):
    """A Word document (A4 landscape): the title, the header lines, the table."""
    paragraphs = _paragraph(title, bold=True, size=14, center=True)
    paragraphs += "".join(_paragraph(line) for line in header_lines)
    section = (
        '<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>'
        '<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134"'
        ' w:header="0" w:footer="0" w:gutter="0"/></w:sectPr>'
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{_W}"><w:body>{paragraphs}'
        f"{_table(columns, rows)}<w:p/>{section}</w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", _CONTENT_TYPES)
        package.writestr("_rels/.rels", _RELS)
        package.writestr("word/document.xml", document)
    return buffer.getvalue()


def xlsx_bytes(title, header_lines, columns, rows, sheet_name):
    """A workbook: the title on row 1, one header line a row, the table below."""
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet(sheet_name[:31])
    title_format = workbook.add_format(
        {"bold": True, "font_size": 14, "font_name": FONT}
    )
    line_format = workbook.add_format({"font_name": FONT})
    head = workbook.add_format(
        {"bold": True, "border": 1, "text_wrap": True, "font_name": FONT}
    )
    cell = workbook.add_format(
        {"border": 1, "text_wrap": True, "valign": "top", "font_name": FONT}
    )
    sheet.write(0, 0, title, title_format)
    for index, line in enumerate(header_lines, start=1):
        sheet.write(index, 0, line, line_format)
    first = len(header_lines) + 2
    for col, (_key, label) in enumerate(columns):
        sheet.write(first, col, label, head)
        sheet.set_column(col, col, 40 if col and label and len(label) > 20 else 18)
    for row_index, row in enumerate(rows, start=first + 1):
        for col, (key, _label) in enumerate(columns):
            sheet.write_string(row_index, col, row[key] or "", cell)
    workbook.close()
    return buffer.getvalue()
