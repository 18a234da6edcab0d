# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The inputs of the builder: one case file (hồ sơ) and its documents."""

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class SipDocument:
    """One document of the file; becomes an EAD_DOC_<docId>.xml and <docId>.pdf.

    ``doc_id`` is ``{fileCode}.{ordinal}`` and ``doc_code`` fileCode + the ordinal on
    7 digits. ``trail_xml`` is the processing trail: when given, ``process`` is 1 and
    it is packed as ``representations/rep1/data/<docId>.process.xml``.
    """

    doc_id: str
    doc_code: str
    ordinal: int
    maintenance: str
    type_name: str
    code_number: str
    code_notation: str
    issued_date: datetime.date
    organ_name: str
    subject: str
    language: str
    number_of_page: int
    mode: str
    confidence_level: str
    description: str
    pdf: bytes
    trail_xml: bytes | None
    autograph: str = ""
    keyword: str = ""
    risk_recovery: bool = False
    risk_recovery_status: str = ""


@dataclass(frozen=True)
class SipFile:
    """The case file; becomes metadata/descriptive/EAD.xml."""

    file_code: str
    title: str
    maintenance: str
    mode: str
    languages: tuple[str, ...]
    start_date: datetime.date
    end_date: datetime.date
    total_doc: int
    number_of_page: int
    number_of_paper: int = 0
    confidence_level: str = "01"
    keyword: str = ""
    description: str = ""
    risk_recovery: bool = False
    paper_file_code: str = ""
    risk_recovery_status: str = ""
