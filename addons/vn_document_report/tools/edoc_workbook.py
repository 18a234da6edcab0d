# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The quarterly e-document report as an Excel workbook (R-RP1, REPORTS.md §1.4).

Sheets: "Tổng hợp" (one row per unit and a total row; totals and rates are formulas),
"VB đi", "VB đến", "Liên thông" and "Sự cố" (the documents, copies and incidents behind
every figure), "Ghi chú" (one sentence defining each indicator). Everything is
Vietnamese: the workbook goes to the Department whatever the user's language.

The caller passes plain values (``data``, see ``build``); this module only lays them
out, so it can be read and tested without a database.
"""

import contextlib
import functools
import io
import tempfile
import threading
import zipfile
from operator import itemgetter

from xlsxwriter.utility import xl_col_to_name

try:
    from .xlsx_rows import RowWriter
except ImportError:  # loaded outside the addon package (pytest)
    from xlsx_rows import RowWriter

FONT = "Times New Roman"
SUMMARY = "Tổng hợp"
FIRST_ROW = 9  # 0-based row of the first unit (row 10 in the spreadsheet)

# (key, group, heading, formula or None, definition). A formula is written with the
# column letters of the keys in braces, on the same row.
COLUMNS = [
    (
        "unit",
        "",
        "Đơn vị",
        None,
        "Đơn vị trong cơ quan (đơn vị soạn thảo văn bản đi, "
        "đơn vị chủ trì giải quyết văn bản đến, đơn vị của người dùng).",
    ),
    (
        "out_total",
        "Văn bản đi",
        "Tổng số",
        None,
        "Văn bản đi được cấp số và phát hành trong kỳ, không tính văn bản đã bị thu "
        "hồi "
        "trước thời điểm chốt số liệu và văn bản thay thế (văn bản bị thay thế được "
        "tính "
        "một lần).",
    ),
    (
        "out_signed",
        "Văn bản đi",
        "Ký số hợp lệ",
        None,
        "Văn bản đi (trong cột Tổng số) có chữ ký số hợp lệ của người có thẩm quyền và "
        "của cơ quan.",
    ),
    (
        "out_electronic",
        "Văn bản đi",
        "Điện tử hoàn toàn",
        None,
        "Văn bản đi (trong cột Tổng số) chỉ gửi bằng điện tử, không gửi bản giấy, có "
        "chữ "
        "ký số hợp lệ.",
    ),
    (
        "out_both",
        "Văn bản đi",
        "Điện tử kèm bản giấy",
        None,
        "Văn bản đi (trong cột Tổng số) gửi bằng điện tử và đồng thời gửi bản giấy.",
    ),
    (
        "out_paper",
        "Văn bản đi",
        "Chỉ bản giấy",
        None,
        "Văn bản đi (trong cột Tổng số) chỉ gửi bản giấy.",
    ),
    (
        "out_lgsp",
        "Văn bản đi",
        "Qua HCM LGSP",
        None,
        "Văn bản đi (trong cột Tổng số) có ít nhất một nơi nhận được gửi qua nền tảng "
        "HCM LGSP trước thời điểm chốt số liệu.",
    ),
    (
        "out_electronic_rate",
        "Văn bản đi",
        "Tỷ lệ điện tử hoàn toàn (%)",
        "=IF({out_total}=0,0,{out_electronic}/{out_total})",
        "Điện tử hoàn toàn chia cho Tổng số văn bản đi.",
    ),
    (
        "out_signed_rate",
        "Văn bản đi",
        "Tỷ lệ ký số (%)",
        "=IF({out_total}=0,0,{out_signed}/{out_total})",
        "Ký số hợp lệ chia cho Tổng số văn bản đi.",
    ),
    (
        "out_replacements",
        "Văn bản đi",
        "Văn bản thay thế (không tính)",
        None,
        "Văn bản đi phát hành trong kỳ để thay thế một văn bản đã phát hành; không "
        "tính "
        "vào Tổng số.",
    ),
    (
        "in_total",
        "Văn bản đến",
        "Tổng số",
        None,
        "Văn bản đến được đăng ký (cấp số đến) trong kỳ, không tính văn bản bị cơ quan "
        "gửi thu hồi trước thời điểm chốt số liệu.",
    ),
    (
        "in_lgsp",
        "Văn bản đến",
        "Qua HCM LGSP",
        None,
        "Văn bản đến (trong cột Tổng số) nhận qua nền tảng HCM LGSP.",
    ),
    (
        "in_other_electronic",
        "Văn bản đến",
        "Điện tử khác",
        None,
        "Văn bản đến (trong cột Tổng số) nhận bằng điện tử khác: thư điện tử, đơn vị "
        "trong cơ quan.",
    ),
    (
        "in_paper",
        "Văn bản đến",
        "Bản giấy",
        None,
        "Văn bản đến (trong cột Tổng số) nhận bản giấy (có hoặc không số hóa).",
    ),
    (
        "in_valid_signature",
        "Văn bản đến",
        "Chữ ký số hợp lệ",
        None,
        "Văn bản đến (trong cột Tổng số) có chữ ký số và mọi chữ ký số đều hợp lệ khi "
        "kiểm tra lúc tiếp nhận.",
    ),
    (
        "in_electronic_rate",
        "Văn bản đến",
        "Tỷ lệ điện tử (%)",
        "=IF({in_total}=0,0,({in_lgsp}+{in_other_electronic})/{in_total})",
        "Văn bản đến qua HCM LGSP và điện tử khác chia cho Tổng số văn bản đến.",
    ),
    (
        "in_recalled",
        "Văn bản đến",
        "Bị thu hồi (không tính)",
        None,
        "Văn bản đến đăng ký trong kỳ và bị cơ quan gửi thu hồi trước thời điểm chốt "
        "số "
        "liệu; không tính vào Tổng số.",
    ),
    (
        "h_total",
        "Giải quyết văn bản đến có hạn",
        "Có hạn giải quyết",
        "={h_on_time}+{h_late}+{h_open}+{h_overdue}",
        "Văn bản đến (trong cột Tổng số, trừ văn bản trả lại) có hạn giải quyết: tổng "
        "của bốn cột sau.",
    ),
    (
        "h_on_time",
        "Giải quyết văn bản đến có hạn",
        "Đã giải quyết đúng, trước hạn",
        None,
        "Hoàn thành trước thời điểm chốt số liệu, vào hoặc trước hạn giải quyết có "
        "hiệu "
        "lực khi hoàn thành.",
    ),
    (
        "h_late",
        "Giải quyết văn bản đến có hạn",
        "Đã giải quyết trễ hạn",
        None,
        "Hoàn thành trước thời điểm chốt số liệu, sau hạn giải quyết có hiệu lực khi "
        "hoàn thành.",
    ),
    (
        "h_open",
        "Giải quyết văn bản đến có hạn",
        "Đang giải quyết trong hạn",
        None,
        "Chưa hoàn thành tại thời điểm chốt số liệu, hạn giải quyết chưa qua.",
    ),
    (
        "h_overdue",
        "Giải quyết văn bản đến có hạn",
        "Đang giải quyết quá hạn",
        None,
        "Chưa hoàn thành tại thời điểm chốt số liệu, hạn giải quyết là ngày trước ngày "
        "chốt số liệu.",
    ),
    (
        "h_on_time_rate",
        "Giải quyết văn bản đến có hạn",
        "Tỷ lệ đúng hạn (%)",
        "=IF({h_on_time}+{h_late}=0,0,{h_on_time}/({h_on_time}+{h_late}))",
        "Đã giải quyết đúng, trước hạn chia cho số đã giải quyết (đúng hạn và trễ "
        "hạn).",
    ),
    (
        "x_unanswered",
        "Liên thông",
        'Chưa nhận "đã đến" sau {days} ngày làm việc',
        None,
        "Lượt gửi văn bản đi trong kỳ qua HCM LGSP mà đến hết ngày làm việc thứ {days} "
        "sau ngày gửi (trước thời điểm chốt số liệu) cơ quan nhận chưa trả trạng thái "
        '"đã đến" và cũng không từ chối (QĐ 3760 Điều 16.8, 17.5).',
    ),
    (
        "x_refused",
        "Liên thông",
        "Bị từ chối",
        None,
        "Lượt gửi văn bản đi trong kỳ qua HCM LGSP bị cơ quan nhận từ chối (trạng thái "
        "02) trước thời điểm chốt số liệu.",
    ),
    (
        "x_recalled",
        "Liên thông",
        "Văn bản đi bị thu hồi",
        None,
        "Văn bản đi phát hành trong kỳ và bị thu hồi trước thời điểm chốt số liệu; "
        "không "
        "tính vào Tổng số văn bản đi.",
    ),
    (
        "u_active",
        "Sử dụng hệ thống",
        "Tài khoản hoạt động",
        None,
        "Tài khoản của cán bộ đã đăng nhập ít nhất một lần trong kỳ.",
    ),
    (
        "u_enabled",
        "Sử dụng hệ thống",
        "Tổng tài khoản",
        None,
        "Tài khoản của cán bộ đang được kích hoạt, tạo trước thời điểm chốt số liệu.",
    ),
    (
        "u_rate",
        "Sử dụng hệ thống",
        "Tỷ lệ hoạt động (%)",
        "=IF({u_enabled}=0,0,{u_active}/{u_enabled})",
        "Tài khoản hoạt động chia cho Tổng tài khoản.",
    ),
]
FIGURE_KEYS = [key for key, _g, _h, formula, _d in COLUMNS[1:] if not formula]
RATE_KEYS = [key for key, _g, _h, formula, _d in COLUMNS if formula and "/" in formula]


def column_letter(key):
    """The spreadsheet column of a key of the summary sheet (unit is B, after STT)."""
    return xl_col_to_name(1 + [c[0] for c in COLUMNS].index(key))


def _formula(template, row):
    """``template`` with each {key} replaced by its cell on the 0-based ``row``."""
    cells = {key: f"{column_letter(key)}{row + 1}" for key, *_rest in COLUMNS}
    return template.format(**cells)


def _evaluate(template, figures):
    """The value the formula gives for ``figures`` (cached in the file, so readers
    that do not recalculate show it)."""
    values = {key: figures.get(key, 0) for key, *_rest in COLUMNS}
    if "/" not in template:
        return sum(
            values[key] for key in ("h_on_time", "h_late", "h_open", "h_overdue")
        )
    for key, _g, _h, formula, _d in COLUMNS:
        if formula == template:
            return RATE_FUNCTIONS[key](values)
    raise KeyError(template)


def _ratio(numerator, denominator):
    return numerator / denominator if denominator else 0


RATE_FUNCTIONS = {
    "out_electronic_rate": lambda v: _ratio(v["out_electronic"], v["out_total"]),
    "out_signed_rate": lambda v: _ratio(v["out_signed"], v["out_total"]),
    "in_electronic_rate": lambda v: _ratio(
        v["in_lgsp"] + v["in_other_electronic"], v["in_total"]
    ),
    "h_on_time_rate": lambda v: _ratio(v["h_on_time"], v["h_on_time"] + v["h_late"]),
    "u_rate": lambda v: _ratio(v["u_active"], v["u_enabled"]),
}


class _Formats:
    def __init__(self, workbook):
        base = {"font_name": FONT, "font_size": 11}

        def add(**extra):
            return workbook.add_format(dict(base, **extra))

        self.title = add(bold=True, font_size=14, align="center", valign="vcenter")
        self.line = add(align="left")
        self.bold_line = add(bold=True, align="left")
        self.head = add(
            bold=True, border=1, text_wrap=True, align="center", valign="vcenter"
        )
        self.text = add(border=1, text_wrap=True, valign="top")
        self.number = add(border=1, num_format="#,##0", valign="top")
        self.percent = add(border=1, num_format="0.00%", valign="top")
        self.date = add(border=1, num_format="dd/mm/yyyy", valign="top")
        self.datetime = add(border=1, num_format="dd/mm/yyyy hh:mm", valign="top")
        self.total_text = add(border=1, bold=True, valign="top")
        self.total_number = add(border=1, bold=True, num_format="#,##0")
        self.total_percent = add(border=1, bold=True, num_format="0.00%")
        self.hours = add(border=1, num_format="#,##0.00", valign="top")


def _print_setup(sheet, header_row, columns):
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(header_row)
    sheet.print_title = True
    sheet.set_footer("&CTrang &P/&N")
    if columns:
        sheet.autofilter(header_row, 0, header_row, columns - 1)


def _header_block(sheet, fmt, data, title, last_col):
    sheet.merge_range(0, 0, 0, last_col, title, fmt.title)
    sheet.set_row(0, 24)
    lines = [
        data.get("recipient_line") or "",
        "Cơ quan báo cáo: {} - Mã định danh: {}".format(
            data["agency"], data["organ_code"] or ""
        ),
        "Kỳ báo cáo: {} (từ 00:00 ngày {} đến 24:00 ngày {}, giờ Việt Nam)".format(
            data["period"], data["date_from_text"], data["date_to_text"]
        ),
        "Số liệu chốt lúc: {}".format(data["cutoff_text"]),
        "Lập lúc: {} - Người lập: {} - Phiên bản: {}".format(
            data["generated_at_text"], data["generated_by"], data["version"]
        ),
    ]
    for row, text in enumerate(lines, start=1):
        sheet.merge_range(row, 0, row, last_col, text, fmt.line)


def build(data):
    """The workbook's bytes.

    ``data``: title, recipient_line, agency, organ_code, period, date_from_text,
    date_to_text, cutoff_text, generated_at_text, generated_by, version, monitor_days,
    units (list of {"name", "figures": {key: int}}), outages (list of dicts: start,
    end, hours, description, reported_on), incoming, outgoing, deliveries (lists of
    dicts keyed as the detail sheets' columns below).
    """
    import xlsxwriter

    buffer = io.BytesIO()
    # constant_memory: rows go to a temporary file as they are written (a quarter of
    # a large agency is hundreds of thousands of rows).
    workbook = xlsxwriter.Workbook(
        buffer,
        {
            "constant_memory": True,
            "remove_timezone": True,
            "strings_to_numbers": False,
            "tmpdir": tempfile.gettempdir(),
        },
    )
    fmt = _Formats(workbook)
    _summary_sheet(workbook, fmt, data)
    for name, title, columns, rows in _detail_sheets(data):
        _detail_sheet(workbook, fmt, data, name, title, columns, rows)
    _notes_sheet(workbook, fmt, data)
    with _fast_deflate():
        workbook.close()
    return buffer.getvalue()


DEFLATE_LEVEL = 1
_DEFLATE_LOCK = threading.Lock()


@contextlib.contextmanager
def _fast_deflate():
    """Zip the workbook at deflate level 1 instead of zlib's default 6: a quarter
    of a large agency is a few hundred MB of sheet XML, which level 6 took longer to
    compress than everything else to write; level 1 is several times faster for a
    somewhat larger file. xlsxwriter has no option for it: the ZipFile it makes
    while closing gets the level (under a lock, put back at once)."""
    import xlsxwriter.workbook as module

    with _DEFLATE_LOCK:
        original = module.ZipFile
        module.ZipFile = functools.partial(zipfile.ZipFile, compresslevel=DEFLATE_LEVEL)
        try:
            yield
        finally:
            module.ZipFile = original


def summary_headings(days):
    """(group, heading) of each column of the summary sheet after STT."""
    return [
        (group, heading.format(days=days)) for _k, group, heading, _f, _d in COLUMNS
    ]


def _summary_sheet(workbook, fmt, data):
    sheet = workbook.add_worksheet(SUMMARY)
    last_col = len(COLUMNS)
    _header_block(sheet, fmt, data, data["title"], last_col)
    group_row, head_row = FIRST_ROW - 2, FIRST_ROW - 1
    # Rows are written in order (the workbook streams them to disk): the groups'
    # row first, then the headings' row.
    headings = summary_headings(data["monitor_days"])
    spans, col = [], 2
    while col <= last_col:
        end = col
        while end + 1 <= last_col and headings[end][0] == headings[col - 1][0]:
            end += 1
        spans.append((col, end, headings[col - 1][0]))
        col = end + 1
    sheet.write_blank(group_row, 0, None, fmt.head)
    sheet.write_blank(group_row, 1, None, fmt.head)
    for first, end, group in spans:
        if end > first:
            sheet.merge_range(group_row, first, group_row, end, group, fmt.head)
        else:
            sheet.write(group_row, first, group, fmt.head)
    sheet.write(head_row, 0, "STT", fmt.head)
    for each in range(1, last_col + 1):
        sheet.write(head_row, each, headings[each - 1][1], fmt.head)
    sheet.set_row(head_row, 60)
    sheet.set_column(0, 0, 5)
    sheet.set_column(1, 1, 30)
    sheet.set_column(2, last_col, 12)
    units = data["units"]
    for index, unit in enumerate(units):
        row = FIRST_ROW + index
        sheet.write_number(row, 0, index + 1, fmt.number)
        sheet.write_string(row, 1, unit["name"], fmt.text)
        _figure_cells(sheet, fmt, row, unit["figures"], total=False)
    total_row = FIRST_ROW + len(units)
    sheet.write(total_row, 0, "", fmt.total_text)
    sheet.write_string(total_row, 1, "Tổng cộng", fmt.total_text)
    totals = {
        key: sum(unit["figures"].get(key, 0) for unit in units) for key in FIGURE_KEYS
    }
    for key in FIGURE_KEYS:
        col = 1 + [c[0] for c in COLUMNS].index(key)
        letter = column_letter(key)
        if units:
            formula = f"=SUM({letter}{FIRST_ROW + 1}:{letter}{total_row})"
        else:
            formula = "=0"
        sheet.write_formula(total_row, col, formula, fmt.total_number, totals[key])
    _formula_cells(sheet, fmt, total_row, totals, total=True)
    outage_row = total_row + 2
    outages = data["outages"]
    sheet.write_string(outage_row, 1, "Sự cố hệ thống (số lần)", fmt.bold_line)
    count_formula = f"=COUNTA('Sự cố'!B{DETAIL_FIRST_ROW + 1}:B1048576)"
    sheet.write_formula(outage_row, 2, count_formula, fmt.total_number, len(outages))
    sheet.write_string(outage_row + 1, 1, "Sự cố hệ thống (tổng số giờ)", fmt.bold_line)
    hours_formula = f"=SUM('Sự cố'!D{DETAIL_FIRST_ROW + 1}:D1048576)"
    sheet.write_formula(
        outage_row + 1,
        2,
        hours_formula,
        fmt.hours,
        round(sum(o["hours"] for o in outages), 2),
    )
    sheet.freeze_panes(FIRST_ROW, 2)
    _print_setup(sheet, head_row, 0)
    sheet.repeat_rows(group_row, head_row)


def _figure_cells(sheet, fmt, row, figures, total):
    for key in FIGURE_KEYS:
        col = 1 + [c[0] for c in COLUMNS].index(key)
        sheet.write_number(row, col, figures.get(key, 0), fmt.number)
    _formula_cells(sheet, fmt, row, figures, total)


def _formula_cells(sheet, fmt, row, figures, total):
    for key, _g, _h, formula, _d in COLUMNS:
        if not formula:
            continue
        col = 1 + [c[0] for c in COLUMNS].index(key)
        is_rate = "/" in formula
        cell_format = (
            (fmt.total_percent if total else fmt.percent)
            if is_rate
            else (fmt.total_number if total else fmt.number)
        )
        sheet.write_formula(
            row, col, _formula(formula, row), cell_format, _evaluate(formula, figures)
        )


DETAIL_FIRST_ROW = 8  # 0-based row of the first document of a detail sheet
# (key, heading, kind, width) of each detail sheet.
INCOMING_COLUMNS = [
    ("arrival_number", "Số đến", "number", 8),
    ("arrival_date", "Ngày đến", "datetime", 15),
    ("registered_on", "Thời điểm đăng ký", "datetime", 15),
    ("organ_name", "Tác giả (cơ quan ban hành)", "text", 25),
    ("number_notation", "Số, ký hiệu văn bản", "text", 16),
    ("issued_date", "Ngày tháng văn bản", "date", 12),
    ("type_subject", "Tên loại và trích yếu nội dung", "text", 45),
    ("unit", "Đơn vị chủ trì", "text", 20),
    ("person", "Người xử lý", "text", 18),
    ("channel", "Kênh nhận", "text", 12),
    ("paper", "Bản giấy", "text", 8),
    ("signature", "Chữ ký số", "text", 14),
    ("lgsp_id", "Mã văn bản liên thông", "text", 30),
    ("deadline", "Hạn giải quyết", "date", 12),
    ("done_on", "Hoàn thành lúc", "datetime", 15),
    ("status", "Tình trạng giải quyết tại thời điểm chốt", "text", 22),
    ("note", "Ghi chú", "text", 25),
]
OUTGOING_COLUMNS = [
    ("number_symbol", "Số, ký hiệu văn bản", "text", 18),
    ("issued_date", "Ngày tháng văn bản", "date", 12),
    ("issued_at", "Thời điểm phát hành", "datetime", 15),
    ("type_subject", "Tên loại và trích yếu nội dung", "text", 45),
    ("signer", "Người ký", "text", 18),
    ("recipients", "Nơi nhận", "text", 30),
    ("copies", "Số lượng bản", "number", 8),
    ("unit", "Đơn vị soạn thảo", "text", 20),
    ("medium", "Hình thức gửi", "text", 16),
    ("signed", "Ký số hợp lệ", "text", 10),
    ("lgsp", "Qua HCM LGSP", "text", 10),
    ("lgsp_status", "Trạng thái trên HCM LGSP", "text", 35),
    ("note", "Ghi chú", "text", 28),
]
DELIVERY_COLUMNS = [
    ("document_id", "Mã văn bản (DocumentId)", "text", 38),
    ("number_symbol", "Số, ký hiệu văn bản", "text", 18),
    ("unit", "Đơn vị soạn thảo", "text", 20),
    ("recipient", "Cơ quan nhận", "text", 28),
    ("recipient_code", "Mã định danh cơ quan nhận", "text", 18),
    ("sent_on", "Thời điểm gửi", "datetime", 15),
    ("due_day", 'Hạn nhận trạng thái "đã đến"', "date", 13),
    ("received_on", 'Thời điểm nhận "đã đến"', "datetime", 15),
    ("status", "Trạng thái cuối", "text", 18),
    ("working_days", "Số ngày làm việc chờ", "number", 10),
    ("finding", "Nhận xét", "text", 30),
]
OUTAGE_COLUMNS = [
    ("start", "Bắt đầu", "datetime", 16),
    ("end", "Kết thúc", "datetime", 16),
    ("hours", "Thời gian (giờ)", "hours", 10),
    ("description", "Nội dung sự cố", "text", 60),
    ("reported_on", "Thời điểm báo cáo", "datetime", 16),
]


def _detail_sheets(data):
    return [
        (
            "VB đi",
            "DANH SÁCH VĂN BẢN ĐI PHÁT HÀNH TRONG KỲ",
            OUTGOING_COLUMNS,
            data["outgoing"],
        ),
        (
            "VB đến",
            "DANH SÁCH VĂN BẢN ĐẾN ĐĂNG KÝ TRONG KỲ",
            INCOMING_COLUMNS,
            data["incoming"],
        ),
        (
            "Liên thông",
            "VĂN BẢN ĐI GỬI QUA HCM LGSP TRONG KỲ VÀ TRẠNG THÁI PHẢN HỒI",
            DELIVERY_COLUMNS,
            data["deliveries"],
        ),
        ("Sự cố", "SỰ CỐ HỆ THỐNG TRONG KỲ", OUTAGE_COLUMNS, data["outages"]),
    ]


def _detail_sheet(workbook, fmt, data, name, title, columns, rows):
    sheet = workbook.add_worksheet(name)
    last_col = len(columns)
    _header_block(sheet, fmt, data, title, last_col)
    head_row = DETAIL_FIRST_ROW - 1
    sheet.write(head_row, 0, "STT", fmt.head)
    sheet.set_column(0, 0, 6)
    for col, (_key, heading, _kind, width) in enumerate(columns, start=1):
        sheet.write(head_row, col, heading, fmt.head)
        sheet.set_column(col, col, width)
    sheet.set_row(head_row, 45)
    formats = {
        "text": fmt.text,
        "number": fmt.number,
        "date": fmt.date,
        "datetime": fmt.datetime,
        "hours": fmt.hours,
    }
    # The rows go out as XML, one string per row (xlsx_rows: same bytes as the
    # cell API, which took minutes for a quarter of a million documents).
    keys = [key for key, _heading, _kind, _width in columns]
    writer = RowWriter(sheet, ["number"] + [c[2] for c in columns], formats)
    get = _getter(keys)
    writer.write_rows(
        DETAIL_FIRST_ROW,
        [(index, *get(values)) for index, values in enumerate(rows, 1)],
    )
    sheet.freeze_panes(DETAIL_FIRST_ROW, 2)
    _print_setup(sheet, head_row, last_col + 1)


def _getter(keys):
    """A function giving the values of ``keys`` (two or more) in a dict row, None
    for a missing key."""
    picked = itemgetter(*keys)

    def get(row):
        try:
            return picked(row)
        except KeyError:
            return tuple(row.get(key) for key in keys)

    return get


def _notes_sheet(workbook, fmt, data):
    sheet = workbook.add_worksheet("Ghi chú")
    _header_block(sheet, fmt, data, "ĐỊNH NGHĨA CÁC CHỈ TIÊU", 2)
    head_row = DETAIL_FIRST_ROW - 1
    for col, heading in enumerate(("Nhóm", "Chỉ tiêu", "Định nghĩa")):
        sheet.write(head_row, col, heading, fmt.head)
    sheet.set_column(0, 0, 28)
    sheet.set_column(1, 1, 30)
    sheet.set_column(2, 2, 100)
    days = data["monitor_days"]
    notes = [
        (group or "Chung", heading.format(days=days), definition.format(days=days))
        for _k, group, heading, _f, definition in COLUMNS
    ]
    notes += [
        (
            "Sử dụng hệ thống",
            "Sự cố hệ thống",
            "Sự cố làm gián đoạn hệ thống bắt đầu trong kỳ: số lần và tổng số giờ gián "
            "đoạn (QĐ 3760 Điều 13.4).",
        ),
        (
            "Chung",
            "Kỳ báo cáo và thời điểm chốt số liệu",
            "Văn bản đến tính theo thời điểm đăng ký, văn bản đi theo thời điểm phát "
            "hành, theo giờ Việt Nam; số liệu được chốt lúc hết kỳ (hoặc lúc lập báo "
            "cáo "
            "nếu kỳ chưa kết thúc), các thay đổi sau thời điểm đó không làm đổi số "
            "liệu "
            "của kỳ.",
        ),
    ]
    for index, (group, heading, definition) in enumerate(notes):
        row = DETAIL_FIRST_ROW + index
        sheet.write_string(row, 0, group, fmt.text)
        sheet.write_string(row, 1, heading, fmt.text)
        sheet.write_string(row, 2, definition, fmt.text)
    _print_setup(sheet, head_row, 3)
