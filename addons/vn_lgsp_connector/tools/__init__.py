# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Pure Python helpers of vn_lgsp_connector (no Odoo imports).

* ``edxml``: build and parse QCVN 102:2016 edXML document and status
  packages (lxml only), with hostile-input limits.
* ``lgsp_client``: the platform transport client (see its own docstring).

The submodules are imported explicitly by their users.
"""
