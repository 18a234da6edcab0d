# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The processing-status report (R-RP2) as an Excel workbook, in the house style of the
register books (Times New Roman, borders): a header block, the usual Vietnamese table
of "tình hình giải quyết" with its rates and totals as formulas (with their values
cached for readers that do not compute), then the definitions.
"""

import io

from odoo.addons.vn_document_base.tools.register_xlsx import FONT

from .facts import BUCKETS

HEADER_ROW = 7  # 0-based: the table's headings take rows 8 to 10
FIRST_ROW = HEADER_ROW + 3  # the first unit or person
LAST_COL = 2 + 2 * len(BUCKETS)  # K: STT, label, received, then (count, rate) x 4
GROUPS = (("Đã giải quyết", BUCKETS[:2]), ("Đang giải quyết", BUCKETS[2:]))
BUCKET_TITLES = {
    "done_on_time": "Trước hạn, đúng hạn",
    "done_late": "Trễ hạn",
    "open_in_time": "Trong hạn",
    "open_overdue": "Quá hạn",
}


def col_name(col):
    """The letter of a column (0-based, up to Z is enough here)."""
    return chr(ord("A") + col)


def count_col(index):
    """The column of the count of the ``index``-th bucket; its rate is the next one."""
    return 3 + 2 * index


def rate_formula(row, col):
    """The rate of the count in ``col`` on ``row`` (0-based) over the received count,
    as a percentage rounded to 2 decimals."""
    r = row + 1
    return f"=IF($C{r}=0,0,ROUND({col_name(col)}{r}*100/$C{r},2))"


def processing_workbook(values):
    """The workbook's bytes, from the wizard's ``_report_values()``."""
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet("Tình hình giải quyết")

    def fmt(**props):
        return workbook.add_format(dict({"font_name": FONT, "font_size": 12}, **props))

    plain = fmt()
    bold = fmt(bold=True)
    title = fmt(bold=True, font_size=14, align="center")
    centred = fmt(italic=True, align="center")
    head = fmt(bold=True, border=1, text_wrap=True, align="center", valign="vcenter")
    text = fmt(border=1, text_wrap=True, valign="vcenter")
    index = fmt(border=1, align="center", valign="vcenter")
    count = fmt(border=1, num_format="#,##0", valign="vcenter")
    percent = fmt(border=1, num_format="0.00", valign="vcenter")
    total_text = fmt(border=1, bold=True, valign="vcenter")
    total_count = fmt(border=1, bold=True, num_format="#,##0", valign="vcenter")
    total_percent = fmt(border=1, bold=True, num_format="0.00", valign="vcenter")

    company = values["company"]
    sheet.merge_range(0, 0, 0, LAST_COL, f"Cơ quan báo cáo: {company.name}", bold)
    if company.vn_organ_code:
        sheet.merge_range(
            1, 0, 1, LAST_COL, f"Mã định danh: {company.vn_organ_code}", plain
        )
    sheet.merge_range(2, 0, 2, LAST_COL, values["title"], title)
    sheet.merge_range(3, 0, 3, LAST_COL, values["period"], centred)
    sheet.merge_range(
        4, 0, 4, LAST_COL, f"Số liệu tính đến {values['cutoff']}", centred
    )
    sheet.merge_range(
        5,
        0,
        5,
        LAST_COL,
        f"Lập lúc {values['generated_at']}, người lập: {values['generated_by']}",
        plain,
    )

    # The headings: three rows, the first three columns merged down.
    top, middle, bottom = HEADER_ROW, HEADER_ROW + 1, HEADER_ROW + 2
    sheet.merge_range(top, 0, bottom, 0, "STT", head)
    sheet.merge_range(top, 1, bottom, 1, values["row_heading"], head)
    sheet.merge_range(top, 2, bottom, 2, values["received_heading"], head)
    for group_title, buckets in GROUPS:
        first = count_col(BUCKETS.index(buckets[0]))
        sheet.merge_range(
            top, first, top, first + 2 * len(buckets) - 1, group_title, head
        )
        for bucket in buckets:
            col = count_col(BUCKETS.index(bucket))
            sheet.merge_range(middle, col, middle, col + 1, BUCKET_TITLES[bucket], head)
            sheet.write(bottom, col, "Số lượng", head)
            sheet.write(bottom, col + 1, "Tỷ lệ (%)", head)

    def write_figures(row, data, label, label_format, number, rate_format, totals):
        sheet.write(row, 1, label, label_format)
        if totals:
            sheet.write_formula(
                row, 2, totals.format(col="C"), number, data["received"]
            )
        else:
            sheet.write_number(row, 2, data["received"], number)
        for position, bucket in enumerate(BUCKETS):
            col = count_col(position)
            if totals:
                sheet.write_formula(
                    row, col, totals.format(col=col_name(col)), number, data[bucket]
                )
            else:
                sheet.write_number(row, col, data[bucket], number)
            sheet.write_formula(
                row,
                col + 1,
                rate_formula(row, col),
                rate_format,
                data[f"{bucket}_rate"],
            )

    row = FIRST_ROW
    for position, data in enumerate(values["rows"], start=1):
        sheet.write_number(row, 0, position, index)
        write_figures(row, data, data["label"], text, count, percent, None)
        row += 1
    total_row = row
    sheet.write_blank(total_row, 0, None, total_text)
    totals = (
        f"=SUM({{col}}{FIRST_ROW + 1}:{{col}}{total_row})" if values["rows"] else "=0"
    )
    write_figures(
        total_row,
        values["total"],
        values["total"]["label"],
        total_text,
        total_count,
        total_percent,
        totals,
    )

    row = total_row + 2
    sheet.write(row, 0, "Ghi chú:", bold)
    for note in values["notes"]:
        row += 1
        sheet.merge_range(row, 0, row, LAST_COL, f"- {note}", fmt(text_wrap=True))
        sheet.set_row(row, 32)

    sheet.set_column(0, 0, 6)
    sheet.set_column(1, 1, 36)
    sheet.set_column(2, 2, 16)
    sheet.set_column(3, LAST_COL, 11)
    sheet.set_row(top, 22)
    sheet.set_row(middle, 32)
    sheet.freeze_panes(FIRST_ROW, 2)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.set_margins(left=0.6, right=0.4, top=0.6, bottom=0.6)
    sheet.repeat_rows(top, bottom)
    sheet.fit_to_pages(1, 0)
    sheet.center_horizontally()
    workbook.close()
    return buffer.getvalue()
