# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Transport client for the VXP-style document-exchange platform (§5.1).

Pure Python (requests), no Odoo import. Every business parameter travels as
a signed ``XroadVnpt-*`` header (see ``lgsp_protocol``). Failures raise
:class:`LgspError` whose ``code`` and ``retryable`` drive the caller's
retry policy.
"""

import base64
import datetime
import logging
import os
import threading
import time
from urllib.parse import urlsplit

import requests

try:
    from . import lgsp_protocol as proto
except ImportError:  # loaded outside the addon package (simulator, scripts)
    import lgsp_protocol as proto

_logger = logging.getLogger(__name__)

JSON_TYPE = "application/json"
MULTIPART_TYPE = "multipart/form-data"


class LgspError(Exception):
    """Transport or platform failure.

    ``code``: "network", "tls", "http_<status>", "auth", "refused",
    "bad_response", "config". ``retryable`` tells whether the same call may succeed
    later. ``error_code``/``error_desc`` carry the platform envelope if any.
    """

    def __init__(
        self,
        code,
        message,
        retryable=False,
        http_status=None,
        error_code=None,
        error_desc=None,
    ):
        super().__init__(message)
        self.code = code
        self.message = message
        self.retryable = retryable
        self.http_status = http_status
        self.error_code = error_code
        self.error_desc = error_desc

    def __str__(self):
        return f"[{self.code}] {self.message}"


class LgspConfigError(LgspError, ValueError):
    """Unusable client settings (endpoint, credentials, CA bundle): code "config"."""

    def __init__(self, message):
        super().__init__("config", message, retryable=False)


def _network_error(exc):
    if isinstance(exc, requests.exceptions.SSLError):
        return LgspError("tls", f"TLS error: {exc}", retryable=False)
    return LgspError("network", f"{type(exc).__name__}: {exc}", retryable=True)


def _http_error(status, envelope, text):
    code_desc = (envelope or {}).get("ErrorCode"), (envelope or {}).get("ErrorDesc")
    detail = code_desc[1] or (text or "")[:200]
    message = f"HTTP {status}: {detail}"
    if status in (401, 403):
        return LgspError("auth", message, False, status, *code_desc)
    retryable = status >= 500 or status == 429
    return LgspError(f"http_{status}", message, retryable, status, *code_desc)


def _json_or_none(response):
    try:
        value = response.json()
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _envelope_fields(envelope):
    """(status, ErrorCode, ErrorDesc), tolerant of lower-case variants."""
    status = envelope.get("status", envelope.get("Status"))
    code = envelope.get("ErrorCode", envelope.get("errorCode"))
    desc = envelope.get("ErrorDesc", envelope.get("errorDesc")) or ""
    return status, code, desc


def check_envelope(envelope):
    """Raise unless the envelope says OK; return it."""
    status, code, desc = _envelope_fields(envelope)
    if not isinstance(status, str):
        raise LgspError("bad_response", "envelope without status")
    if status.upper() != "OK":
        raise LgspError(
            "refused",
            f"refused: {code} {desc}",
            False,
            200,
            None if code is None else str(code),
            desc,
        )
    return envelope


def _header_value(value):
    """Non-ASCII header text as UTF-8 bytes (http.client would use latin-1)."""
    if isinstance(value, str) and not value.isascii():
        return value.encode("utf-8")
    return value


def _clean(value):
    """Single-line header text."""
    return " ".join(str(value or "").split())


class TokenAuth:
    """OAuth2 client_credentials (HTTP Basic) with a cached bearer token."""

    def __init__(
        self,
        token_url,
        client_id,
        client_secret,
        scope=None,
        verify=True,
        timeout=30,
        session=None,
        leeway=30,
    ):
        self.token_url = token_url
        self.client_id = client_id
        self.client_secret = client_secret
        self.scope = scope
        self.verify = verify
        self.timeout = timeout
        self.session = session or requests.Session()
        self.leeway = leeway
        self._lock = threading.Lock()
        self._token = None
        self._expires_at = 0.0

    def invalidate(self):
        """Forget the cached token (e.g. after a 401)."""
        with self._lock:
            self._token = None
            self._expires_at = 0.0

    def token(self):
        """Return a valid bearer token, fetching one if needed."""
        with self._lock:
            if self._token and time.monotonic() < self._expires_at:
                return self._token
            token, lifetime = self._fetch()
            self._token = token
            self._expires_at = time.monotonic() + max(lifetime - self.leeway, 0)
            return token

    def _fetch(self):
        data = {"grant_type": "client_credentials"}
        if self.scope:
            data["scope"] = self.scope
        try:
            response = self.session.post(
                self.token_url,
                data=data,
                auth=(self.client_id, self.client_secret),
                timeout=self.timeout,
                verify=self.verify,
            )
        except requests.exceptions.RequestException as exc:
            raise _network_error(exc) from None
        body = _json_or_none(response)
        if (
            response.status_code == 400
            and body
            and body.get("error")
            in ("invalid_client", "unauthorized_client", "invalid_grant")
        ):
            raise LgspError(
                "auth", "token refused: {}".format(body.get("error")), False, 400
            )
        if response.status_code >= 400:
            raise _http_error(response.status_code, None, response.text)
        if not body or not body.get("access_token"):
            raise LgspError("bad_response", "token response without access_token")
        try:
            lifetime = int(body.get("expires_in") or 300)
        except (TypeError, ValueError):
            lifetime = 300
        return body["access_token"], lifetime


class LgspClient:
    """Client for the §5.1 service set (sendEdoc, getReceivedEdocList, ...)."""

    def __init__(
        self,
        endpoint,
        system_id,
        secret=None,
        verify=True,
        client_cert=None,
        timeout=30,
        session=None,
        token_auth=None,
        clock=None,
    ):
        """``verify``: True or a CA bundle path (False only if given explicitly,
        with a warning). ``client_cert``: path or (cert, key) for mutual TLS.
        ``clock``: optional callable returning an aware datetime (tests)."""
        parts = urlsplit(endpoint or "")
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise LgspConfigError(f"endpoint must be an http(s) URL: {endpoint!r}")
        if not system_id:
            raise LgspConfigError("system_id is required")
        if not secret and token_auth is None:
            raise LgspConfigError("a secret or a token_auth is required")
        self.endpoint = endpoint.rstrip("/")
        self.system_id = system_id
        self.secret = secret
        self.verify = self._check_verify(verify)
        self.client_cert = client_cert
        self.timeout = timeout
        self.session = session or requests.Session()
        self.token_auth = token_auth
        self.clock = clock

    @staticmethod
    def _check_verify(verify):
        if verify is True:
            return True
        if verify is False:
            _logger.warning("LGSP client: TLS certificate verification DISABLED")
            return False
        if isinstance(verify, str) and os.path.exists(verify):
            return verify
        raise LgspConfigError(
            f"verify must be True, False or an existing CA bundle path: {verify!r}"
        )

    # -- operations -------------------------------------------------------

    def send_edoc(self, edxml, message_type="edoc", from_code=None, to_codes=None):
        """Send a package; return the platform DocId.

        ``from_code`` defaults to the system id (VXP expects it there);
        ``to_codes`` (list or comma string) overrides routing by To/OrganId.
        """
        if message_type not in proto.MESSAGE_TYPES:
            raise ValueError("message_type must be edoc or status")
        if not isinstance(edxml, (bytes, bytearray)) or not edxml:
            raise ValueError("edxml must be non-empty bytes")
        params = {
            proto.FROM: from_code or self.system_id,
            proto.SERVICE: proto.SERVICE_TYPE,
            proto.MESSAGE_TYPE: message_type,
            proto.HASH_FILE: proto.file_hash(bytes(edxml)),
        }
        to_value = self._join_codes(to_codes)
        if to_value:
            params[proto.TO] = to_value
        files = {
            proto.FILE_FIELD: (
                f"{message_type}.edxml",
                bytes(edxml),
                "application/xml",
            )
        }
        envelope = self._call_json("sendEdoc", params, files=files)
        doc_id = envelope.get("DocId") or envelope.get("docId")
        if not doc_id:
            raise LgspError("bad_response", "sendEdoc answer without DocId")
        return str(doc_id)

    def received_list(self, message_type="edoc"):
        """Pending packages for this system: list of dicts (docId, from, ...)."""
        if message_type not in proto.MESSAGE_TYPES:
            raise ValueError("message_type must be edoc or status")
        params = {proto.SERVICE: proto.SERVICE_TYPE, proto.MESSAGE_TYPE: message_type}
        return self._data_list(self._call_json("getReceivedEdocList", params))

    def get_edoc(self, doc_id):
        """Return the raw .edxml bytes of a received package."""
        response = self._call("getEdoc", {proto.DOC_ID: _clean(doc_id)})
        return self._edoc_bytes(response)

    def update_status(self, doc_id, status, description=""):
        """Transport acknowledgement: "done", "fail" or "processing"."""
        if status not in proto.ACK_STATUSES:
            raise ValueError(f"status must be one of {proto.ACK_STATUSES}")
        params = {proto.DOC_ID: _clean(doc_id), proto.STATUS: status}
        if description:
            params[proto.DESCRIPTION] = _clean(description)
        return self._call_json("updateStatus", params)

    def sent_list(self, doc_id=None, message_type=None, document_id=None):
        """Per-recipient tracking rows of packages this system sent (``document_id``:
        the edXML DocumentId they are about, to find a package whose send had an unclear
        outcome)."""
        params = {}
        if doc_id:
            params[proto.DOC_ID] = _clean(doc_id)
        if document_id:
            params[proto.DOCUMENT_ID] = _clean(document_id)
        if message_type:
            params[proto.MESSAGE_TYPE] = message_type
        return self._data_list(self._call_json("getSentEdocList", params))

    def agencies(self):
        """Agency directory (id, pid, code, code102, name, oldCode, deleted...)."""
        return self._data_list(self._call_json("getAgenciesList", {}))

    def count_received(self, message_type="edoc"):
        """Number of pending packages (GET countReceiveEdoc/countReceiveStatus)."""
        op = "countReceiveStatus" if message_type == "status" else "countReceiveEdoc"
        envelope = self._call_json(op, {}, method="GET")
        try:
            return int(envelope.get("count"))
        except (TypeError, ValueError):
            raise LgspError("bad_response", f"{op} answer without count") from None

    def register_agency(self, agency):
        """Register or update an agency (JSON body: code, pcode, name, mail...)."""
        return self._call_json("registerAgency", {}, json_body=dict(agency))

    def delete_agency(self, code):
        """Mark an agency deleted."""
        return self._call_json("deleteAgency", {proto.AGENCY_CODE: _clean(code)})

    # -- plumbing ---------------------------------------------------------

    @staticmethod
    def _join_codes(to_codes):
        if not to_codes:
            return ""
        codes = to_codes.split(",") if isinstance(to_codes, str) else list(to_codes)
        codes = [_clean(c) for c in codes if _clean(c)]
        if any("," in c for c in codes):
            raise ValueError("agency codes cannot contain commas")
        return ",".join(codes)

    def _timestamp(self):
        if self.clock is None:
            return proto.timestamp_now()
        return proto.format_timestamp(self.clock())

    def _headers(self, params, content_type):
        logical = {
            proto.SYSTEM_ID: self.system_id,
            proto.TIMESTAMP: self._timestamp(),
            proto.NONCE: proto.new_nonce(),  # each request (and each retry) is unique
            proto.CONTENT_TYPE: content_type,
        }
        logical.update(params)
        if self.secret:
            wire = proto.sign_headers(logical, self.secret)
        else:
            wire = proto.prefixed_headers(logical)
        wire["User-Agent"] = proto.USER_AGENT
        wire["Accept"] = JSON_TYPE + ", application/xml, application/octet-stream"
        if content_type == JSON_TYPE:
            wire["Content-Type"] = JSON_TYPE
        if self.token_auth is not None:
            wire["Authorization"] = "Bearer " + self.token_auth.token()
        return {k: _header_value(v) for k, v in wire.items()}

    def _call(self, op, params, method="POST", files=None, json_body=None):
        """Send one request; return the response of a 2xx answer."""
        response = self._send(op, params, method, files, json_body)
        if response.status_code == 401 and self.token_auth is not None:
            self.token_auth.invalidate()
            response = self._send(op, params, method, files, json_body)
        if response.status_code >= 300:
            raise _http_error(
                response.status_code, _json_or_none(response), response.text
            )
        return response

    def _send(self, op, params, method, files, json_body):
        content_type = MULTIPART_TYPE if files else JSON_TYPE
        headers = self._headers(params, content_type)
        try:
            return self.session.request(
                method,
                f"{self.endpoint}/{op}",
                headers=headers,
                files=files,
                json=json_body,
                timeout=self.timeout,
                verify=self.verify,
                cert=self.client_cert,
            )
        except requests.exceptions.RequestException as exc:
            raise _network_error(exc) from None

    def _call_json(self, op, params, method="POST", files=None, json_body=None):
        response = self._call(op, params, method, files, json_body)
        envelope = _json_or_none(response)
        if envelope is None:
            raise LgspError("bad_response", f"{op}: answer is not a JSON object")
        return check_envelope(envelope)

    @staticmethod
    def _data_list(envelope):
        data = envelope.get("data")
        if data is None:
            return []
        if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
            raise LgspError("bad_response", "data is not a list of objects")
        return data

    @staticmethod
    def _edoc_bytes(response):
        ctype = response.headers.get("Content-Type", "")
        if ctype.startswith(JSON_TYPE):
            envelope = _json_or_none(response)
            if envelope is None:
                raise LgspError("bad_response", "getEdoc: bad JSON answer")
            check_envelope(envelope)
            encoded = envelope.get("data")
            if not isinstance(encoded, str):
                raise LgspError("bad_response", "getEdoc: JSON answer without data")
            content = base64.b64decode(encoded)
        else:
            content = response.content
        expected = response.headers.get(proto.HASH_FILE)
        if expected and proto.file_hash(content) != expected.strip().lower():
            raise LgspError(
                "bad_response", "getEdoc: hash-file mismatch", retryable=True
            )
        if not content:
            raise LgspError("bad_response", "getEdoc: empty package")
        return content


def utc_from_wire(value):
    """Parse an ISO-8601 time field of the platform into a naive UTC datetime."""
    if not value:
        return None
    moment = datetime.datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=proto.VN_TZ)
    return moment.astimezone(datetime.timezone.utc).replace(tzinfo=None)
