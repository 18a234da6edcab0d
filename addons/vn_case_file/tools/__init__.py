# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Pure Python helpers of vn_case_file (no Odoo imports).

* ``sip_hoso``: the TT 05/2025 SIP_hoso archive handover package (build, validate).

The submodules are imported explicitly by their users.
"""
