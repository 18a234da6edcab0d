# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""File checks every addon of the suite runs on every file it stores or sends.

Order: size limit, real type (python-magic) against the accepted formats,
malware scan (clamd, fail closed), SHA-256, then for PDFs the page count and
each digital signature (pyHanko) and the legal value the signatures give
(R-IN2, R-LV1 to R-LV4, R-SEC2, R-OUT11); for a scan, the digitisation rules of
ND 30 Phụ lục I (R-IN7, tools/scan_check.py).
"""

import hashlib
import io
import logging
import os
import zipfile

from odoo import _, api, models
from odoo.exceptions import UserError
from odoo.tools import config

from ..tools import scan_check, signature_validation
from ..tools.filenames import sanitize_filename
from ..tools.legal import legal
from .vn_file_hazard import pdf_hazards

_logger = logging.getLogger(__name__)

DEFAULT_CLAMD_ADDRESS = "unix:///var/run/clamav/clamd.ctl"
CLAMD_ADDRESS_OPTION = "vn_clamd_address"  # odoo.conf
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


# What a scan can be: a PDF or an image (a DOCX marked as a scan is not judged)
SCAN_TYPES = ("application/pdf", "image/")
# Pages named in a reason: the first few, then "…"
REASON_PAGES = 10


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
    def check(self, filename, data, scan_policy=None):
        """Run every check on one file; raise ``FileCheckError`` on the first failure.

        ``scan_policy``: the file is a scan, judged by ND 30 Phụ lục I under the
        agency's policy ("warn" or "refuse", see ``_check_scan``); None: not a scan.

        Returns a dict: filename (the sanitised base name to store and send, R-SEC2),
        mimetype, size, sha256, scan_engine, page_count, signatures (list of dicts for
        ``vn.document.signature``), legal_value, legal_value_reason, hazards (codes of
        the active content found in a PDF: JavaScript, launch actions, embedded
        files...; flagged, not refused, see ``vn.document.file._vn_refuse_hazards``),
        and for a scan ``scan``: the values of the scan fields of ``vn.document.file``.
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
        if scan_policy and mimetype.startswith(SCAN_TYPES):
            report["scan"] = self._check_scan(filename, data, scan_policy)
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
                    "%(name)s: the file is %(size).1f MB, more than the %(limit).0f MB "
                    "allowed.",
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
                    "%(name)s: the format is not accepted or does not match its "
                    "extension (real type %(type)s, extension .%(ext)s).",
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
        """Settings page first, then the environment (containers), then odoo.conf's
        ``vn_clamd_address``, then Debian's socket."""
        return (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("vn_document_base.clamd_address")
            or os.environ.get("VN_CLAMD_ADDRESS")
            or _configured_clamd_address()
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
                    "%(name)s: the malware scan could not be done (the scanning "
                    "service is not reachable); the file is refused. Please try again "
                    "or call the administrator.",
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
                    "%(name)s: the malware scan failed (%(status)s); the file is "
                    "refused.",
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
        # one read of the trust settings per file; a fresh context per signature
        settings = self._validation_settings()
        facts = signature_validation.validate_signatures(
            embedded, lambda: signature_validation.validation_context(**settings)
        )
        signatures = [self._signature_values(fact) for fact in facts]
        legal_value, reason = self._classify_legal_value(facts)
        return {
            "hazards": hazards,
            "page_count": page_count,
            "signatures": signatures,
            "legal_value": legal_value,
            "legal_value_reason": reason,
        }

    # ------------------------------------------------------------------
    # Scans: ND 30 Phụ lục I (R-IN7)
    # ------------------------------------------------------------------
    @api.model
    def _check_scan(self, filename, data, policy):
        """The scan fields of ``vn.document.file`` for the scan ``data``; under the
        "refuse" policy a failing scan raises ``FileCheckError`` with every reason
        (in the user's language) and nothing is stored. The reasons kept with the
        file are Vietnamese (``legal``): they are evidence, read by archivists."""
        result = scan_check.check_scan(data)
        if result["failures"] and policy == "refuse":
            raise FileCheckError(
                _(
                    "%(name)s does not meet the digitisation rules of Decree 30 "
                    "(Appendix I) and is refused: %(reasons)s",
                    name=filename,
                    reasons="; ".join(self._scan_reasons(result)),
                )
            )
        return {
            "scan_result": "failed" if result["failures"] else "ok",
            "scan_format": result["format"] or False,
            "scan_pdf_version": result["pdf_version"] or False,
            "scan_colour_depth": result["colour_depth"],
            "scan_dpi": result["min_dpi"],
            "scan_paper": result["paper"] or False,
            "scan_reasons": "\n".join(legal(self)._scan_reasons(result)) or False,
        }

    @api.model
    def _scan_reasons(self, result):
        """One sentence per rule the scan fails, in the language of ``self.env``."""
        texts = {
            "unreadable": lambda f: self.env._("the file cannot be read as a scan"),
            "format": lambda f: self.env._(
                "it is an image (%(type)s), not a PDF as Decree 30 requires",
                type=f["type"],
            ),
            "pdf_version": lambda f: self.env._(
                "PDF version %(version)s: version 1.4 or later is required",
                version=f["version"],
            ),
            "no_image": lambda f: self.env._(
                "page %(pages)s carries no scanned image", pages=_pages(f)
            ),
            "colour": lambda f: self.env._(
                "page %(pages)s is grayscale or black and white: a colour scan is "
                "required",
                pages=_pages(f),
            ),
            "colour_depth": lambda f: self.env._(
                "colour depth %(depth)s bit on page %(pages)s: at least 24 bit is "
                "required",
                depth=f["depth"],
                pages=_pages(f),
            ),
            "resolution": lambda f: self.env._(
                "resolution %(dpi)s dpi on page %(pages)s: at least 200 dpi is "
                "required",
                dpi=f["dpi"],
                pages=_pages(f),
            ),
            "scale": lambda f: self.env._(
                "page %(pages)s measures %(size)s, no standard paper size: the scan "
                "must be at 100%% scale",
                size=f["size"],
                pages=_pages(f),
            ),
        }
        return [texts[failure["rule"]](failure) for failure in result["failures"]]

    @api.model
    def _validation_settings(self):
        """The trusted roots, CRLs and revocation settings of the validation context."""
        params = self.env["ir.config_parameter"].sudo()
        certs, crls = self.env["vn.trusted.root"]._validation_material()
        return {
            "trust_roots": certs,
            "crls": crls,
            "allow_fetching": params.get_param("vn_document_base.revocation_fetch")
            == "True",
            "revocation_mode": params.get_param("vn_document_base.revocation_mode")
            or "soft-fail",
        }

    @api.model
    def _validation_context(self):
        return signature_validation.validation_context(**self._validation_settings())

    @api.model
    def _signature_values(self, facts):
        """One signature's facts (tools/signature_validation.py) as values for
        ``vn.document.signature``."""
        values = {"field_name": facts["field_name"], "is_valid": False}
        if facts["error"]:
            _logger.warning(
                "Signature %s could not be validated: %s",
                facts["field_name"],
                facts["error"],
            )
            values["reason"] = _(
                "The signature could not be checked: %(error)s",
                error=facts["error"].partition(": ")[2][:200],
            )
            return values
        if facts.get("certificate") is not None:
            values.update(
                {
                    key: facts[key] or False
                    for key in (
                        "signer_name",
                        "organisation",
                        "title",
                        "signer_kind",
                        "issuer",
                        "serial_number",
                    )
                }
            )
        signing_time = facts["signing_time"]
        values.update(
            {
                "signing_time": signing_time.astimezone(_utc()).replace(tzinfo=None)
                if signing_time
                else False,
                "coverage": facts["coverage"] or False,
                "modification_level": facts["modification_level"] or False,
                "intact": facts["intact"],
                "trusted": facts["trusted"],
                "revoked": facts["revoked"],
                "is_valid": facts["bottom_line"],
                "reason": self._status_reason(facts),
            }
        )
        return values

    @api.model
    def _status_reason(self, facts):
        if facts["bottom_line"]:
            return _("Valid")
        reasons = []
        if not facts["intact"]:
            reasons.append(_("the content was changed after signing"))
        if not facts["valid"]:
            reasons.append(_("the signature does not match its certificate"))
        if facts["revoked"]:
            reasons.append(_("the certificate was revoked"))
        elif not facts["trusted"]:
            reasons.append(_("the certificate does not chain to a trusted root"))
        if facts["docmdp_ok"] is False or facts["modification_level"] == "OTHER":
            reasons.append(_("the file was modified after signing beyond form filling"))
        return _(
            "Invalid: %(reasons)s",
            reasons="; ".join(reasons) or _("rejected by the validator"),
        )

    @api.model
    def _classify_legal_value(self, facts):
        """Legal value and its reason for the user (R-LV1 to R-LV4, see
        ``signature_validation.legal_value``)."""
        value, reason = signature_validation.legal_value(facts)
        reasons = {
            "invalid_signature": _("At least one signature is not valid."),
            "signer_and_agency": _("Signed by the competent signer and by the agency."),
            "agency_only": _(
                "Signed by the agency only: the value of the paper master copy."
            ),
            "person_only": _(
                "Signed by a person only, without the agency's signature."
            ),
            "unsigned": _("No digital signature."),
        }
        return value, reasons[reason]


def _pages(failure):
    pages = [str(number) for number in failure["pages"][:REASON_PAGES]]
    if len(failure["pages"]) > REASON_PAGES:
        pages.append("…")
    return ", ".join(pages)


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


def _configured_clamd_address():
    """The ``vn_clamd_address`` option of odoo.conf; a relative socket path
    (``unix://.run/clamd/clamd.sock``) is relative to the configuration file."""
    address = (config.get(CLAMD_ADDRESS_OPTION) or "").strip()
    path = address.removeprefix("unix://")
    if address.startswith("unix://") and path and not os.path.isabs(path):
        base = os.path.dirname(os.path.abspath(config.get("config") or ""))
        address = "unix://" + os.path.normpath(os.path.join(base, path))
    return address


def _utc():
    from datetime import timezone

    return timezone.utc
