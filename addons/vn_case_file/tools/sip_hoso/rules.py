# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""TT05 conditions on the EAD files that XSD 1.0 cannot express (xs:all, no asserts).

Used on the built XML and on a received package alike; messages are for users.
"""

import datetime

from . import codes


def _value(tree, name):
    node = tree.getroot().find(name)
    return (node.text or "").strip() if node is not None else ""


def _date(text):
    return datetime.datetime.strptime(text, "%d/%m/%Y").date()


def file_rule_errors(tree):
    """Problems of a parsed EAD.xml (already valid against ead_hoso.xsd)."""
    errors = []
    if _value(tree, "confidenceLevel") == "02" and not _value(tree, "paperFileCode"):
        errors.append("EAD.xml: hồ sơ số hóa (confidenceLevel 02) thiếu paperFileCode.")
    if _value(tree, "riskRecovery") == "1" and not _value(tree, "riskRecoveryStatus"):
        errors.append("EAD.xml: riskRecovery = 1 nhưng thiếu riskRecoveryStatus.")
    try:
        if _date(_value(tree, "startDate")) > _date(_value(tree, "endDate")):
            errors.append("EAD.xml: startDate sau endDate.")
    except ValueError:
        errors.append("EAD.xml: startDate hoặc endDate không phải ngày có thật.")
    return errors


def doc_rule_errors(tree, name, *, has_trail):
    """Problems of a parsed EAD_DOC file (already valid against ead_doc.xsd)."""
    errors = []
    process = _value(tree, "process")
    if (
        _value(tree, "confidenceLevel") in codes.CONFIDENCE_NEEDS_TRAIL
        and process != "1"
    ):
        errors.append(f"{name}: văn bản xử lý trên Hệ thống phải có process = 1.")
    if (process == "1") != has_trail:
        errors.append(f"{name}: process không khớp với tệp vết xử lý trong gói.")
    if _value(tree, "riskRecovery") == "1" and not _value(tree, "riskRecoveryStatus"):
        errors.append(f"{name}: riskRecovery = 1 nhưng thiếu riskRecoveryStatus.")
    try:
        _date(_value(tree, "issuedDate"))
    except ValueError:
        errors.append(f"{name}: issuedDate không phải ngày có thật.")
    return errors


def totals_errors(file_tree, doc_trees):
    """totalDoc and numberOfPage of EAD.xml against the EAD_DOC files."""
    errors = []
    total = _value(file_tree, "totalDoc")
    if total != str(len(doc_trees)):
        errors.append(
            f"EAD.xml: totalDoc = {total} nhưng gói có {len(doc_trees)} EAD_DOC."
        )
    pages = sum(int(_value(t, "numberOfPage") or 0) for t in doc_trees)
    if _value(file_tree, "numberOfPage") != str(pages):
        errors.append(
            f"EAD.xml: numberOfPage khác tổng số trang các văn bản ({pages})."
        )
    return errors
