# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Report periods in Vietnam time and the layout of the quarterly workbook (R-RP1),
without Odoo."""

import datetime
import io

import edoc_workbook
import openpyxl
import periods
import pytest

D = datetime.date
DT = datetime.datetime


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2026, 1, 1), (2025, 4)),
        (D(2026, 3, 31), (2025, 4)),
        (D(2026, 4, 1), (2026, 1)),
        (D(2026, 12, 2), (2026, 3)),
    ],
)
def test_last_complete_quarter(today, expected):
    assert periods.last_complete_quarter(today) == expected


def test_bounds_of_each_kind():
    assert periods.bounds("quarter", 2026, 1) == (D(2026, 1, 1), D(2026, 3, 31))
    assert periods.bounds("quarter", 2024, 1)[1] == D(2024, 3, 31)
    assert periods.bounds("half", 2026, 2) == (D(2026, 7, 1), D(2026, 12, 31))
    assert periods.bounds("year", 2026) == (D(2026, 1, 1), D(2026, 12, 31))
    assert periods.bounds("custom", date_from=D(2026, 2, 3), date_to=D(2026, 2, 3)) == (
        D(2026, 2, 3),
        D(2026, 2, 3),
    )
    with pytest.raises(ValueError):
        periods.bounds("custom", date_from=D(2026, 2, 4), date_to=D(2026, 2, 3))


def test_utc_bounds_are_vietnam_midnights():
    start, end = periods.utc_bounds(D(2026, 7, 1), D(2026, 9, 30))
    assert start == DT(2026, 6, 30, 17, 0)
    assert end == DT(2026, 9, 30, 17, 0)


def test_cutoff_is_the_end_or_now():
    ended = periods.cutoff(D(2026, 9, 30), DT(2026, 12, 1))
    assert ended == (DT(2026, 9, 30, 17, 0), D(2026, 10, 1))
    running = periods.cutoff(D(2026, 12, 31), DT(2026, 12, 1, 18, 0))
    assert running == (DT(2026, 12, 1, 18, 0), D(2026, 12, 2))


def test_period_labels_are_vietnamese():
    assert periods.period_label("quarter", D(2026, 7, 1), D(2026, 9, 30)) == (
        "Quý III năm 2026"
    )
    assert periods.period_label("half", D(2026, 1, 1), D(2026, 6, 30)) == (
        "6 tháng đầu năm 2026"
    )
    assert periods.period_label("custom", D(2026, 1, 5), D(2026, 2, 5)) == (
        "Từ ngày 05/01/2026 đến ngày 05/02/2026"
    )


def _data(units, outages=()):
    return {
        "title": "BÁO CÁO",
        "recipient_line": "Kính gửi: Sở",
        "agency": "UBND phường",
        "organ_code": "000.01.41.H29",
        "period": "Quý III năm 2026",
        "date_from_text": "01/07/2026",
        "date_to_text": "30/09/2026",
        "cutoff_text": "00:00 ngày 01/10/2026",
        "generated_at_text": "08:00 ngày 01/10/2026",
        "generated_by": "Cán bộ",
        "version": 1,
        "monitor_days": 3,
        "units": units,
        "outages": list(outages),
        "incoming": [],
        "outgoing": [],
        "deliveries": [],
    }


def test_totals_and_rates_are_formulas_with_their_values():
    units = [
        {"name": "A", "figures": {"out_total": 4, "out_signed": 3, "h_on_time": 1}},
        {"name": "B", "figures": {"out_total": 0, "h_late": 1, "h_overdue": 2}},
    ]
    book = edoc_workbook.build(_data(units, [{"start": DT(2026, 8, 1), "hours": 2.5}]))
    formulas = openpyxl.load_workbook(io.BytesIO(book))["Tổng hợp"]
    values = openpyxl.load_workbook(io.BytesIO(book), data_only=True)["Tổng hợp"]
    signed_rate = edoc_workbook.column_letter("out_signed_rate")
    total = edoc_workbook.column_letter("out_total")
    assert formulas[f"{signed_rate}10"].value.startswith("=IF(")
    assert values[f"{signed_rate}10"].value == 0.75
    assert values[f"{signed_rate}11"].value == 0  # no division by zero
    assert formulas[f"{total}12"].value == f"=SUM({total}10:{total}11)"
    assert values[f"{total}12"].value == 4
    h_total = edoc_workbook.column_letter("h_total")
    assert values[f"{h_total}11"].value == 3
    rate = edoc_workbook.column_letter("h_on_time_rate")
    assert values[f"{rate}12"].value == 0.5
    assert values["C14"].value == 1
    assert values["C15"].value == 2.5
    assert formulas.freeze_panes == "C10"


def test_an_empty_report_still_has_its_total_row():
    book = edoc_workbook.build(_data([]))
    values = openpyxl.load_workbook(io.BytesIO(book), data_only=True)["Tổng hợp"]
    assert values["B10"].value == "Tổng cộng"
    assert values[f"{edoc_workbook.column_letter('out_total')}10"].value == 0
