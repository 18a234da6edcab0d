# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime, time, timedelta

import pytz

from odoo import _, api, models
from odoo.exceptions import UserError


class ResourceCalendar(models.Model):
    """Working-day arithmetic for deadlines (R-IN11).

    A working day is a day with attendance on the calendar that is not covered
    by a global time off (public holidays and compensatory days off).
    """

    _inherit = "resource.calendar"

    # Looking further than this for the next working day means a broken calendar.
    _VN_MAX_SEARCH_DAYS = 730

    @api.private  # a service for the suite's code, not an RPC endpoint
    def vn_working_dates(self, start, end):
        """The working dates between two dates, both included, in order."""
        self.ensure_one()
        start, end = _as_date(start), _as_date(end)
        if end < start:
            return []
        tz = pytz.timezone(self.tz or "Asia/Ho_Chi_Minh")
        start_dt = tz.localize(datetime.combine(start, time.min))
        end_dt = tz.localize(datetime.combine(end + timedelta(days=1), time.min))
        intervals = self._work_intervals_batch(start_dt, end_dt, compute_leaves=True)[
            False
        ]
        return sorted({interval[0].date() for interval in intervals})

    @api.private  # a service for the suite's code, not an RPC endpoint
    def vn_is_working_day(self, day):
        day = _as_date(day)
        return bool(self.vn_working_dates(day, day))

    @api.private  # a service for the suite's code, not an RPC endpoint
    def vn_add_working_days(self, start, days):
        """The ``days``-th working day after ``start`` (``start`` itself not
        counted)."""
        self.ensure_one()
        start = _as_date(start)
        if days <= 0:
            return start
        found = []
        window = max(14, days * 2)
        cursor = start + timedelta(days=1)
        while len(found) < days:
            if (cursor - start).days > self._VN_MAX_SEARCH_DAYS:
                raise UserError(
                    _(
                        "The calendar %(name)s has no working day in the coming two "
                        "years.",
                        name=self.name,
                    )
                )
            found += self.vn_working_dates(cursor, cursor + timedelta(days=window - 1))
            cursor += timedelta(days=window)
        return found[days - 1]

    @api.private  # a service for the suite's code, not an RPC endpoint
    def vn_count_working_days(self, start, end):
        """Working days after ``start`` up to and including ``end``; negative when
        ``end`` is earlier."""
        start, end = _as_date(start), _as_date(end)
        if end >= start:
            return len(self.vn_working_dates(start + timedelta(days=1), end))
        return -len(self.vn_working_dates(end + timedelta(days=1), start))


def _as_date(value):
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(value)
