# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Wire protocol of the VXP-style document-exchange platform (EDXML.md §5.1).

Pure Python, no Odoo import: shared by the transport client
(``lgsp_client``) and the standalone simulator (``../simulator``).

Authentication ("XroadVnpt" HMAC headers):

* every logical header ``h`` travels as ``XroadVnpt-h``;
* ``XroadVnpt-sign-header-key`` lists the signed names, ``;``-joined;
* ``XroadVnpt-sign-header`` is the JSON object of those headers (sorted keys,
  compact separators, ``ensure_ascii=False``; UTF-8 on the wire);
* ``XroadVnpt-hash-header`` is the hex HMAC-SHA256 of that JSON, keyed with
  the system secret;
* ``XroadVnpt-version`` is ``3.0.201608``;
* ``nonce`` (signed, required): a value unique to each request, so that a
  captured request cannot be replayed inside the timestamp window (the
  platform keeps the nonces it saw for as long as the window lasts).

Timestamps use ``ddMMyyyy'T'HHmmss+SSSS`` (the ``+SSSS`` part is milliseconds
on four digits, not a zone offset) in Vietnam time (UTC+07:00, no DST).
"""

import datetime
import hashlib
import hmac
import json
import re
import secrets

VERSION = "3.0.201608"
PREFIX = "XroadVnpt-"
H_SIGN_KEY = PREFIX + "sign-header-key"
H_SIGN = PREFIX + "sign-header"
H_HASH = PREFIX + "hash-header"
H_VERSION = PREFIX + "version"
USER_AGENT = "JAVASDKAgent/1.0.0 XRoad/VPCP"
SERVICE_TYPE = "eDoc"

# Logical header names (keys of the signed JSON object).
SYSTEM_ID = "systemid"
TIMESTAMP = "timestamp"
CONTENT_TYPE = "Content-Type"
FROM = "from"
TO = "to"
SERVICE = "servicetype"
MESSAGE_TYPE = "messagetype"
HASH_FILE = "hash-file"
DOC_ID = "docId"
DOCUMENT_ID = "documentid"  # edXML DocumentId filter of getSentEdocList
STATUS = "status"
DESCRIPTION = "description"
AGENCY_CODE = "AgencyCode"
NONCE = "nonce"
REQUIRED = (SYSTEM_ID, TIMESTAMP, NONCE)
NONCE_RE = re.compile(r"^[A-Za-z0-9_-]{16,128}$")

MESSAGE_TYPES = ("edoc", "status")
ACK_STATUSES = ("done", "fail", "processing")
FILE_FIELD = "file_doc"

# Envelope error codes used by the simulator ("0" means success).
ERR_OK = "0"
ERR_BAD_REQUEST = "400"
ERR_AUTH = "401"
ERR_NOT_FOUND = "404"
ERR_METHOD = "405"
ERR_FORBIDDEN = "403"
ERR_CONFLICT = "409"
ERR_INTERNAL = "500"
ERR_REFUSED = "99"

VN_TZ = datetime.timezone(datetime.timedelta(hours=7), "ICT")
_TS_DATE = "%d%m%Y"
_TS_TIME = "%H%M%S"


class ProtocolError(Exception):
    """Authentication failure; ``code`` is "auth", "skew", "missing", "nonce" or
    "replay"."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


def format_timestamp(moment):
    """Format an aware or naive (taken as UTC) datetime in the wire format."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    local = moment.astimezone(VN_TZ)
    millis = local.microsecond // 1000
    return f"{local.strftime(_TS_DATE)}T{local.strftime(_TS_TIME)}+{millis:04d}"


def timestamp_now():
    """Current time in the wire timestamp format."""
    return format_timestamp(datetime.datetime.now(datetime.timezone.utc))


def parse_timestamp(value):
    """Parse ``ddMMyyyyTHHmmss+SSSS`` into an aware datetime (UTC+7)."""
    text = (value or "").strip()
    if len(text) != 20 or text[8] != "T" or text[15] != "+" or not text[16:].isdigit():
        raise ValueError(f"bad timestamp {value!r}")
    base = datetime.datetime.strptime(text[:15], _TS_DATE + "T" + _TS_TIME)
    millis = int(text[16:])
    if millis > 999:
        raise ValueError(f"bad milliseconds in timestamp {value!r}")
    return base.replace(microsecond=millis * 1000, tzinfo=VN_TZ)


def new_nonce():
    """A fresh random nonce (128 bits, hex) for one request."""
    return secrets.token_hex(16)


def canonical_json(logical_headers):
    """The signed JSON text: sorted keys, compact, non-ASCII kept."""
    return json.dumps(
        logical_headers, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )


def compute_hash(sign_json, secret):
    """Hex HMAC-SHA256 of the signed JSON (UTF-8) keyed with the secret."""
    return hmac.new(
        secret.encode("utf-8"), sign_json.encode("utf-8"), hashlib.sha256
    ).hexdigest()


def _check_names(logical_headers):
    for name, value in logical_headers.items():
        if not name or ";" in name or any(c.isspace() for c in name):
            raise ValueError(f"bad header name {name!r}")
        if not isinstance(value, str):
            raise TypeError(f"header {name} must be a string")
        if "\r" in value or "\n" in value:
            raise ValueError(f"header {name} contains a line break")


def prefixed_headers(logical_headers):
    """Each logical header h as ``XroadVnpt-h`` plus the version header."""
    wire = {PREFIX + name: value for name, value in logical_headers.items()}
    wire[H_VERSION] = VERSION
    return wire


def sign_headers(logical_headers, secret):
    """Return the wire headers (str values) for signed logical headers."""
    _check_names(logical_headers)
    if not secret:
        raise ValueError("a secret is required to sign")
    sign_json = canonical_json(logical_headers)
    wire = prefixed_headers(logical_headers)
    wire[H_SIGN_KEY] = ";".join(logical_headers)
    wire[H_SIGN] = sign_json
    wire[H_HASH] = compute_hash(sign_json, secret)
    return wire


def _lower_map(wire_headers):
    """Case-insensitive view of any header mapping or list of pairs."""
    items = wire_headers.items() if hasattr(wire_headers, "items") else wire_headers
    return {str(k).lower(): v for k, v in items}


def _now():
    return datetime.datetime.now(datetime.timezone.utc)


def verify_headers(wire_headers, secret_lookup, max_skew_seconds=300, now=None):
    """Check the HMAC headers and return the signed logical headers.

    ``wire_headers`` values must already be decoded text (a WSGI server
    hands UTF-8 bytes over as latin-1: see :func:`decode_wsgi_value`).
    Only the names listed in the sign-header-key are returned, so callers
    never act on an unsigned parameter. Raises :class:`ProtocolError`.
    """
    headers = _lower_map(wire_headers)
    key_list = headers.get(H_SIGN_KEY.lower())
    given_hash = headers.get(H_HASH.lower())
    if not key_list or not given_hash:
        raise ProtocolError("missing", "signature headers missing")
    names = [n for n in key_list.split(";") if n]
    missing = [n for n in REQUIRED if n not in names]
    if missing:
        raise ProtocolError(
            "missing", "unsigned or missing: {}".format(", ".join(missing))
        )
    logical = {}
    for name in names:
        value = headers.get((PREFIX + name).lower())
        if value is None:
            raise ProtocolError("missing", f"header {PREFIX}{name} missing")
        logical[name] = value
    secret = secret_lookup(logical[SYSTEM_ID])
    expected = compute_hash(canonical_json(logical), secret or "no-secret")
    if not hmac.compare_digest(expected.encode(), given_hash.strip().lower().encode()):
        raise ProtocolError("auth", "bad signature or unknown system")
    if secret is None:
        raise ProtocolError("auth", "bad signature or unknown system")
    _check_skew(logical[TIMESTAMP], max_skew_seconds, now or _now())
    if not NONCE_RE.match(logical[NONCE]):
        raise ProtocolError(
            "nonce", "the nonce must be 16 to 128 letters, digits, '-' or '_'"
        )
    return logical


def _check_skew(value, max_skew_seconds, now):
    try:
        moment = parse_timestamp(value)
    except ValueError as exc:
        raise ProtocolError("skew", str(exc)) from None
    skew = abs((now - moment).total_seconds())
    if skew > max_skew_seconds:
        raise ProtocolError(
            "skew", f"timestamp off by {int(skew)} s (limit {int(max_skew_seconds)} s)"
        )


def decode_wsgi_value(value):
    """Undo WSGI's latin-1 decoding of a header sent as UTF-8 bytes."""
    try:
        return value.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return value


def ok(**fields):
    """Success envelope."""
    envelope = {"status": "OK", "ErrorCode": ERR_OK, "ErrorDesc": ""}
    envelope.update(fields)
    return envelope


def fail(code, desc):
    """Failure envelope."""
    return {"status": "FAIL", "ErrorCode": str(code), "ErrorDesc": desc}


def file_hash(data):
    """SHA-256 hex of a package, as sent in ``hash-file``."""
    return hashlib.sha256(data).hexdigest()
