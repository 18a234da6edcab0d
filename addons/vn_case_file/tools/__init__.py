# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Pure Python helpers of vn_case_file (no Odoo imports).

* ``sip_hoso``: the TT 05/2025 SIP_hoso archive handover package (build, validate).
* ``catalogue_xlsx``: the Excel catalogues of ND 30 Phụ lục V (documents of a file,
  files).
* ``file_xml``: the XML export of a file's metadata (Phụ lục VI III.4.g).

The submodules are imported explicitly by their users.
"""
