# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""From a case file of the suite to the inputs of the SIP_hoso builder (TT 05/2025):
the mapping of ARCHIVE.md "Suggested mapping from the suite to SIP_hoso"."""

import pytz
from lxml import etree

from odoo.addons.vn_document_base.tools.legal import VN_TZ

from . import sip_hoso

# TT 05/2025 code list "language"; the suite writes the language as text.
LANGUAGE_CODES = {"tiếng việt": "01", "vietnamese": "01", "": "01"}
TYPE_OTHER = "32"  # typeName "Khác"


def language_code(text):
    return LANGUAGE_CODES.get((text or "").strip().lower(), "01")


def _vn_time(utc_naive):
    return pytz.utc.localize(utc_naive).astimezone(VN_TZ).isoformat()


def trail_xml(document):
    """The processing history of a document (Phụ lục VI III.5.a): every line of its
    trail (distribution, directives, opinions, approvals, signatures) and every access,
    with Vietnam time; the file behind ``process`` = 1 of EAD_doc."""
    env = document.env
    root = etree.Element("processTrail")
    root.set("document", document.display_name or "")
    trail = (
        env["vn.document.trail"]
        .sudo()
        .search(
            [("res_model", "=", document._name), ("res_id", "=", document.id)],
            order="date, id",
        )
    )
    for line in trail:
        entry = etree.SubElement(root, "step")
        entry.set("time", _vn_time(line.date))
        entry.set("user", line.user_id.name or "")
        if "kind" in line._fields and line.kind:
            entry.set("kind", line.kind)
        entry.set("action", line.action or "")
        if line.note:
            entry.text = line.note
    accesses = (
        env["vn.document.access.log"]
        .sudo()
        .search(
            [("res_model", "=", document._name), ("res_id", "=", document.id)],
            order="date, id",
        )
    )
    for log in accesses:
        entry = etree.SubElement(root, "access")
        entry.set("time", _vn_time(log.date))
        entry.set("user", log.user_id.name or "")
        entry.set("action", log.action or "")
    return etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", pretty_print=True
    )


def sip_inputs(case):
    """(SipFile, [SipDocument]) of a closed case file, read as the service."""
    case = case.sudo()
    maintenance = case.retention_id.code
    lines = case.line_ids.sorted("ordinal")
    documents = []
    for line in lines:
        document = line._vn_document()
        original = line.original_file_id
        if not original or original.mimetype != "application/pdf":
            raise sip_hoso.SipError(
                f"Văn bản số {line.ordinal} ({line.display_name}) không có bản gốc PDF."
            )
        documents.append(
            sip_hoso.SipDocument(
                doc_id=f"{case.file_code}.{line.ordinal}",
                doc_code=f"{case.file_code}{line.ordinal:07d}",
                ordinal=line.ordinal,
                maintenance=maintenance,
                type_name=line.archival_type_code or TYPE_OTHER,
                code_number=line.code_number or "",
                code_notation=line.code_notation or "",
                issued_date=line.doc_date,
                organ_name=line.organ_name or case.company_id.name,
                subject=line.subject or "",
                language=language_code(line.language),
                number_of_page=line.page_count,
                mode=case.rights,
                confidence_level="02" if line.digitised else "01",
                description=line.note or "",
                pdf=original.attachment_id.raw,
                trail_xml=trail_xml(document) if document.exists() else None,
                autograph=line.signer_name or "",
            )
        )
    description = "; ".join(
        part
        for part in (
            f"Người lập hồ sơ: {case.creator_id.name}" if case.creator_id else "",
            case.description or "",
        )
        if part
    )
    sip_file = sip_hoso.SipFile(
        file_code=case.file_code,
        title=case.subject,
        maintenance=maintenance,
        mode=case.rights,
        languages=(language_code(case.language),),
        start_date=case.start_date,
        end_date=case.end_date,
        total_doc=case.doc_total,
        number_of_page=case.page_total,
        confidence_level=case.confidence_level or "01",
        paper_file_code=case.paper_file_code or "",
        description=description[:2000],
    )
    return sip_file, documents
