# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Excel copies of the catalogues of ND 30 Phụ lục V (no Odoo imports).

* ``document_catalogue_workbook``: the Mục lục văn bản, tài liệu of one case file
  (Phụ lục V.IV): STT | Số, ký hiệu văn bản | Ngày tháng năm văn bản | Tên loại và
  trích yếu nội dung văn bản | Tác giả văn bản | Tờ số/Trang số | Ghi chú.
* ``file_catalogue_workbook``: the Mục lục hồ sơ (for a handover: Mục lục hồ sơ, tài
  liệu nộp lưu): Số TT | Số, ký hiệu hồ sơ | Tiêu đề hồ sơ | Thời gian tài liệu | Thời
  hạn bảo quản | Số tờ/Số trang | Ghi chú.

Laid out like the printed form, in the house style of the register books
(``vn_document_base/tools/register_xlsx.py``): Times New Roman with borders, the
agency and the title on top, a header block, the column titles with their numbers,
one row per entry, the panes frozen under the column titles, A4 landscape with the
titles repeated on every printed page, dates as real dates shown dd/mm/yyyy.

The callers give plain values: ``header`` is a dict of text, each row a dict by the
column keys below. Everything printed is Vietnamese (it has legal weight).
"""

import datetime
import io

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FONT = "Times New Roman"
DATE_FORMAT = "dd/mm/yyyy"
A4 = 9  # xlsxwriter's paper code

DOCUMENT_COLUMNS = [
    ("ordinal", "STT", 6),
    ("number", "Số, ký hiệu văn bản", 18),
    ("date", "Ngày tháng năm văn bản", 13),
    ("subject", "Tên loại và trích yếu nội dung văn bản", 55),
    ("author", "Tác giả văn bản", 28),
    ("pages", "Tờ số/Trang số", 11),
    ("note", "Ghi chú", 18),
]
FILE_COLUMNS = [
    ("ordinal", "Số TT", 6),
    ("notation", "Số, ký hiệu hồ sơ", 16),
    ("title", "Tiêu đề hồ sơ", 55),
    ("period", "Thời gian tài liệu", 24),
    ("retention", "Thời hạn bảo quản", 13),
    ("pages", "Số tờ/Số trang", 11),
    ("note", "Ghi chú", 22),
]


def date_vn(value):
    """dd/mm/yyyy of a date ('' for none)."""
    return value.strftime("%d/%m/%Y") if value else ""


def period_vn(start, end):
    """The time span of a file's documents: "dd/mm/yyyy - dd/mm/yyyy"."""
    if not start and not end:
        return ""
    if start == end or not end:
        return date_vn(start)
    if not start:
        return date_vn(end)
    return f"{date_vn(start)} - {date_vn(end)}"


def page_ranges(page_counts):
    """The pages of each document within the file ("Tờ số/Trang số"), numbered on
    through the file: [2, 1, 3] -> ["1-2", "3", "4-6"]; a document of unknown length
    gets '' and does not move the numbering."""
    ranges = []
    last = 0
    for count in page_counts:
        count = count or 0
        if count <= 0:
            ranges.append("")
            continue
        first, last = last + 1, last + count
        ranges.append(str(first) if first == last else f"{first}-{last}")
    return ranges


def _formats(workbook):
    base = {"font_name": FONT, "font_size": 12}

    def fmt(**values):
        return workbook.add_format(dict(base, **values))

    return {
        "agency": fmt(bold=True, align="center", text_wrap=True),
        "title": fmt(bold=True, font_size=14, align="center"),
        "line": fmt(align="center", text_wrap=True),
        "head": fmt(
            bold=True, border=1, text_wrap=True, align="center", valign="vcenter"
        ),
        "number": fmt(italic=True, border=1, align="center", font_size=10),
        "cell": fmt(border=1, text_wrap=True, valign="top"),
        "center": fmt(border=1, text_wrap=True, valign="top", align="center"),
        "date": fmt(border=1, valign="top", align="center", num_format=DATE_FORMAT),
        "footer": fmt(italic=True),
    }


def _workbook(
    sheet_name, columns, title, header_lines, rows, footer_lines=(), centered=()
):
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet(sheet_name[:31])
    formats = _formats(workbook)
    last_col = len(columns) - 1
    row = 0
    for line in header_lines[:1]:  # the agency
        sheet.merge_range(row, 0, row, last_col, line, formats["agency"])
        row += 1
    sheet.merge_range(row, 0, row, last_col, title, formats["title"])
    row += 1
    for line in header_lines[1:]:
        sheet.merge_range(row, 0, row, last_col, line, formats["line"])
        row += 1
    row += 1  # blank line before the table
    head_row = row
    for col, (_key, label, width) in enumerate(columns):
        sheet.set_column(col, col, width)
        sheet.write(head_row, col, label, formats["head"])
        sheet.write(head_row + 1, col, f"({col + 1})", formats["number"])
    sheet.set_row(head_row, 45)
    for row_index, values in enumerate(rows, start=head_row + 2):
        for col, (key, _label, _width) in enumerate(columns):
            value = values.get(key)
            if isinstance(value, datetime.date):
                sheet.write_datetime(
                    row_index,
                    col,
                    datetime.datetime.combine(value, datetime.time()),
                    formats["date"],
                )
            elif value is None or value is False:
                sheet.write_blank(row_index, col, None, formats["cell"])
            else:
                sheet.write(
                    row_index,
                    col,
                    value,
                    formats["center"] if key in centered else formats["cell"],
                )
    row = head_row + 2 + len(rows) + 1
    for line in footer_lines:
        sheet.merge_range(row, 0, row, last_col, line, formats["footer"])
        row += 1
    sheet.freeze_panes(head_row + 2, 0)
    sheet.set_landscape()
    sheet.set_paper(A4)
    sheet.set_margins(left=0.6, right=0.4, top=0.6, bottom=0.6)
    sheet.repeat_rows(head_row, head_row + 1)
    sheet.fit_to_pages(1, 0)
    sheet.center_horizontally()
    workbook.close()
    return buffer.getvalue()


def document_catalogue_workbook(header, rows):
    """The Mục lục văn bản, tài liệu of one file.

    ``header``: ``agency``, ``notation`` (số, ký hiệu hồ sơ), ``year``, ``title``
    (tiêu đề hồ sơ). ``rows``: dicts with ``ordinal``, ``number``, ``date`` (a date),
    ``subject``, ``author``, ``pages`` (e.g. "3-5"), ``note``."""
    lines = [
        header.get("agency") or "",
        "Số, ký hiệu hồ sơ: {}    Năm: {}".format(
            header.get("notation") or "", header.get("year") or ""
        ),
    ]
    if header.get("title"):
        lines.append("Tiêu đề hồ sơ: {}".format(header["title"]))
    return _workbook(
        "Muc luc van ban",
        DOCUMENT_COLUMNS,
        "MỤC LỤC VĂN BẢN, TÀI LIỆU",
        lines,
        rows,
        centered=("ordinal", "number", "pages"),
    )


def file_catalogue_workbook(header, rows):
    """The catalogue of files (Mục lục hồ sơ).

    ``header``: ``agency``, ``title`` (default "MỤC LỤC HỒ SƠ"), optional ``unit``
    (đơn vị nộp lưu), ``block`` (tên khối tài liệu), ``period`` and ``total_words``
    (the number of files in words). ``rows``: dicts with ``ordinal``, ``notation``,
    ``title``, ``period``, ``retention``, ``pages``, ``note``."""
    lines = [header.get("agency") or ""]
    if header.get("unit"):
        lines.append("Đơn vị nộp lưu: {}".format(header["unit"]))
    if header.get("block"):
        lines.append("Tên khối tài liệu: {}".format(header["block"]))
    if header.get("period"):
        lines.append("Thời gian tài liệu: {}".format(header["period"]))
    total = f"Tổng số hồ sơ: {len(rows)}"
    if header.get("total_words"):
        total += " (bằng chữ: {})".format(header["total_words"])
    lines.append(total)
    return _workbook(
        "Muc luc ho so",
        FILE_COLUMNS,
        header.get("title") or "MỤC LỤC HỒ SƠ",
        lines,
        rows,
        footer_lines=[f"Mục lục này có {len(rows)} hồ sơ."],
        centered=("ordinal", "notation", "retention", "pages"),
    )
