# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Rows of a ``constant_memory`` xlsxwriter worksheet written as XML in one string per
row, the bytes xlsxwriter itself would write (issue 15).

A quarter of a large agency is about four million cells in its detail sheets;
xlsxwriter's cell API costs tens of microseconds a cell (a call, a tuple, the row
table, then for each cell a format lookup, attribute escaping and three regular
expressions). Here a column's cell prefix is computed once, and a value takes one
test and one string formatting. Any value off the common path (a string with control
characters, XML specials or edge whitespace, an aware datetime, a date before 1901, a
number that is not finite) is written by xlsxwriter's own cell writer, so the file is
the same either way; ``tools/tests/test_xlsx_rows.py`` compares the XML with the one
the cell API writes.
"""

import datetime
import io
import math
import re

from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import cell_datetime_tuple, cell_string_tuple

EPOCH = datetime.datetime(1899, 12, 31)
FIRST_PLAIN_DAY = datetime.date(1901, 1, 1)  # after Excel's 1900 oddities
STRING_MAX = 32767
# What makes xlsxwriter change an inline string: control characters, "_xHHHH_",
# non-characters, rich text, edge whitespace (xml:space), XML specials.
SPECIAL = re.compile(
    r"[\x00-\x08\x0b-\x1f\ufffe\uffff&<>\"\n]|_x[0-9a-fA-F]{4}_|^<r>|^\s|\s\Z"
)


class RowWriter:
    """Writes rows of ``kinds`` (one of text, number, hours, date, datetime per
    column, from column 0) with the ``formats`` of those kinds to ``sheet``."""

    def __init__(self, sheet, kinds, formats):
        if not sheet.constant_memory or sheet.date_1904:
            raise ValueError("RowWriter needs constant_memory and the 1900 epoch")
        self.sheet = sheet
        self.kinds = kinds
        self.formats = [formats[kind] for kind in kinds]
        self.prefixes = None

    def write(self, first_row, rows):
        """Write ``rows`` (sequences of values, one per column) from the 0-based
        ``first_row`` on, after every row written through the sheet's API."""
        sheet = self.sheet
        if first_row <= sheet.previous_row:
            raise ValueError("rows must follow the rows already written")
        if not rows:
            return
        sheet._write_single_row(first_row)  # flushes the rows written by the API
        # The formats' indexes are given in the order of their first cell, as
        # xlsxwriter gives them when it writes the first row.
        self.prefixes = [
            f'<c r="{xl_col_to_name(col)}%d" s="{fmt._get_xf_index()}"'
            for col, fmt in enumerate(self.formats)
        ]
        out = sheet.fh
        cell = self._cell
        number = first_row
        for values in rows:
            number += 1  # the XML's rows count from 1
            out.write(
                f'<row r="{number}">'
                + "".join(
                    cell(col, number, value) for col, value in enumerate(values)
                )
                + "</row>"
            )
        sheet.previous_row = number - 1
        sheet._check_dimensions(number - 1, len(self.kinds) - 1)

    def _cell(self, col, number, value):
        prefix = self.prefixes[col] % number
        if value in (None, False, ""):
            return prefix + "/>"
        kind = self.kinds[col]
        if kind == "text":
            text = str(value)
            if len(text) <= STRING_MAX and not SPECIAL.search(text):
                return f'{prefix} t="inlineStr"><is><t>{text}</t></is></c>'
            return self._slow(col, number, cell_string_tuple(text[:STRING_MAX], None))
        if kind in ("date", "datetime"):
            serial = _serial(value)
            if serial is None:
                serial = self.sheet._convert_date_time(value)
                return self._slow(col, number, cell_datetime_tuple(serial, None))
            return f"{prefix}><v>{serial:.16G}</v></c>"
        if isinstance(value, int | float) and math.isfinite(value):
            return f"{prefix}><v>{value:.16G}</v></c>"
        raise TypeError(f"Not a finite number: {value!r}")  # as write_number

    def _slow(self, col, number, cell):
        """The cell as xlsxwriter's own writer makes it."""
        sheet, out = self.sheet, self.sheet.fh
        sheet.fh = io.StringIO()
        try:
            sheet._write_cell(number - 1, col, cell._replace(format=self.formats[col]))
            return sheet.fh.getvalue()
        finally:
            sheet.fh = out


def _serial(value):
    """Excel's serial number of a naive datetime or a date from 1901 on, computed
    as xlsxwriter does; None for any other value."""
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None or value.year < 1901:
            return None
        delta = value - EPOCH
    elif isinstance(value, datetime.date):
        if value < FIRST_PLAIN_DAY:
            return None
        delta = datetime.datetime.fromordinal(value.toordinal()) - EPOCH
    else:
        return None
    return (
        delta.days
        + (float(delta.seconds) + float(delta.microseconds) / 1e6) / (60 * 60 * 24)
        + 1  # Excel counts 29 February 1900
    )

