# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""TT05 code lists (ARCHIVE.md, ND30.md §7) and the package's fixed names."""

MAINTENANCE = frozenset(f"{i:02d}" for i in range(1, 8))  # 01 Vĩnh viễn .. 07 Khác
MODE = frozenset({"01", "02", "03"})  # công khai, có điều kiện, mật
LANGUAGE = frozenset(f"{i:02d}" for i in range(1, 12))
CONFIDENCE = frozenset({"01", "02", "03"})  # gốc điện tử, số hóa, hỗn hợp
TYPE_NAME = frozenset(f"{i:02d}" for i in range(1, 33))
RECORD_STATUS = frozenset({"NEW", "SUPPLEMENT", "REPLACEMENT", "TEST", "OTHER"})

# Documents processed on the System (born digital or mixed) carry a processing trail.
CONFIDENCE_NEEDS_TRAIL = frozenset({"01", "03"})

DOC_ID_MAX = 100  # TT05 says 25; see schemas/ead_doc.xsd for the conflict
DOC_PAGES_MAX = 9999  # numberOfPage has 4 digits
