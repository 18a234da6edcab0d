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
the cell API writes. It uses worksheet internals of XlsxWriter 3.1.9 (pinned in
requirements.txt): that test is the one to run when the version changes.
"""

import datetime
import io
import math
import re

from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import cell_datetime_tuple, cell_string_tuple

EPOCH = datetime.datetime(1899, 12, 31)
EPOCH_DAY = EPOCH.toordinal()
FIRST_PLAIN_DAY = datetime.date(1901, 1, 1)  # after Excel's 1900 oddities
STRING_MAX = 32767
# What makes xlsxwriter change an inline string: control characters, non-characters,
# XML specials (rich text starts with "<"), "_xHHHH_" escapes (they contain "_x")
# and edge whitespace (xml:space).
SPECIAL = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff&<>\"\n]")


def _plain(text):
    """Whether xlsxwriter writes ``text`` (a str) as it is."""
    return (
        len(text) <= STRING_MAX
        and not SPECIAL.search(text)
        and "_x" not in text
        and not text[0].isspace()
        and not text[-1].isspace()
    )


BLANK = "/>"
CHUNK = 2000  # rows per write to the sheet's temporary file


class RowWriter:
    """Writes rows of ``kinds`` (one of text, number, hours, date, datetime per
    column, from column 0) with the ``formats`` of those kinds to ``sheet``."""

    def __init__(self, sheet, kinds, formats):
        if not sheet.constant_memory or sheet.date_1904:
            raise ValueError("RowWriter needs constant_memory and the 1900 epoch")
        self.sheet = sheet
        self.kinds = kinds
        self.formats = [formats[kind] for kind in kinds]

    def write_rows(self, first_row, rows):
        """Write ``rows`` (sequences of one value per column) from the 0-based
        ``first_row`` on, after every row written through the sheet's API."""
        sheet = self.sheet
        if first_row <= sheet.previous_row:
            raise ValueError("rows must follow the rows already written")
        if not rows:
            return
        sheet._write_single_row(first_row)  # flushes the rows written by the API
        # A cell is its prefix (reference and format) and a tail (its value). The
        # formats' indexes are given in the order of their first cell, as xlsxwriter
        # gives them when it writes the first row.
        template = (
            '<row r="{0}">'
            + "".join(
                f'<c r="{xl_col_to_name(col)}{{0}}" s="{fmt._get_xf_index()}"'
                f"{{{col + 1}}}"
                for col, fmt in enumerate(self.formats)
            )
            + "</row>"
        ).format
        # Column by column: one comprehension per column instead of a call per cell.
        tails = [
            self._tails(col, values, first_row + 1)
            for col, values in enumerate(zip(*rows, strict=True))
        ]
        numbers = range(first_row + 1, first_row + 1 + len(rows))
        lines = [template(n, *cells) for n, *cells in zip(numbers, *tails, strict=True)]
        for start in range(0, len(lines), CHUNK):
            sheet.fh.write("".join(lines[start : start + CHUNK]))
        sheet.previous_row = first_row + len(rows) - 1
        sheet._check_dimensions(sheet.previous_row, len(self.kinds) - 1)

    def _tails(self, col, values, first):
        kind = self.kinds[col]
        if kind == "text":
            # _plain, inline
            search = SPECIAL.search
            return [
                BLANK
                if value in (None, False, "")
                else f' t="inlineStr"><is><t>{value}</t></is></c>'
                if type(value) is str
                and len(value) <= STRING_MAX
                and not search(value)
                and "_x" not in value
                and not value[0].isspace()
                and not value[-1].isspace()
                else self._text(col, number, value)
                for number, value in enumerate(values, first)
            ]
        if kind in ("date", "datetime"):
            # The common values inline, computed as _serial does.
            return [
                BLANK
                if value in (None, False, "")
                else "><v>{:.16G}</v></c>".format(
                    (delta := value - EPOCH).days
                    + (float(delta.seconds) + float(delta.microseconds) / 1e6)
                    / (60 * 60 * 24)
                    + 1
                )
                if type(value) is datetime.datetime
                and value.tzinfo is None
                and value.year >= 1901
                else f"><v>{value.toordinal() - EPOCH_DAY + 1}</v></c>"
                if type(value) is datetime.date and value >= FIRST_PLAIN_DAY
                else self._date(col, number, value)
                for number, value in enumerate(values, first)
            ]
        return [
            BLANK
            if value in (None, False, "")
            else f"><v>{value:.16G}</v></c>"
            if type(value) in (int, float) and math.isfinite(value)
            else _number(value)
            for value in values
        ]

    def _text(self, col, number, value):
        text = str(value)
        if _plain(text):
            return f' t="inlineStr"><is><t>{text}</t></is></c>'
        return self._slow(col, number, cell_string_tuple(text[:STRING_MAX], None))

    def _date(self, col, number, value):
        serial = _serial(value)
        if serial is not None:
            return f"><v>{serial:.16G}</v></c>"
        serial = self.sheet._convert_date_time(value)  # raises as write_datetime
        return self._slow(col, number, cell_datetime_tuple(serial, None))

    def _slow(self, col, number, cell):
        """The tail of the cell as xlsxwriter's own writer makes it."""
        sheet, out = self.sheet, self.sheet.fh
        sheet.fh = io.StringIO()
        try:
            sheet._write_cell(number - 1, col, cell._replace(format=self.formats[col]))
            xml = sheet.fh.getvalue()
        finally:
            sheet.fh = out
        prefix = f'<c r="{xl_col_to_name(col)}{number}" s="'
        return xml[xml.index('"', len(prefix)) + 1 :]


def _number(value):
    """A number that is not a plain int or float (a bool, a Decimal): as
    write_number writes it, or its error."""
    if isinstance(value, int | float) and math.isfinite(value):
        return f"><v>{value:.16G}</v></c>"
    raise TypeError(f"Not a finite number: {value!r}")


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
