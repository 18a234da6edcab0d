# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""EAD.xml (file level, 18 fields) and EAD_DOC_<docId>.xml (document level, 21 fields).

The root is ``<simpledc>`` without a namespace, as the TT05 sample has it; dates are
written DD/MM/YYYY; empty optional fields are left out.
"""

from lxml import etree

from .errors import SipError

XSI = "http://www.w3.org/2001/XMLSchema-instance"


def vn_date(value):
    return value.strftime("%d/%m/%Y")


def _flag(value):
    return "1" if value else "0"


def _simpledc(fields, schema_path):
    root = etree.Element("simpledc", nsmap={"xsi": XSI})
    root.set(f"{{{XSI}}}noNamespaceSchemaLocation", schema_path)
    for name, value in fields:
        if value in (None, ""):
            continue
        try:
            etree.SubElement(root, name).text = str(value)
        except ValueError as exc:  # characters XML cannot hold
            raise SipError(f"Trường {name} chứa ký tự không hợp lệ: {exc}") from None
    return etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", pretty_print=True
    )


def file_ead(file):
    """The bytes of metadata/descriptive/EAD.xml."""
    fields = [
        ("fileCode", file.file_code),
        ("title", file.title),
        ("maintenance", file.maintenance),
        ("mode", file.mode),
        ("language", " ".join(file.languages)),
        ("startDate", vn_date(file.start_date)),
        ("endDate", vn_date(file.end_date)),
        ("keyword", file.keyword),
        ("totalDoc", file.total_doc),
        ("numberOfPaper", file.number_of_paper),
        ("numberOfPage", file.number_of_page),
        ("confidenceLevel", file.confidence_level),
        ("paperFileCode", file.paper_file_code),
        ("riskRecovery", _flag(file.risk_recovery)),
        ("riskRecoveryStatus", file.risk_recovery_status if file.risk_recovery else ""),
        ("description", file.description),
    ]
    return _simpledc(fields, "../../schemas/ead_hoso.xsd")


def doc_ead(doc):
    """The bytes of representations/rep1/metadata/descriptive/EAD_DOC_<docId>.xml."""
    fields = [
        ("docId", doc.doc_id),
        ("docCode", doc.doc_code),
        ("maintenance", doc.maintenance),
        ("typeName", doc.type_name),
        ("codeNumber", doc.code_number),
        ("codeNotation", doc.code_notation),
        ("issuedDate", vn_date(doc.issued_date)),
        ("organName", doc.organ_name),
        ("subject", doc.subject),
        ("language", doc.language),
        ("numberOfPage", doc.number_of_page),
        ("keyword", doc.keyword),
        ("mode", doc.mode),
        ("confidenceLevel", doc.confidence_level),
        ("autograph", doc.autograph),
        ("riskRecovery", _flag(doc.risk_recovery)),
        ("riskRecoveryStatus", doc.risk_recovery_status if doc.risk_recovery else ""),
        ("process", _flag(doc.trail_xml)),
        ("description", doc.description),
    ]
    return _simpledc(fields, "../../../../schemas/ead_doc.xsd")
