# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The one rule that judges the handling of an incoming document at a moment (R-RP1,
R-RP2), as SQL shared by the quarterly workbook, the processing-status reports and the
dashboard.

At the cutoff (naive UTC ``%(cutoff)s``, Vietnam date ``%(cutoff_day)s``) a registered
document ``d`` is:

- ``done_on_time``: completed before the cutoff, on or before the deadline in force
  when it was completed (or it had none);
- ``done_late``: completed before the cutoff, after that deadline;
- ``open_overdue``: not completed by the cutoff and its deadline is before the cutoff's
  Vietnam date;
- ``open_in_time``: not completed by the cutoff, within its deadline or without one;
- NULL: recalled by its sender before the cutoff, or returned to the sender: shown
  apart, never in the handling figures.

Only stored facts are read (``done_on`` and ``done_deadline`` are written once when the
handling ends), so a past period gives the same figures whenever it is computed.
"""

VN_DATE_SQL = "(({col}) AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Ho_Chi_Minh')::date"

INCOMING_RECALLED_SQL = (
    "(d.state = 'recalled' AND d.recalled_on IS NOT NULL "
    "AND d.recalled_on < %(cutoff)s)"
)

INCOMING_BUCKET_SQL = f"""
CASE
    WHEN {INCOMING_RECALLED_SQL} OR d.state = 'returned' THEN NULL
    WHEN d.done_on IS NOT NULL AND d.done_on < %(cutoff)s THEN
        CASE WHEN d.done_deadline IS NULL
                  OR {VN_DATE_SQL.format(col="d.done_on")} <= d.done_deadline
             THEN 'done_on_time' ELSE 'done_late' END
    WHEN COALESCE(d.done_deadline, d.deadline) < %(cutoff_day)s THEN 'open_overdue'
    ELSE 'open_in_time'
END"""

# The deadline a document is judged against at the cutoff.
INCOMING_DEADLINE_SQL = """
CASE WHEN d.done_on IS NOT NULL AND d.done_on < %(cutoff)s THEN d.done_deadline
     ELSE COALESCE(d.done_deadline, d.deadline) END"""

BUCKETS = ("done_on_time", "done_late", "open_in_time", "open_overdue")
