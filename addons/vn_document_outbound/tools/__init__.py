# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Pure Python helpers of vn_document_outbound (no Odoo imports).

* ``signing``: prepare, sign (signer + agency), fill number/date, text
  stamps, key material, external signatures (pyHanko); see its modules.
* ``office_convert``: .docx/.odt/.doc -> PDF with LibreOffice headless.
* ``demo_images``: demo signature and seal PNGs (demos and tests only).

The submodules are imported explicitly by their users.
"""
