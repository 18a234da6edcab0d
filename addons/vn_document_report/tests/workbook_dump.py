# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Every cell of a workbook as plain JSON values, to fix a workbook's content in a
file (tests/data) and compare a later workbook with it cell by cell.

A cell is ``[coordinate, value or formula, cached value, number format]``; datetimes
are ISO text. Record ids, which differ from one database to the next, are replaced
by the order of the records (``<in3>``, ``<out2>``) so the file holds only what the
Department reads."""

import datetime
import io
import re

import openpyxl

# The header line that names the moment of generation (row 6 of every sheet).
GENERATED_AT = re.compile(r"^Lập lúc: .*? - Người lập:")


def _plain(value, ids):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 9)
    if isinstance(value, str):
        value = GENERATED_AT.sub("Lập lúc: * - Người lập:", value)
        return re.sub(
            r"\b(\d+)/UBND-VP",
            lambda m: f"{ids['outgoing'].get(int(m[1]), m[1])}/UBND-VP",
            value,
        )
    return value


def dump(data, ids, sheets=None, rows=None):
    """{sheet: {"cells": [...], "merged": [...], "freeze": ...}} of the workbook
    ``data`` (bytes). ``ids``: {"incoming": {id: label}, "outgoing": {...}}, the
    arrival numbers of the test data being ids. ``sheets``: only these; ``rows``:
    {sheet: predicate(row number, row values)} to keep only some rows of a sheet."""
    formulas = openpyxl.load_workbook(io.BytesIO(data))
    values = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    result = {}
    for name in formulas.sheetnames:
        if sheets is not None and name not in sheets:
            continue
        sheet, cached = formulas[name], values[name]
        keep = (rows or {}).get(name)
        cells = []
        for row in sheet.iter_rows():
            if keep and not keep(row[0].row, [c.value for c in row]):
                continue
            for cell in row:
                if cell.value is None:
                    continue
                value, computed = cell.value, cached[cell.coordinate].value
                if name == "VB đến" and cell.row > 8 and cell.column == 2:
                    # "Số đến" is the record's id in the test data
                    value = computed = ids["incoming"].get(value, value)
                cells.append(
                    [
                        cell.coordinate,
                        _plain(value, ids),
                        _plain(computed, ids),
                        cell.number_format,
                    ]
                )
        result[name] = {
            "cells": cells,
            "merged": sorted(str(r) for r in sheet.merged_cells.ranges),
            "freeze": sheet.freeze_panes,
            "filter": sheet.auto_filter.ref,
        }
    return result
