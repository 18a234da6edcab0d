"""File checks every addon of the suite runs on every file it stores or sends.

Order: size limit, real type (python-magic) against the accepted formats,
malware scan (clamd, fail closed), SHA-256, then for PDFs the page count and
each digital signature (pyHanko) and the legal value the signatures give
(R-IN2, R-LV1 to R-LV4, R-SEC2, R-OUT11).
"""

import hashlib
import io
import logging
import os
import zipfile

from odoo import _, api, models
from odoo.exceptions import UserError

from ..tools.filenames import sanitize_filename
from .vn_file_hazard import pdf_hazards

_logger = logging.getLogger(__name__)

DEFAULT_CLAMD_ADDRESS = "unix:///var/run/clamav/clamd.ctl"
DEFAULT_MAX_SIZE_MB = 50
SNIFF_BYTES = 8192
# Office Open XML and OpenDocument files are ZIP archives; libmagic does not
# always see through them, so their members decide.
OOXML_PARTS = {
    "docx": "word/",
    "xlsx": "xl/",
    "pptx": "ppt/",
}
OOXML_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


class FileCheckError(UserError):
    """A file that must not be stored, with the reason for the user."""


class VnFileCheck(models.AbstractModel):
    _name = "vn.file.check"
    _description = "File checks (type, size, malware, signatures)"

    # ------------------------------------------------------------------
    # Entry point
    # ------------------------------------------------------------------
    @api.model
    @api.private  # a service for the suite's code, not an RPC endpoint
    def check(self, filename, data):
        """Run every check on one file; raise ``FileCheckError`` on the first failure.

        Returns a dict: filename (the sanitised base name to store and send, R-SEC2), mimetype,
        size, sha256, scan_engine, page_count, signatures (list of dicts for
        ``vn.document.signature``), legal_value, legal_value_reason, hazards (codes of the
        active content found in a PDF: JavaScript, launch actions, embedded files...; flagged,
        not refused, see ``vn.document.file._vn_refuse_hazards``).
        """
        filename = sanitize_filename(filename)
        if (
            data is None
            or data is False
            or (isinstance(data, (bytes, bytearray, memoryview, str)) and not data)
        ):
            # an empty upload comes as False (binary fields) or as empty bytes
            raise FileCheckError(
                _(
                    "%(name)s: the file is empty (0 bytes). Choose the file again.",
                    name=filename,
                )
            )
        if isinstance(data, (bytearray, memoryview)):
            data = bytes(data)
        if not isinstance(data, bytes):
            raise FileCheckError(
                _("%(name)s: the file content is missing.", name=filename)
            )
        self._check_size(filename, data)
        mimetype = self._check_type(filename, data)
        scan_engine = self._scan(filename, data)
        report = {
            "filename": filename,
            "hazards": [],
            "mimetype": mimetype,
            "size": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
            "scan_engine": scan_engine,
            "page_count": 0,
            "signatures": [],
            "legal_value": "reference",
            "legal_value_reason": _("Not a PDF: no digital signature can be carried."),
        }
        if mimetype == "application/pdf":
            report.update(self._check_pdf(filename, data))
        return report

    # ------------------------------------------------------------------
    # Size and type
    # ------------------------------------------------------------------
    @api.model
    def _max_size(self):
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("vn_document_base.max_file_size_mb")
        )
        try:
            return (
                int(float(value) * 1024 * 1024)
                if value
                else DEFAULT_MAX_SIZE_MB * 1024 * 1024
            )
        except ValueError:
            return DEFAULT_MAX_SIZE_MB * 1024 * 1024

    @api.model
    def _check_size(self, filename, data):
        if not data:
            raise FileCheckError(_("%(name)s: the file is empty.", name=filename))
        limit = self._max_size()
        if len(data) > limit:
            raise FileCheckError(
                _(
                    "%(name)s: the file is %(size).1f MB, more than the %(limit).0f MB allowed.",
                    name=filename,
                    size=len(data) / 1048576,
                    limit=limit / 1048576,
                )
            )

    @api.model
    def _sniff(self, filename, data):
        """The real MIME type of ``data`` (never the one the sender declared)."""
        import magic

        mimetype = magic.from_buffer(data[:SNIFF_BYTES], mime=True)
        extension = _extension(filename)
        if (
            mimetype in ("application/zip", "application/octet-stream")
            and extension in OOXML_TYPES
        ):
            mimetype = _ooxml_type(data, extension) or mimetype
        return mimetype

    @api.model
    def _check_type(self, filename, data):
        mimetype = self._sniff(filename, data)
        extension = _extension(filename)
        if not self.env["vn.file.format"]._match(extension, mimetype):
            raise FileCheckError(
                _(
                    "%(name)s: the format is not accepted or does not match its extension "
                    "(real type %(type)s, extension .%(ext)s).",
                    name=filename,
                    type=mimetype,
                    ext=extension or "?",
                )
            )
        return mimetype

    # ------------------------------------------------------------------
    # Malware
    # ------------------------------------------------------------------
    @api.model
    def _clamd_address(self):
        """Settings page first, then the environment (containers), then Debian's socket."""
        return (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("vn_document_base.clamd_address")
            or os.environ.get("VN_CLAMD_ADDRESS")
            or DEFAULT_CLAMD_ADDRESS
        )

    @api.model
    def _clamd_client(self):
        import pyclamd

        address = self._clamd_address()
        if address.startswith("tcp://"):
            host, _sep, port = address[len("tcp://") :].rpartition(":")
            return pyclamd.ClamdNetworkSocket(
                host=host or "127.0.0.1", port=int(port or 3310), timeout=60
            )
        path = address.removeprefix("unix://")
        return pyclamd.ClamdUnixSocket(filename=path, timeout=60)

    @api.model
    def _scan(self, filename, data):
        """Scan with clamd; any failure to scan refuses the file (fail closed)."""
        try:
            client = self._clamd_client()
            version = client.version()
            result = client.scan_stream(data)
        except Exception as exc:  # the daemon is down, refuses, or drops the stream
            _logger.warning("Malware scan of %s failed: %s", filename, exc)
            raise FileCheckError(
                _(
                    "%(name)s: the malware scan could not be done (the scanning service is not "
                    "reachable); the file is refused. Please try again or call the administrator.",
                    name=filename,
                )
            ) from exc
        if result:
            status, signature = next(iter(result.values()))
            if status == "FOUND":
                _logger.warning("Malware %s found in %s", signature, filename)
                raise FileCheckError(
                    _(
                        "%(name)s: malware found (%(signature)s); the file is refused.",
                        name=filename,
                        signature=signature,
                    )
                )
            raise FileCheckError(
                _(
                    "%(name)s: the malware scan failed (%(status)s); the file is refused.",
                    name=filename,
                    status=status,
                )
            )
        return version

    # ------------------------------------------------------------------
    # PDF: pages, signatures, legal value
    # ------------------------------------------------------------------
    @api.model
    def _check_pdf(self, filename, data):
        from pyhanko.pdf_utils.reader import PdfFileReader

        try:
            reader = PdfFileReader(io.BytesIO(data), strict=False)
            if reader.encrypted:
                raise FileCheckError(
                    _(
                        "%(name)s: the PDF is encrypted and cannot be checked.",
                        name=filename,
                    )
                )
            page_count = int(reader.root["/Pages"]["/Count"])
            embedded = list(reader.embedded_signatures)
        except FileCheckError:
            raise
        except Exception as exc:
            raise FileCheckError(
                _("%(name)s: the PDF is damaged and cannot be read.", name=filename)
            ) from exc
        hazards = pdf_hazards(data, reader=reader)
        if hazards:
            _logger.warning("Active content in %s: %s", filename, ", ".join(hazards))
        signatures = [self._validate_signature(emb) for emb in embedded]
        legal_value, reason = self._classify_legal_value(signatures)
        return {
            "hazards": hazards,
            "page_count": page_count,
            "signatures": signatures,
            "legal_value": legal_value,
            "legal_value_reason": reason,
        }

    @api.model
    def _validation_context(self):
        from pyhanko_certvalidator import ValidationContext

        params = self.env["ir.config_parameter"].sudo()
        certs, crls = self.env["vn.trusted.root"]._validation_material()
        return ValidationContext(
            trust_roots=certs,
            crls=crls,
            allow_fetching=params.get_param("vn_document_base.revocation_fetch")
            == "True",
            revocation_mode=params.get_param("vn_document_base.revocation_mode")
            or "soft-fail",
        )

    @api.model
    def _validate_signature(self, emb):
        """One signature as values for ``vn.document.signature``; never raises."""
        from pyhanko.sign.validation import (
            validate_pdf_signature,
            validate_pdf_timestamp,
        )

        values = {"field_name": emb.field_name, "is_valid": False}
        try:
            if emb.sig_object_type == "/DocTimeStamp":
                status = validate_pdf_timestamp(
                    emb, validation_context=self._validation_context()
                )
            else:
                status = validate_pdf_signature(
                    emb, signer_validation_context=self._validation_context()
                )
        except Exception as exc:  # pyHanko could not decide: never report it as valid
            _logger.warning(
                "Signature %s could not be validated: %s", emb.field_name, exc
            )
            values["reason"] = _(
                "The signature could not be checked: %(error)s", error=str(exc)[:200]
            )
            return values
        values.update(_certificate_values(status.signing_cert))
        signing_time = (
            status.timestamp_validity.timestamp
            if getattr(status, "timestamp_validity", None)
            else None
        )
        signing_time = signing_time or getattr(status, "signer_reported_dt", None)
        values.update(
            {
                "signing_time": signing_time.astimezone(_utc()).replace(tzinfo=None)
                if signing_time
                else False,
                "coverage": status.coverage.name
                if getattr(status, "coverage", None)
                else False,
                "modification_level": (
                    status.modification_level.name
                    if getattr(status, "modification_level", None)
                    else False
                ),
                "intact": bool(status.intact),
                "trusted": bool(status.trusted),
                "revoked": bool(status.revoked),
                "is_valid": bool(status.bottom_line),
                "reason": self._status_reason(status),
            }
        )
        if emb.sig_object_type == "/DocTimeStamp":
            values["signer_kind"] = False
        return values

    @api.model
    def _status_reason(self, status):
        if status.bottom_line:
            return _("Valid")
        reasons = []
        if not status.intact:
            reasons.append(_("the content was changed after signing"))
        if not status.valid:
            reasons.append(_("the signature does not match its certificate"))
        if status.revoked:
            reasons.append(_("the certificate was revoked"))
        elif not status.trusted:
            reasons.append(_("the certificate does not chain to a trusted root"))
        level = getattr(status, "modification_level", None)
        if getattr(status, "docmdp_ok", True) is False or (
            level is not None and level.name == "OTHER"
        ):
            reasons.append(_("the file was modified after signing beyond form filling"))
        return _(
            "Invalid: %(reasons)s",
            reasons="; ".join(reasons) or _("rejected by the validator"),
        )

    @api.model
    def _classify_legal_value(self, signatures):
        """Legal value from the signatures (R-LV1 to R-LV4).

        - original: a valid agency signature and a valid signer signature (R-LV1);
        - certified copy: a valid agency signature only, as on a digitised
          paper original or copy (R-LV2, R-LV4);
        - for reference: anything else, and any file with an invalid signature (R-LV3).
        """
        people = [s for s in signatures if s.get("signer_kind")]
        if any(not s["is_valid"] for s in signatures):
            return "reference", _("At least one signature is not valid.")
        agency = any(s["signer_kind"] == "organisation" for s in people)
        person = any(s["signer_kind"] == "individual" for s in people)
        if agency and person:
            return "original", _("Signed by the competent signer and by the agency.")
        if agency:
            return "certified_copy", _(
                "Signed by the agency only: the value of the paper master copy."
            )
        if person:
            return "reference", _(
                "Signed by a person only, without the agency's signature."
            )
        return "reference", _("No digital signature.")


def _extension(filename):
    return os.path.splitext(filename or "")[1].lstrip(".").lower()


def _ooxml_type(data, extension):
    """The OOXML type when the ZIP really holds that kind of document.

    Reads only the member names: a ZIP bomb costs nothing here.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return None
    if "[Content_Types].xml" in names and any(
        n.startswith(OOXML_PARTS[extension]) for n in names
    ):
        return OOXML_TYPES[extension]
    return None


def _certificate_values(cert):
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
        "title": subject.get("title") or False,
        "signer_kind": "organisation" if is_organisation else "individual",
        "issuer": cert.issuer.native.get("common_name") or cert.issuer.human_friendly,
        "serial_number": format(cert.serial_number, "X"),
    }


def _utc():
    from datetime import timezone

    return timezone.utc
