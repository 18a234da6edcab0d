# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Report periods (QĐ 3760 Điều 15: quarter, half-year, year or any two dates) and
their bounds in Vietnam time.

A period runs from 00:00 of its first day to 24:00 of its last day in Vietnam
(Asia/Ho_Chi_Minh), whatever the server's time zone: the UTC bounds below are what the
stored datetimes are compared with (start included, end excluded).
"""

import datetime

import pytz

VN_TZ = pytz.timezone("Asia/Ho_Chi_Minh")
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def quarter_bounds(year, quarter):
    first = datetime.date(year, 3 * quarter - 2, 1)
    return first, _last_day(year, 3 * quarter)


def half_bounds(year, half):
    first = datetime.date(year, 6 * half - 5, 1)
    return first, _last_day(year, 6 * half)


def year_bounds(year):
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def _last_day(year, month):
    if month == 12:
        return datetime.date(year, 12, 31)
    return datetime.date(year, month + 1, 1) - datetime.timedelta(days=1)


def last_complete_quarter(today):
    """(year, quarter) of the last quarter that ended before ``today``."""
    quarter = (
        today.month - 1
    ) // 3  # the current quarter minus one, 0 = last year's Q4
    if quarter == 0:
        return today.year - 1, 4
    return today.year, quarter


def bounds(kind, year=None, number=None, date_from=None, date_to=None):
    """(first day, last day) of a period: kind ``quarter`` (number 1-4), ``half`` (1-2),
    ``year`` or ``custom`` (the two dates)."""
    if kind == "quarter":
        return quarter_bounds(year, number)
    if kind == "half":
        return half_bounds(year, number)
    if kind == "year":
        return year_bounds(year)
    if not date_from or not date_to or date_from > date_to:
        raise ValueError("custom period needs date_from <= date_to")
    return date_from, date_to


def utc_bounds(date_from, date_to):
    """Naive UTC datetimes (as Odoo stores them) of 00:00 Vietnam time on ``date_from``
    and of 00:00 Vietnam time on the day after ``date_to`` (excluded)."""

    def midnight(day):
        local = VN_TZ.localize(datetime.datetime.combine(day, datetime.time()))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    return midnight(date_from), midnight(date_to + datetime.timedelta(days=1))


def cutoff(date_to, now_utc):
    """The moment the figures are taken at (naive UTC): the end of the period, or now
    when the period has not ended yet; and the Vietnam date of that moment. A deadline
    before that date has passed (so at the end of a period, a deadline on its last day
    has passed too)."""
    moment = min(utc_bounds(date_to, date_to)[1], now_utc)
    return moment, pytz.utc.localize(moment).astimezone(VN_TZ).date()


def period_label(kind, date_from, date_to):
    """The period as written in the report's heading, in Vietnamese."""
    if kind == "quarter":
        return f"Quý {ROMAN[(date_from.month + 2) // 3]} năm {date_from.year}"
    if kind == "half":
        half = "đầu" if date_from.month == 1 else "cuối"
        return f"6 tháng {half} năm {date_from.year}"
    if kind == "year":
        return f"Năm {date_from.year}"
    return "Từ ngày {} đến ngày {}".format(
        date_from.strftime("%d/%m/%Y"), date_to.strftime("%d/%m/%Y")
    )
