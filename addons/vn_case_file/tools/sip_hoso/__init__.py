# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""SIP_hoso: the electronic archive handover package of TT 05/2025/TT-BNV.

Pure Python (lxml, no Odoo). ``build_sip_hoso`` packs a case file and its documents
into a deterministic, schema-valid zip; ``validate_sip`` checks a received one.
See README.md for the layout, the field mapping and the deviations chosen.
"""

from .errors import SipError
from .model import SipDocument, SipFile
from .package import build_sip_hoso
from .validate import validate_sip

__all__ = ["SipDocument", "SipError", "SipFile", "build_sip_hoso", "validate_sip"]
