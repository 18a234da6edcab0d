# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The suite's one validator of PDF signatures (R-IN2, R-LV1 to R-LV4).

``vn.file.check`` validates every stored or sent PDF with it; the tests, the
benchmarks and the set-up's checks call :func:`validate_pdf`.  Each signature
becomes a dict of facts (never an exception):

- ``field_name``, ``timestamp`` (True for a document timestamp);
- ``bottom_line`` (valid, intact, trusted, not revoked, allowed changes only),
  ``intact``, ``valid``, ``trusted``, ``revoked``, ``docmdp_ok``,
  ``modification_level`` and ``coverage`` (pyHanko enum names or None);
- ``signing_time`` (aware datetime: the timestamp's, else the signer's claim);
- who signed (:func:`certificate_values`): ``signer_name``, ``organisation``,
  ``title``, ``signer_kind`` ("organisation", "individual", None for a
  timestamp), ``issuer``, ``serial_number``, and ``certificate`` (asn1crypto);
- ``error``: why pyHanko could not decide, or None.

:func:`legal_value` turns the facts of a file into its legal value.

Pure Python (pyHanko, asn1crypto), no Odoo imports.
"""

import io


class UnreadablePdf(ValueError):
    """The PDF cannot be read (damaged, not a PDF, encrypted)."""


def _load(data, asn1_class):
    from asn1crypto import pem

    if isinstance(data, asn1_class):
        return data
    if pem.detect(data):
        data = pem.unarmor(data)[2]
    return asn1_class.load(data)


def load_certificate(data):
    """asn1crypto certificate from DER or PEM bytes (an asn1crypto one is kept)."""
    from asn1crypto import x509

    return _load(data, x509.Certificate)


def load_crl(data):
    """asn1crypto CRL from DER or PEM bytes (an asn1crypto one is kept)."""
    from asn1crypto import crl

    return _load(data, crl.CertificateList)


def validation_context(
    trust_roots, crls=(), allow_fetching=False, revocation_mode=None
):
    """pyHanko validation context trusting only ``trust_roots``.

    ``trust_roots``/``crls``: asn1crypto objects or DER/PEM bytes.
    ``revocation_mode`` by default: "hard-fail" when CRLs are given (a revoked or
    unknown certificate fails), else "soft-fail".
    """
    from pyhanko_certvalidator import ValidationContext

    crls = [load_crl(crl) for crl in crls]
    return ValidationContext(
        trust_roots=[load_certificate(cert) for cert in trust_roots],
        crls=crls,
        allow_fetching=allow_fetching,
        revocation_mode=revocation_mode or ("hard-fail" if crls else "soft-fail"),
    )


def certificate_values(cert):
    """Who a signing certificate names, and whether it is an organisation's.

    Vietnamese CAs issue organisation certificates whose common name is the
    organisation itself (CN equal to O or OU); personal ones name the person.
    """
    if cert is None:
        return {}
    subject = cert.subject.native
    common_name = subject.get("common_name") or ""
    organisation = subject.get("organization_name") or ""
    units = subject.get("organizational_unit_name") or []
    units = [units] if isinstance(units, str) else list(units)
    is_organisation = bool(common_name) and common_name in [organisation, *units]
    return {
        "signer_name": common_name,
        "organisation": organisation,
        "title": subject.get("title") or None,
        "signer_kind": "organisation" if is_organisation else "individual",
        "issuer": cert.issuer.native.get("common_name") or cert.issuer.human_friendly,
        "serial_number": format(cert.serial_number, "X"),
        "certificate": cert,
    }


def _enum_name(value):
    return value.name if value else None


def validate_signature(emb, make_context):
    """Facts of one embedded signature; ``make_context()`` gives its validation
    context.  Never raises: what pyHanko cannot decide is invalid, with ``error``."""
    from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp

    timestamp = emb.sig_object_type == "/DocTimeStamp"
    facts = {
        "field_name": emb.field_name,
        "timestamp": timestamp,
        "bottom_line": False,
        "intact": False,
        "valid": False,
        "trusted": False,
        "revoked": False,
        "docmdp_ok": None,
        "modification_level": None,
        "coverage": None,
        "signing_time": None,
        "signer_kind": None,
        "error": None,
    }
    try:
        if timestamp:
            status = validate_pdf_timestamp(emb, validation_context=make_context())
        else:
            status = validate_pdf_signature(
                emb, signer_validation_context=make_context()
            )
    except Exception as exc:  # pyHanko could not decide: never report it as valid
        facts["error"] = f"{type(exc).__name__}: {exc}"
        return facts
    facts.update(certificate_values(status.signing_cert))
    timestamp_validity = getattr(status, "timestamp_validity", None)
    facts.update(
        {
            "bottom_line": bool(status.bottom_line),
            "intact": bool(status.intact),
            "valid": bool(status.valid),
            "trusted": bool(status.trusted),
            "revoked": bool(status.revoked),
            "docmdp_ok": getattr(status, "docmdp_ok", None),
            "modification_level": _enum_name(
                getattr(status, "modification_level", None)
            ),
            "coverage": _enum_name(getattr(status, "coverage", None)),
            "signing_time": (timestamp_validity and timestamp_validity.timestamp)
            or getattr(status, "signer_reported_dt", None),
        }
    )
    if timestamp:
        facts["signer_kind"] = None
    return facts


def validate_signatures(embedded, make_context):
    """Facts of each signature of ``embedded`` (pyHanko's), in file order."""
    return [validate_signature(emb, make_context) for emb in embedded]


def validate_pdf(pdf, trust_roots, crls=(), **context_options):
    """Facts of every signature of the PDF bytes ``pdf``, validated offline against
    ``trust_roots`` and ``crls`` (see :func:`validation_context`)."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        if reader.encrypted:
            raise UnreadablePdf("the PDF is encrypted")
        embedded = list(reader.embedded_signatures)
    except UnreadablePdf:
        raise
    except Exception as exc:
        raise UnreadablePdf(f"{type(exc).__name__}: {exc}") from exc
    return validate_signatures(
        embedded, lambda: validation_context(trust_roots, crls, **context_options)
    )


def legal_value(signatures):
    """(legal value, reason code) of a file from its signatures' facts.

    - original: a valid agency signature and a valid signer signature (R-LV1),
      reason "signer_and_agency";
    - certified copy: a valid agency signature only, as on a digitised paper
      original or copy (R-LV2, R-LV4), reason "agency_only";
    - for reference: anything else (R-LV3), reason "invalid_signature" (any
      file with an invalid signature), "person_only" or "unsigned".
    """
    if any(not s["bottom_line"] for s in signatures):
        return "reference", "invalid_signature"
    kinds = {s.get("signer_kind") for s in signatures}
    if "organisation" in kinds and "individual" in kinds:
        return "original", "signer_and_agency"
    if "organisation" in kinds:
        return "certified_copy", "agency_only"
    if "individual" in kinds:
        return "reference", "person_only"
    return "reference", "unsigned"
