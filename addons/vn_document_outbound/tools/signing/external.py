# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Signatures made outside the server by a desktop signing tool."""

from .errors import ExternalSignatureError
from .pdf import open_reader


def _check_integrity(sig):
    """Cryptographic integrity of ``sig`` (no trust check); raises bad_signature."""
    from pyhanko.sign.validation.generic_cms import validate_sig_integrity

    try:
        sig.compute_integrity_info(skip_diff=True)
        intact, valid = validate_sig_integrity(
            sig.signer_info, sig.signer_cert, "data", sig.external_digest
        )
    except Exception as exc:
        raise ExternalSignatureError("bad_signature", str(exc)) from exc
    if not (intact and valid):
        raise ExternalSignatureError(
            "bad_signature", "signature does not match the file"
        )
    return sig.coverage


def verify_external_signature(prepared, returned, field_name):
    """Check a file signed offline: ``prepared`` + one signature in ``field_name``.

    Returns {"certificate_der", "field_name", "signing_time"}; trust is the
    caller's business (vn_document_base's ``signature_validation``).
    """
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    if not returned or not returned.startswith(prepared):
        raise ExternalSignatureError(
            "revision_changed", "the earlier revision was modified"
        )
    if len(returned) == len(prepared):
        raise ExternalSignatureError("no_signature", "the file was returned unchanged")
    old_revisions = open_reader(prepared, ExternalSignatureError).xrefs.total_revisions
    try:
        sigs = open_reader(returned, ExternalSignatureError).embedded_signatures
    except ExternalSignatureError:
        raise
    except Exception as exc:
        raise ExternalSignatureError(
            "bad_signature", f"{type(exc).__name__}: {exc}"
        ) from exc
    new_sigs = [sig for sig in sigs if sig.signed_revision >= old_revisions]
    if not new_sigs:
        raise ExternalSignatureError("no_signature", "no new signature")
    if len(new_sigs) > 1:
        raise ExternalSignatureError(
            "several_signatures", f"{len(new_sigs)} new signatures"
        )
    sig = new_sigs[0]
    if sig.field_name != field_name:
        raise ExternalSignatureError(
            "wrong_field",
            f"signed field {sig.field_name}, expected {field_name}",
        )
    if _check_integrity(sig) != SignatureCoverageLevel.ENTIRE_FILE:
        raise ExternalSignatureError(
            "not_last", "the signature does not cover the whole file"
        )
    return {
        "certificate_der": sig.signer_cert.dump(),
        "field_name": sig.field_name,
        "signing_time": sig.self_reported_timestamp,
    }
