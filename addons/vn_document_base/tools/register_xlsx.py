# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Excel copies of the register books of ND 30, Phụ lục IV (incoming, outgoing, postal
dispatch).

One sheet laid out like the printed book: the title on row 1, the agency and the year on
row 2, the column titles on row 4 and one row per entry from row 5, in Times New Roman
with borders. The callers keep their own columns and rows: ``columns`` is a list of
``(key, title)`` and each row a dict by key.
"""

import io

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FONT = "Times New Roman"
HEADER_ROW = 3  # 0-based: row 4 in the spreadsheet
NARROW, WIDE = 14, 30


def register_workbook(title, subtitle, columns, rows, sheet_name, wide_keys=()):
    """The workbook's bytes. ``wide_keys``: the columns that hold long text (subject,
    recipients)."""
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet(sheet_name[:31])
    title_format = workbook.add_format(
        {"bold": True, "font_size": 14, "align": "center", "font_name": FONT}
    )
    head = workbook.add_format(
        {
            "bold": True,
            "border": 1,
            "text_wrap": True,
            "align": "center",
            "valign": "vcenter",
            "font_name": FONT,
        }
    )
    cell = workbook.add_format(
        {"border": 1, "text_wrap": True, "valign": "top", "font_name": FONT}
    )
    last_col = len(columns) - 1
    sheet.merge_range(0, 0, 0, last_col, title, title_format)
    sheet.merge_range(1, 0, 1, last_col, subtitle, head)
    for col, (key, label) in enumerate(columns):
        sheet.write(HEADER_ROW, col, label, head)
        sheet.set_column(col, col, WIDE if key in wide_keys else NARROW)
    for row_index, row in enumerate(rows, start=HEADER_ROW + 1):
        for col, (key, _label) in enumerate(columns):
            sheet.write(row_index, col, row[key], cell)
    workbook.close()
    return buffer.getvalue()


def register_subtitle(company, year):
    """Row 2 of the sheet: "<agency> - Năm <year>"."""
    return "{} - {} {}".format(company.name, "Năm", year)


def download_action(record, filename, data):
    """Keep ``data`` as an attachment of ``record`` (a wizard) and return the action
    that downloads it."""
    attachment = record.env["ir.attachment"].create(
        {
            "name": filename,
            "raw": data,
            "res_model": record._name,
            "res_id": record.id,
            "mimetype": XLSX_MIMETYPE,
        }
    )
    return {
        "type": "ir.actions.act_url",
        "url": f"/web/content/{attachment.id}?download=true",
        "target": "self",
    }
