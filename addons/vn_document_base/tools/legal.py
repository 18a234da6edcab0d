# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What has legal weight is Vietnamese and dated in Vietnam, whoever acts and wherever
the server runs.

Register numbers, years, dates, trail lines, signature reasons and statuses sent to
other agencies are read by other agencies and printed in the books: they must not follow
the acting user's interface language nor the server's time zone.
"""

import datetime

import pytz

LEGAL_LANG = "vi_VN"
VN_TZ = pytz.timezone("Asia/Ho_Chi_Minh")


def legal(records):
    """``records`` in the legal language: ``_()`` inside a method whose ``self`` is this
    writes Vietnamese."""
    return records.with_context(lang=LEGAL_LANG)


def vn_now():
    """The current time in Vietnam, aware, without microseconds."""
    return datetime.datetime.now(VN_TZ).replace(microsecond=0)


def vn_local_date(utc_naive):
    """The Vietnam calendar date of a naive UTC datetime as Odoo stores it (None for
    None)."""
    if not utc_naive:
        return None
    return pytz.utc.localize(utc_naive).astimezone(VN_TZ).date()
