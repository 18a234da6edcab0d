# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""build_sip_hoso: a case file and its documents -> the SIP_hoso zip."""

import datetime
import uuid
from collections.abc import Sequence

from . import checks, codes, ead, mets, zipio
from .errors import SipError
from .model import SipDocument, SipFile
from .schemas import PACKAGE_SCHEMAS, schema_bytes
from .validate import validate_files
from .xmlsafe import parse_xml

REP = "representations/rep1/"
XML = "application/xml"
XSD = "application/octet-stream"  # as the sample package types .xsd files
PDF = "application/pdf"


def _check_call(
    file, documents, agency_name, agency_code, created, package_uuid, record_status
):
    checks.check_created(created)
    if not isinstance(package_uuid, uuid.UUID):
        raise SipError("Mã gói (UUID) không hợp lệ.")
    if record_status not in codes.RECORD_STATUS:
        raise SipError(f"Trạng thái gói “{record_status}” không hợp lệ.")
    checks.check_agency(agency_name, agency_code)
    checks.check_file(file)
    checks.check_documents(file, documents)


def _trail(doc):
    try:
        parse_xml(doc.trail_xml)
    except ValueError as exc:
        raise SipError(f"Văn bản “{doc.doc_id}”: tệp vết xử lý lỗi: {exc}") from None
    return mets.PackedFile(f"data/{doc.doc_id}.process.xml", doc.trail_xml, XML)


def _alt_record_ids(file, submission_agreement):
    # The sample puts the fileCode where CSIP has the submission agreement; with a
    # real agreement given, the fileCode moves to a REFERENCECODE.
    if submission_agreement:
        return [
            ("SUBMISSIONAGREEMENT", submission_agreement),
            ("REFERENCECODE", file.file_code),
        ]
    return [("SUBMISSIONAGREEMENT", file.file_code)]


def build_sip_hoso(
    file: SipFile,
    documents: Sequence[SipDocument],
    *,
    agency_name: str,
    agency_code: str,
    created: datetime.datetime,
    package_uuid: uuid.UUID,
    record_status: str = "NEW",
    submission_agreement: str | None = None,
) -> tuple[str, bytes]:
    """Returns (zip file name, zip bytes) of the SIP_hoso of ``file``.

    Deterministic: the same inputs give the same bytes (IDs are uuid5 of
    ``package_uuid``, zip entries sorted and stamped with ``created`` in +07:00).
    Every XML is validated against the shipped XSDs and every file re-hashed, by
    the same code as validate_sip, before the zip is returned. Raises SipError.
    """
    documents = sorted(documents, key=lambda d: d.ordinal)
    _check_call(
        file, documents, agency_name, agency_code, created, package_uuid, record_status
    )
    stamp = mets.vn_timestamp(created)
    ctx = mets.MetsContext(
        package_uuid=package_uuid,
        created=stamp,
        record_status=record_status,
        agency_name=agency_name.strip(),
        agency_code=agency_code.strip(),
        label=file.title,
        alt_record_ids=_alt_record_ids(file, submission_agreement),
    )
    docs = []
    for doc in documents:
        docs.append(
            (
                mets.PackedFile(
                    f"metadata/descriptive/EAD_DOC_{doc.doc_id}.xml",
                    ead.doc_ead(doc),
                    XML,
                ),
                mets.PackedFile(f"data/{doc.doc_id}.pdf", doc.pdf, PDF),
                _trail(doc) if doc.trail_xml else None,
            )
        )
    rep1 = mets.PackedFile(f"{REP}METS.xml", mets.rep1_mets(ctx, docs), XML)
    ead_file = mets.PackedFile("metadata/descriptive/EAD.xml", ead.file_ead(file), XML)
    schemas = [
        mets.PackedFile(f"schemas/{n}", schema_bytes(n), XSD) for n in PACKAGE_SCHEMAS
    ]
    root_mets = mets.root_mets(ctx, ead_file, schemas, rep1)

    files = {"METS.xml": root_mets}
    for packed in [ead_file, *schemas, rep1]:
        files[packed.href] = packed.data
    for triple in docs:
        for packed in triple:
            if packed is not None:
                files[REP + packed.href] = packed.data
    problems = validate_files(ctx.objid, files)
    if problems:
        raise SipError("Gói SIP tạo ra không hợp lệ: " + "; ".join(problems))

    local = created.astimezone(mets.VN_TZ)
    entries = {f"{ctx.objid}/{name}": data for name, data in files.items()}
    data = zipio.write_zip(entries, local.timetuple()[:6])
    return f"{str(package_uuid).lower()}.zip", data
