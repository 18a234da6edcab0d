# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The metadata of a case file and of its documents as XML (ND 30 Phụ lục VI III.4.g:
export a whole file, documents and metadata, to .xml, keeping their order). No Odoo
imports.

The element names are those of Phụ lục VI Part II: Mục III for the file (FileCode made
of OrganId, FileCatalog and FileNotation; Title; Maintenance; Rights; Creator;
Language; StartDate; EndDate; DocTotal; PageTotal; Description) and the document fields
of Mục I/II (DocOrdinal, TypeName, CodeNumber, CodeNotation, IssuedDate, OrganName,
Subject, Language, PageAmount, Description), with the name and SHA-256 of each
document's original. Dates are written DD/MM/YYYY as in TT 05/2025; empty fields are
written as empty elements, so every document has the same fields.

::

    <HoSo xmlns="urn:vn-edoc:nd30:hoso:1">
      <FileCode>
        <OrganId>000.00.00.H29</OrganId><FileCatalog>2026</FileCatalog>
        <FileNotation>01.TCCB</FileNotation>
      </FileCode>
      <Title>...</Title> ...
      <Documents>
        <Document><DocOrdinal>1</DocOrdinal> ... <FileName>x.pdf</FileName>
          <Sha256>...</Sha256></Document>
      </Documents>
    </HoSo>
"""

import datetime

from lxml import etree

NAMESPACE = "urn:vn-edoc:nd30:hoso:1"
FILE_FIELDS = (
    "Title",
    "Maintenance",
    "Rights",
    "Creator",
    "Language",
    "StartDate",
    "EndDate",
    "DocTotal",
    "PageTotal",
    "Description",
)
DOCUMENT_FIELDS = (
    "DocOrdinal",
    "TypeName",
    "CodeNumber",
    "CodeNotation",
    "IssuedDate",
    "OrganName",
    "Subject",
    "Language",
    "PageAmount",
    "Description",
    "FileName",
    "Sha256",
)


def _text(value):
    if value is None or value is False:
        return ""
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _add(parent, name, value):
    element = etree.SubElement(parent, f"{{{NAMESPACE}}}{name}")
    element.text = _text(value)
    return element


def file_xml(case, documents, exported=None):
    """The UTF-8 bytes of the file's XML.

    ``case``: a dict with ``OrganId``, ``FileCatalog``, ``FileNotation`` and the keys of
    ``FILE_FIELDS``; ``documents``: dicts with the keys of ``DOCUMENT_FIELDS``, written
    in DocOrdinal order; ``exported``: an optional aware datetime written as the root's
    ``exported`` attribute (ISO 8601)."""
    root = etree.Element(f"{{{NAMESPACE}}}HoSo", nsmap={None: NAMESPACE})
    if exported is not None:
        root.set("exported", exported.isoformat())
    code = etree.SubElement(root, f"{{{NAMESPACE}}}FileCode")
    for name in ("OrganId", "FileCatalog", "FileNotation"):
        _add(code, name, case.get(name))
    for name in FILE_FIELDS:
        _add(root, name, case.get(name))
    container = etree.SubElement(root, f"{{{NAMESPACE}}}Documents")
    ordered = sorted(documents, key=lambda doc: int(doc.get("DocOrdinal") or 0))
    for doc in ordered:
        element = etree.SubElement(container, f"{{{NAMESPACE}}}Document")
        for name in DOCUMENT_FIELDS:
            _add(element, name, doc.get(name))
    return etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", pretty_print=True
    )
