# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The rows written as XML by ``xlsx_rows.RowWriter`` are the bytes xlsxwriter's cell
API writes for the same values (issue 15: the quarterly workbook made faster keeps
its content), values off the common path included."""

import datetime
import io
import zipfile

import pytest
import xlsx_rows
import xlsxwriter

KINDS = ["number", "text", "date", "datetime", "hours"]
ODD_TEXTS = [
    "Công văn số 12/UBND-VP về chuyển đổi số",
    "A & B <c> \"d\" 'e'",
    "line one\nline two",
    " leading space",
    "trailing space ",
    "bell \x07 control",
    "escaped _x0041_ text",
    "<r>not rich</r>",
    "x" * 40000,
    "non-character \ufffe",
    "box_x12 is not an escape",
    "no-break space at the end\u00a0",
    "\u2003em space first",
    " ",
    "",
]
ODD_ROWS = [
    [1, text, datetime.date(2026, 7, 1), datetime.datetime(2026, 7, 1, 0, 0), 2.5]
    for text in ODD_TEXTS
] + [
    [2, None, None, None, None],
    [0, False, False, False, 0],  # 0 and False are written blank, as before
    [3, 17, datetime.date(1900, 2, 28), datetime.datetime(1900, 3, 1, 12, 0), 0.1],
    [
        4,
        "aware",
        datetime.date(1901, 1, 1),
        datetime.datetime(2026, 9, 30, 23, 59, 59, 999999, tzinfo=datetime.UTC),
        1e20,
    ],
    [10**15, "big", datetime.date(9999, 12, 31), datetime.datetime(2026, 1, 1), -3],
]


def _book(write_rows):
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer, {"constant_memory": True, "remove_timezone": True}
    )
    formats = {
        "number": book.add_format({"num_format": "#,##0", "border": 1}),
        "text": book.add_format({"text_wrap": True, "border": 1}),
        "date": book.add_format({"num_format": "dd/mm/yyyy"}),
        "datetime": book.add_format({"num_format": "dd/mm/yyyy hh:mm"}),
        "hours": book.add_format({"num_format": "#,##0.00"}),
    }
    sheet = book.add_worksheet("VB đến")
    sheet.write(0, 0, "Tiêu đề", formats["text"])
    sheet.set_row(1, 45)
    sheet.write(1, 1, "Số đến", formats["text"])
    write_rows(sheet, formats)
    sheet.freeze_panes(2, 2)
    book.close()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        return {
            name: archive.read(name)
            for name in archive.namelist()
            if name.startswith("xl/")
        }


def _api(rows):
    """The cell API, as the workbook wrote its detail sheets before."""

    def write(sheet, formats):
        for index, values in enumerate(rows):
            row = 2 + index
            for col, value in enumerate(values):
                kind = KINDS[col]
                if value in (None, False, ""):
                    sheet.write_blank(row, col, None, formats[kind])
                elif kind in ("date", "datetime"):
                    sheet.write_datetime(row, col, value, formats[kind])
                elif kind in ("number", "hours"):
                    sheet.write_number(row, col, value, formats[kind])
                else:
                    sheet.write_string(row, col, str(value), formats[kind])

    return write


def _fast(rows):
    def write(sheet, formats):
        xlsx_rows.RowWriter(sheet, KINDS, formats).write_rows(2, rows)

    return write


@pytest.mark.parametrize(
    "rows",
    [
        ODD_ROWS,
        [],
        [
            [
                n,
                f"Văn bản đến {n}",
                datetime.date(2026, 8, 1) + datetime.timedelta(days=n % 90),
                datetime.datetime(2026, 7, 1, 8, 30) + datetime.timedelta(minutes=n),
                n / 7,
            ]
            for n in range(1, 2000)
        ],
    ],
    ids=["odd values", "no rows", "2000 rows"],
)
def test_same_bytes_as_the_cell_api(rows):
    assert _book(_fast(rows)) == _book(_api(rows))


def test_not_a_number_is_refused_as_by_the_cell_api():
    with pytest.raises(TypeError):
        _book(_fast([[1, "a", None, None, float("nan")]]))
    with pytest.raises(TypeError):
        _book(_api([[1, "a", None, None, float("nan")]]))


def test_rows_after_those_of_the_api_only():
    def write(sheet, formats):
        sheet.write(5, 0, 1, formats["number"])
        xlsx_rows.RowWriter(sheet, KINDS, formats).write_rows(3, [[1, "a"]])

    with pytest.raises(ValueError):
        _book(write)
