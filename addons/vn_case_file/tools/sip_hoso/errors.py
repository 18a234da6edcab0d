# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The library's one exception; its message is shown to users, so it is Vietnamese."""


class SipError(ValueError):
    """A SIP_hoso package cannot be built (bad input, invalid XML, hash mismatch)."""
