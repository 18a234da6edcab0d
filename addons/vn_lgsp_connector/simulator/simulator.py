# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Standalone simulator of the document-exchange platform (EDXML.md §5.1).

A WSGI application (Werkzeug, no Odoo) with an embedded SQLite store that
implements the VXP service set with the same headers, JSON envelopes and
HMAC authentication as the real platform, plus an admin/test API for
creating systems and injecting faults. See README.md next to this file.
"""

import argparse
import contextlib
import datetime
import hmac
import importlib.util
import json
import logging
import os
import secrets
import socket
import sqlite3
import sys
import threading
import time
import uuid
from pathlib import Path

from lxml import etree
from werkzeug.exceptions import HTTPException
from werkzeug.serving import make_server, run_simple
from werkzeug.wrappers import Request, Response

_logger = logging.getLogger("lgsp_simulator")

DEFAULT_DB = os.path.join(".run", "lgsp-sim", "sim.sqlite3")
PROTOCOL_PATH = Path(__file__).resolve().parents[1] / "tools" / "lgsp_protocol.py"
MAX_CONTENT_LENGTH = 64 * 1024 * 1024
ADMIN_HEADER = "X-Sim-Admin"


def _load_protocol():
    """Import lgsp_protocol from the connector addon without importing Odoo."""
    module = sys.modules.get("lgsp_protocol")
    if module is not None:
        return module
    spec = importlib.util.spec_from_file_location("lgsp_protocol", PROTOCOL_PATH)
    module = importlib.util.module_from_spec(spec)
    sys.modules["lgsp_protocol"] = module
    spec.loader.exec_module(module)
    return module


proto = _load_protocol()

OPERATIONS = {  # path -> (HTTP method, handler method name)
    "sendEdoc": ("POST", "op_send_edoc"),
    "getReceivedEdocList": ("POST", "op_received_list"),
    "getEdoc": ("POST", "op_get_edoc"),
    "updateStatus": ("POST", "op_update_status"),
    "getSentEdocList": ("POST", "op_sent_list"),
    "getAgenciesList": ("POST", "op_agencies"),
    "registerAgency": ("POST", "op_register_agency"),
    "deleteAgency": ("POST", "op_delete_agency"),
    "countReceiveEdoc": ("GET", "op_count_edoc"),
    "countReceiveStatus": ("GET", "op_count_status"),
}
FAULT_KINDS = ("refuse", "error500", "delay", "drop", "duplicate")
TRANSPORT_FAULTS = ("refuse", "error500", "delay", "drop")
PENDING = ("initial", "processing")
FINAL = ("done", "fail")

SEED_AGENCIES = (
    # code, parent code, name, old code, deleted
    ("000.00.00.H29", "", "Ủy ban nhân dân Thành phố Hồ Chí Minh", "", False),
    ("000.00.14.H29", "000.00.00.H29", "Sở Thông tin và Truyền thông", "", False),
    ("000.00.02.H29", "000.00.00.H29", "Sở Công Thương", "00.02.H29", False),
    ("000.00.41.H29", "000.00.00.H29", "Ủy ban nhân dân Quận 1", "", False),
    ("000.01.41.H29", "000.00.41.H29", "Văn phòng HĐND và UBND Quận 1", "", False),
    ("000.02.41.H29", "000.00.41.H29", "Phòng Nội vụ Quận 1", "", False),
    (
        "000.00.00.W29",
        "000.00.00.H29",
        "Trung tâm liên thông TP. Hồ Chí Minh",
        "00.00.W29",
        True,
    ),
)

SCHEMA = """
CREATE TABLE IF NOT EXISTS systems (
    system_id TEXT PRIMARY KEY, secret TEXT NOT NULL, organ_code TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '', created TEXT NOT NULL,
    platform_admin INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS nonces (
    system_id TEXT NOT NULL, nonce TEXT NOT NULL, seen REAL NOT NULL,
    PRIMARY KEY (system_id, nonce));
CREATE INDEX IF NOT EXISTS nonces_seen_idx ON nonces (seen);
CREATE TABLE IF NOT EXISTS agencies (
    id INTEGER PRIMARY KEY AUTOINCREMENT, pid INTEGER NOT NULL DEFAULT 0,
    code TEXT NOT NULL UNIQUE, code102 TEXT NOT NULL DEFAULT '', name TEXT NOT NULL,
    mail TEXT NOT NULL DEFAULT '', mobile TEXT NOT NULL DEFAULT '',
    fax TEXT NOT NULL DEFAULT '', old_code TEXT NOT NULL DEFAULT '',
    deleted INTEGER NOT NULL DEFAULT 0, version INTEGER NOT NULL DEFAULT 1,
    modify_date TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sent (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, doc_id TEXT NOT NULL UNIQUE,
    system_id TEXT NOT NULL, from_code TEXT NOT NULL, message_type TEXT NOT NULL,
    document_id TEXT NOT NULL DEFAULT '', status_code TEXT NOT NULL DEFAULT '',
    notation TEXT NOT NULL DEFAULT '', title TEXT NOT NULL DEFAULT '',
    payload_hash TEXT NOT NULL, created TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS recipients (
    id INTEGER PRIMARY KEY AUTOINCREMENT, sent_id TEXT NOT NULL,
    to_code TEXT NOT NULL, send_status TEXT NOT NULL,
    send_status_desc TEXT NOT NULL DEFAULT '',
    receive_status TEXT NOT NULL DEFAULT '',
    receive_status_desc TEXT NOT NULL DEFAULT '',
    ack_status TEXT NOT NULL DEFAULT '', receiver_doc_id TEXT NOT NULL DEFAULT '',
    sent_time TEXT NOT NULL, received_time TEXT NOT NULL DEFAULT '',
    updated TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS inbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, doc_id TEXT NOT NULL UNIQUE,
    sent_id TEXT NOT NULL, from_code TEXT NOT NULL, to_code TEXT NOT NULL,
    message_type TEXT NOT NULL, payload BLOB NOT NULL,
    status TEXT NOT NULL DEFAULT 'initial', status_desc TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL, updated TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS inbox_to_idx ON inbox (to_code, message_type, status);
CREATE INDEX IF NOT EXISTS recipients_sent_idx ON recipients (sent_id, to_code);
CREATE INDEX IF NOT EXISTS sent_document_idx ON sent (document_id);
"""


class SimError(Exception):
    """A business refusal answered with a FAIL envelope (HTTP 200 unless
    ``http_status``)."""

    def __init__(self, code, desc, http_status=200):
        super().__init__(desc)
        self.code = code
        self.desc = desc
        self.http_status = http_status


def now_iso():
    """Current time, ISO 8601 with the Vietnam offset (+07:00)."""
    return datetime.datetime.now(proto.VN_TZ).isoformat(timespec="seconds")


# -- storage ----------------------------------------------------------------


class Store:
    """SQLite store: one connection per request, WAL, BEGIN IMMEDIATE writes."""

    def __init__(self, path):
        self.path = str(path)
        directory = os.path.dirname(os.path.abspath(self.path))
        os.makedirs(directory, exist_ok=True)
        with self.connect() as conn:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.executescript(SCHEMA)
            columns = {
                row["name"] for row in conn.execute("PRAGMA table_info(systems)")
            }
            if "platform_admin" not in columns:  # a store made by an older simulator
                conn.execute(
                    "ALTER TABLE systems ADD COLUMN platform_admin INTEGER NOT NULL "
                    "DEFAULT 0"
                )
            with self.write(conn):
                if not conn.execute("SELECT 1 FROM agencies LIMIT 1").fetchone():
                    seed_agencies(conn)

    @contextlib.contextmanager
    def connect(self):
        """Yield a fresh autocommit connection, closed afterwards."""
        conn = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA busy_timeout=10000")
        try:
            yield conn
        finally:
            conn.close()

    @staticmethod
    @contextlib.contextmanager
    # Not an Odoo model: nothing to call super() on.
    def write(conn):  # pylint: disable=method-required-super
        """Run the block in a BEGIN IMMEDIATE transaction."""
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")


def seed_agencies(conn):
    """Insert the demo HCM agency directory."""
    for code, parent, name, old_code, deleted in SEED_AGENCIES:
        upsert_agency(
            conn, {"code": code, "pcode": parent, "name": name, "oldCode": old_code}
        )
        if deleted:
            conn.execute("UPDATE agencies SET deleted = 1 WHERE code = ?", (code,))


def upsert_agency(conn, data):
    """Create or update an agency from registerAgency-style fields."""
    code = (data.get("code") or "").strip()
    name = (data.get("name") or "").strip()
    if not code or not name:
        raise SimError(proto.ERR_BAD_REQUEST, "code and name are required")
    parent = conn.execute(
        "SELECT id FROM agencies WHERE code = ?", ((data.get("pcode") or "").strip(),)
    ).fetchone()
    values = {
        "pid": parent["id"] if parent else 0,
        "code": code,
        "code102": (data.get("code102") or code).strip(),
        "name": name,
        "mail": data.get("mail") or "",
        "mobile": data.get("mobile") or "",
        "fax": data.get("fax") or "",
        "old_code": data.get("oldCode") or "",
        "modify_date": now_iso(),
    }
    conn.execute(
        "INSERT INTO agencies (pid, code, code102, name, mail, mobile, fax, old_code, "
        "modify_date) VALUES (:pid, :code, :code102, :name, :mail, :mobile, :fax, "
        ":old_code, :modify_date) ON CONFLICT (code) DO UPDATE SET pid = :pid, code102 "
        "= :code102, name = :name, mail = :mail, mobile = :mobile, fax = :fax, "
        "old_code = CASE WHEN :old_code = '' THEN old_code ELSE :old_code END, deleted "
        "= 0, version = version + 1, modify_date = :modify_date",
        values,
    )
    return conn.execute("SELECT * FROM agencies WHERE code = ?", (code,)).fetchone()


def agency_json(row):
    """Agency row in the getAgenciesList field names."""
    return {
        "id": row["id"],
        "pid": row["pid"],
        "code": row["code"],
        "code102": row["code102"],
        "name": row["name"],
        "mail": row["mail"],
        "status": 0 if row["deleted"] else 1,
        "isAgency": True,
        "centerCode": "000.00.00.H29",
        "deleted": bool(row["deleted"]),
        "oldCode": row["old_code"],
        "version": row["version"],
        "modifyDate": row["modify_date"],
    }


def resolve_agency(conn, code):
    """Return (live agency row or None, note) for a recipient code."""
    row = conn.execute("SELECT * FROM agencies WHERE code = ?", (code,)).fetchone()
    if row and not row["deleted"]:
        return row, ""
    if row:
        return None, f"agency {code} is deleted"
    row = conn.execute(
        "SELECT * FROM agencies WHERE old_code = ? AND deleted = 0", (code,)
    ).fetchone()
    if row:
        return row, "routed from old code {} to {}".format(code, row["code"])
    return None, f"unknown agency code {code}"


# -- edXML reading (routing ids only) ----------------------------------------


def _xml_parser():
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=True,
    )


def _local(element):
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _children(element, name):
    return [c for c in element if _local(c) == name]


def _text(element, name):
    found = _children(element, name) if element is not None else []
    return (found[0].text or "").strip() if found else ""


def parse_package(data):
    """Read routing ids from an edXML package (no entities, no DTD, no network)."""
    try:
        root = etree.fromstring(data, _xml_parser())
    except etree.XMLSyntaxError as exc:
        raise SimError(
            proto.ERR_BAD_REQUEST, f"package is not well-formed XML: {exc}"
        ) from exc
    if root.getroottree().docinfo.doctype:
        raise SimError(proto.ERR_BAD_REQUEST, "DOCTYPE is not allowed in packages")
    header = next((e for e in root.iter() if _local(e) == "MessageHeader"), None)
    if header is None:
        raise SimError(proto.ERR_BAD_REQUEST, "package has no MessageHeader")
    notation = _notation((_children(header, "Code") or [None])[0])
    return {
        "to": [_text(t, "OrganId") for t in _children(header, "To")],
        "response_for": [
            (_text(r, "OrganId"), _text(r, "DocumentId"))
            for r in _children(header, "ResponseFor")
        ],
        "document_id": _text(header, "DocumentId"),
        "status_code": _text(header, "StatusCode"),
        "description": _text(header, "Description"),
        "notation": notation,
        "title": _text(header, "Subject"),
    }


def _notation(code):
    """ "number/notation" from a Code block (or its plain text)."""
    if code is None:
        return ""
    parts = (_text(code, "CodeNumber"), _text(code, "CodeNotation"))
    return "/".join(p for p in parts if p) or (code.text or "").strip()


def package_recipients(info, message_type):
    """Recipient codes named inside the package."""
    if message_type == "status":
        codes = [organ for organ, _doc in info["response_for"]]
    else:
        codes = info["to"]
    return _unique(codes)


def _unique(codes):
    seen = []
    for code in codes:
        code = (code or "").strip()
        if code and code not in seen:
            seen.append(code)
    return seen


# -- faults -----------------------------------------------------------------


class FaultTable:
    """Fault rules, consumed in insertion order; guarded by a lock."""

    def __init__(self):
        self._lock = threading.Lock()
        self._rules = []

    def add(self, rule):
        """Validate and append a rule; return its normalised form."""
        rule = normalise_fault(rule)
        with self._lock:
            self._rules.append(rule)
        return dict(rule)

    def clear(self):
        with self._lock:
            self._rules = []

    def take(self, op, kinds):
        """Consume one use of the first rule matching op and kinds."""
        with self._lock:
            for rule in self._rules:
                if rule["op"] in (op, "*") and rule["kind"] in kinds:
                    rule["count"] -= 1
                    if rule["count"] <= 0:
                        self._rules.remove(rule)
                    return dict(rule)
        return None

    def snapshot(self):
        with self._lock:
            return [dict(r) for r in self._rules]


def normalise_fault(rule):
    """Check a fault rule dict; raise SimError when invalid."""
    if not isinstance(rule, dict):
        raise SimError(proto.ERR_BAD_REQUEST, "a fault rule is a JSON object")
    op, kind = rule.get("op", "*"), rule.get("kind")
    if op != "*" and op not in OPERATIONS:
        raise SimError(proto.ERR_BAD_REQUEST, f"unknown op {op!r}")
    if kind not in FAULT_KINDS:
        raise SimError(proto.ERR_BAD_REQUEST, f"kind must be one of {FAULT_KINDS}")
    try:
        count = int(rule.get("count", 1))
        seconds = float(rule.get("seconds", 1.0))
        http_status = int(rule.get("http_status", 500))
    except (TypeError, ValueError):
        raise SimError(
            proto.ERR_BAD_REQUEST, "count, seconds, http_status: numbers"
        ) from None
    if count < 1 or not 0 <= seconds <= 300 or not 400 <= http_status <= 599:
        raise SimError(
            proto.ERR_BAD_REQUEST,
            "count >= 1, 0 <= seconds <= 300, 400 <= http_status <= 599",
        )
    return {
        "op": op,
        "kind": kind,
        "count": count,
        "seconds": seconds,
        "http_status": http_status,
        "after": bool(rule.get("after", False)),
    }


class DroppedConnection(ConnectionAbortedError):
    """Raised to make Werkzeug's server drop the connection without answering."""


# -- the application --------------------------------------------------------


class SimRequest(Request):
    max_content_length = MAX_CONTENT_LENGTH


def json_response(payload, status=200):
    body = json.dumps(payload, ensure_ascii=False)
    return Response(body, status=status, content_type="application/json; charset=utf-8")


class Context:
    """Per-request data handed to operation handlers."""

    def __init__(self, request, conn, params, system):
        self.request = request
        self.conn = conn
        self.params = params
        self.system = system

    def param(self, name, required=True):
        value = (self.params.get(name) or "").strip()
        if required and not value:
            raise SimError(
                proto.ERR_BAD_REQUEST,
                f"signed header {proto.PREFIX}{name} is required",
            )
        return value

    @property
    def organ(self):
        return self.system["organ_code"]


class SimulatorApp:
    """WSGI application of the simulated platform."""

    def __init__(self, db_path=None, admin_token=None, max_skew_seconds=300):
        self.store = Store(db_path or os.environ.get("LGSP_SIM_DB") or DEFAULT_DB)
        self.admin_token = admin_token or None
        self.max_skew_seconds = max_skew_seconds
        self.faults = FaultTable()

    def __call__(self, environ, start_response):
        request = SimRequest(environ)
        response = self.dispatch(request)
        return response(environ, start_response)

    def dispatch(self, request):
        """Route a request to the admin API or an operation."""
        name = request.path.strip("/")
        try:
            if name.startswith("_sim/"):
                return self.admin(request, name[len("_sim/") :])
            name = name.rsplit("/", 1)[-1]  # any base path prefix is accepted
            if name not in OPERATIONS:
                return json_response(fail_404(name), 404)
            method, handler = OPERATIONS[name]
            if request.method != method:
                return json_response(proto.fail(proto.ERR_METHOD, f"use {method}"), 405)
            rule = self.faults.take(name, TRANSPORT_FAULTS)
            faulty = apply_transport_fault(rule, request) if rule else None
            response = faulty or self.run_operation(request, getattr(self, handler))
            if rule and rule["kind"] == "drop":  # "after": processed, answer lost
                drop_connection(request)
            return response
        except DroppedConnection:
            raise
        except SimError as exc:
            return json_response(proto.fail(exc.code, exc.desc), exc.http_status)
        except HTTPException as exc:  # e.g. 413 when the body is too large
            return json_response(proto.fail(str(exc.code), exc.name), exc.code)
        except Exception:  # pylint: disable=broad-except
            _logger.exception("simulator error on %s", request.path)
            return json_response(proto.fail(proto.ERR_INTERNAL, "internal error"), 500)

    def run_operation(self, request, handler):
        """Authenticate, then run the handler on its own connection."""
        headers = [(k, proto.decode_wsgi_value(v)) for k, v in request.headers.items()]
        with self.store.connect() as conn:
            try:
                params = proto.verify_headers(
                    headers,
                    lambda sid: self.lookup_secret(conn, sid),
                    self.max_skew_seconds,
                )
                self.remember_nonce(conn, params[proto.SYSTEM_ID], params[proto.NONCE])
            except proto.ProtocolError as exc:
                return json_response(
                    proto.fail(proto.ERR_AUTH, f"{exc.code}: {exc.message}"),
                    401,
                )
            system = conn.execute(
                "SELECT * FROM systems WHERE system_id = ?", (params[proto.SYSTEM_ID],)
            ).fetchone()
            result = handler(Context(request, conn, params, system))
        return result if isinstance(result, Response) else json_response(result)

    def remember_nonce(self, conn, system_id, nonce):
        """Refuse a nonce this system already used inside the time window (a replayed
        request).

        A nonce is kept twice as long as the timestamp window (plus a minute), so a
        request whose timestamp is still accepted can never be accepted a second
        time."""
        now = time.time()
        with Store.write(conn):
            conn.execute(
                "DELETE FROM nonces WHERE seen < ?",
                (now - 2 * self.max_skew_seconds - 60,),
            )
            try:
                conn.execute(
                    "INSERT INTO nonces (system_id, nonce, seen) VALUES (?, ?, ?)",
                    (system_id, nonce, now),
                )
            except sqlite3.IntegrityError:
                _logger.warning("replayed request refused (system %s)", system_id)
                raise proto.ProtocolError(
                    "replay", "this nonce was already used: request refused"
                ) from None

    @staticmethod
    def lookup_secret(conn, system_id):
        row = conn.execute(
            "SELECT secret FROM systems WHERE system_id = ?", (system_id,)
        ).fetchone()
        return row["secret"] if row else None

    # -- operations ----------------------------------------------------------

    def op_send_edoc(self, ctx):
        """POST /sendEdoc: store the package and deliver it to each recipient."""
        message_type = _message_type(ctx)
        if ctx.param(proto.SERVICE).lower() != proto.SERVICE_TYPE.lower():
            raise SimError(proto.ERR_BAD_REQUEST, "servicetype must be eDoc")
        if ctx.param(proto.FROM) not in (ctx.system["system_id"], ctx.organ):
            raise SimError(
                proto.ERR_BAD_REQUEST,
                "from must be the caller's system id or organ code",
            )
        data = _uploaded_file(ctx.request)
        if proto.file_hash(data) != ctx.param(proto.HASH_FILE).lower():
            raise SimError(proto.ERR_BAD_REQUEST, "hash-file does not match file_doc")
        info = parse_package(data)
        to_header = ctx.param(proto.TO, required=False)
        codes = (
            _unique(to_header.split(","))
            if to_header
            else package_recipients(info, message_type)
        )
        if not codes:
            raise SimError(proto.ERR_BAD_REQUEST, "no recipient (to header or package)")
        copies = 2 if self.faults.take("sendEdoc", ("duplicate",)) else 1
        with Store.write(ctx.conn):
            doc_id = insert_sent(ctx, message_type, info, data)
            for code in codes:
                deliver(ctx, doc_id, code, message_type, data, copies)
            if message_type == "status":
                record_business_status(ctx, info)
        return proto.ok(DocId=doc_id)

    def op_received_list(self, ctx):
        """POST /getReceivedEdocList: pending rows for the caller's organ."""
        message_type = _message_type(ctx)
        rows = ctx.conn.execute(
            "SELECT * FROM inbox WHERE to_code = ? AND message_type = ? AND status IN "
            "('initial', 'processing') ORDER BY seq",
            (ctx.organ, message_type),
        ).fetchall()
        data = [inbox_json(r) for r in rows]
        if data and self.faults.take("getReceivedEdocList", ("duplicate",)):
            data.insert(1, dict(data[0]))
        return proto.ok(data=data)

    def op_get_edoc(self, ctx):
        """POST /getEdoc: the raw package bytes (FAIL envelope when unknown)."""
        row = own_inbox_row(ctx)
        return Response(
            row["payload"],
            content_type="application/xml",
            headers={
                proto.HASH_FILE: proto.file_hash(row["payload"]),
                "Content-Disposition": 'attachment; filename="{}.edxml"'.format(
                    row["doc_id"]
                ),
            },
        )

    def op_update_status(self, ctx):
        """POST /updateStatus: transport acknowledgement done/fail/processing."""
        status = ctx.param(proto.STATUS).lower()
        if status not in proto.ACK_STATUSES:
            raise SimError(proto.ERR_BAD_REQUEST, "status must be done/fail/processing")
        description = ctx.param(proto.DESCRIPTION, required=False)
        with Store.write(ctx.conn):
            row = own_inbox_row(ctx)
            if row["status"] in FINAL and row["status"] != status:
                raise SimError(
                    proto.ERR_CONFLICT, "document already {}".format(row["status"])
                )
            stamp = now_iso()
            ctx.conn.execute(
                "UPDATE inbox SET status = ?, status_desc = ?, updated = ? WHERE "
                "doc_id = ?",
                (status, description, stamp, row["doc_id"]),
            )
            record_ack(ctx.conn, row, status, description, stamp)
        return proto.ok()

    def op_sent_list(self, ctx):
        """POST /getSentEdocList: per-recipient tracking of the caller's sends."""
        query = (
            "SELECT s.*, r.* FROM recipients r JOIN sent s ON s.doc_id = r.sent_id "
            "WHERE s.system_id = ?"
        )
        args = [ctx.system["system_id"]]
        for name, column in (
            (proto.DOC_ID, "s.doc_id"),
            (proto.MESSAGE_TYPE, "s.message_type"),
            (proto.DOCUMENT_ID, "s.document_id"),
        ):
            value = ctx.param(name, required=False)
            if value:
                query += f" AND {column} = ?"
                args.append(value)
        rows = ctx.conn.execute(query + " ORDER BY s.seq, r.id", args).fetchall()
        return proto.ok(data=[sent_json(r) for r in rows])

    def op_agencies(self, ctx):
        """POST /getAgenciesList: the whole directory, deleted ones flagged."""
        rows = ctx.conn.execute("SELECT * FROM agencies ORDER BY id").fetchall()
        return proto.ok(data=[agency_json(r) for r in rows])

    def op_register_agency(self, ctx):
        """POST /registerAgency: JSON body id, pcode, code, name, mail, ... (platform
        administrator only)."""
        require_platform_admin(ctx)
        body = ctx.request.get_json(silent=True)
        if not isinstance(body, dict):
            raise SimError(proto.ERR_BAD_REQUEST, "JSON object body expected")
        with Store.write(ctx.conn):
            row = upsert_agency(ctx.conn, body)
        return proto.ok(data=agency_json(row))

    def op_delete_agency(self, ctx):
        """POST /deleteAgency: header AgencyCode (or JSON body AgencyCode); platform
        administrator only."""
        require_platform_admin(ctx)
        body = ctx.request.get_json(silent=True) or {}
        code = ctx.param(proto.AGENCY_CODE, required=False) or body.get("AgencyCode")
        with Store.write(ctx.conn):
            cursor = ctx.conn.execute(
                "UPDATE agencies SET deleted = 1, version = version + 1, modify_date = "
                "? WHERE code = ? AND deleted = 0",
                (now_iso(), code or ""),
            )
            if not cursor.rowcount:
                raise SimError(proto.ERR_NOT_FOUND, f"no live agency {code}")
        return proto.ok()

    def op_count_edoc(self, ctx):
        """GET /countReceiveEdoc."""
        return proto.ok(count=count_pending(ctx, "edoc"))

    def op_count_status(self, ctx):
        """GET /countReceiveStatus."""
        return proto.ok(count=count_pending(ctx, "status"))

    # -- admin API -------------------------------------------------------------

    def admin(self, request, name):
        """Admin/test API, enabled only with an admin token."""
        if not self.admin_token:
            return json_response(
                proto.fail(proto.ERR_NOT_FOUND, "admin API disabled"), 404
            )
        given = request.headers.get(ADMIN_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.admin_token.encode()):
            return json_response(proto.fail(proto.ERR_AUTH, "bad admin token"), 403)
        routes = {
            ("POST", "system"): self.admin_system,
            ("POST", "fault"): self.admin_fault,
            ("POST", "reset"): self.admin_reset,
            ("GET", "state"): self.admin_state,
        }
        handler = routes.get((request.method, name))
        if handler is None:
            return json_response(fail_404("_sim/" + name), 404)
        body = request.get_json(silent=True) if request.method == "POST" else None
        return json_response(handler(body))

    def admin_system(self, body):
        """Create or replace a system (system_id, secret, organ_code, name,
        platform_admin).

        ``platform_admin``: the platform operator's own system, the only one that may
        change the agency directory (registerAgency, deleteAgency)."""
        body = body if isinstance(body, dict) else {}
        fields = [
            str(body.get(k) or "").strip()
            for k in ("system_id", "secret", "organ_code")
        ]
        if not all(fields):
            raise SimError(
                proto.ERR_BAD_REQUEST, "system_id, secret, organ_code required"
            )
        name = str(body.get("name") or fields[2])
        platform_admin = (
            1 if body.get("platform_admin") in (True, 1, "1", "true") else 0
        )
        with self.store.connect() as conn, Store.write(conn):
            conn.execute(
                "INSERT OR REPLACE INTO systems (system_id, secret, organ_code, name, "
                "created, platform_admin) VALUES (?, ?, ?, ?, ?, ?)",
                (*fields, name, now_iso(), platform_admin),
            )
            if not conn.execute(
                "SELECT 1 FROM agencies WHERE code = ?", (fields[2],)
            ).fetchone():
                upsert_agency(conn, {"code": fields[2], "name": name})
        return proto.ok(
            system_id=fields[0],
            organ_code=fields[2],
            platform_admin=bool(platform_admin),
        )

    def admin_fault(self, body):
        """Add fault rules ({rule}, [rules] or {"rules": [...]}); {"clear": true}."""
        if isinstance(body, dict) and body.get("clear"):
            self.faults.clear()
            return proto.ok(faults=[])
        rules = (
            body.get("rules") if isinstance(body, dict) and "rules" in body else body
        )
        rules = rules if isinstance(rules, list) else [rules]
        for rule in rules:
            self.faults.add(rule)
        return proto.ok(faults=self.faults.snapshot())

    def admin_reset(self, _body):
        """Drop all data and faults; re-seed the agency directory."""
        self.faults.clear()
        with self.store.connect() as conn, Store.write(conn):
            for table in (
                "inbox",
                "recipients",
                "sent",
                "systems",
                "agencies",
                "nonces",
            ):
                conn.execute(f"DELETE FROM {table}")
            seed_agencies(conn)
        return proto.ok()

    def admin_state(self, _body):
        """Counts per table and inbox status, systems (no secrets), faults."""
        with self.store.connect() as conn:
            counts = {
                t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("systems", "agencies", "sent", "recipients", "inbox")
            }
            inbox = conn.execute(
                "SELECT to_code, message_type, status, count(*) AS n FROM inbox GROUP "
                "BY 1, 2, 3 ORDER BY 1, 2, 3"
            ).fetchall()
            systems = conn.execute(
                "SELECT system_id, organ_code, name, platform_admin FROM systems ORDER "
                "BY system_id"
            ).fetchall()
        return proto.ok(
            counts=counts,
            inbox=[dict(r) for r in inbox],
            systems=[dict(r) for r in systems],
            faults=self.faults.snapshot(),
        )


# -- operation helpers -------------------------------------------------------


def require_platform_admin(ctx):
    """Changes to the agency directory are the platform operator's, never a connected
    system's."""
    if not ctx.system["platform_admin"]:
        raise SimError(
            proto.ERR_FORBIDDEN,
            "only the platform administrator changes the agency directory",
            http_status=403,
        )


def fail_404(name):
    return proto.fail(proto.ERR_NOT_FOUND, f"no such operation: {name}")


def apply_transport_fault(rule, request):
    """Apply a refuse/error500/delay/drop rule before the operation runs.

    Returns a response to send instead of running the operation, or None.
    """
    kind = rule["kind"]
    if kind == "delay":
        time.sleep(rule["seconds"])
    elif kind == "refuse":
        return json_response(proto.fail(proto.ERR_REFUSED, "refused (simulated)"))
    elif kind == "error500":
        return json_response(
            proto.fail(proto.ERR_INTERNAL, "server error (simulated)"),
            rule["http_status"],
        )
    elif kind == "drop" and not rule["after"]:
        drop_connection(request)
    return None


def drop_connection(request):
    """Close the client socket and abort: Werkzeug's server then sends nothing.

    The request body is read first (so nothing is left to be parsed as a
    next request), the socket is shut down, then ``ConnectionAbortedError``
    is raised, which Werkzeug's development server treats as a dropped
    connection: no status line is written and the client sees the
    connection closed without a response. Other WSGI servers may answer 500.
    """
    with contextlib.suppress(Exception):
        while request.stream.read(1 << 16):
            pass
    sock = request.environ.get("werkzeug.socket")
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
    raise DroppedConnection("connection dropped (simulated)")


def _message_type(ctx):
    message_type = ctx.param(proto.MESSAGE_TYPE).lower()
    if message_type not in proto.MESSAGE_TYPES:
        raise SimError(proto.ERR_BAD_REQUEST, "messagetype must be edoc or status")
    return message_type


def _uploaded_file(request):
    upload = request.files.get(proto.FILE_FIELD)
    data = upload.read() if upload else b""
    if not data:
        raise SimError(proto.ERR_BAD_REQUEST, "multipart field file_doc is missing")
    return data


def insert_sent(ctx, message_type, info, data):
    """Record the sent package; return the sender's DocId."""
    doc_id = str(uuid.uuid4())
    document_id = info["document_id"]
    if message_type == "status" and info["response_for"]:
        document_id = info["response_for"][0][1]
    ctx.conn.execute(
        "INSERT INTO sent (doc_id, system_id, from_code, message_type, document_id, "
        "status_code, notation, title, payload_hash, created) VALUES (?, ?, ?, ?, ?, "
        "?, ?, ?, ?, ?)",
        (
            doc_id,
            ctx.system["system_id"],
            ctx.organ,
            message_type,
            document_id,
            info["status_code"],
            info["notation"],
            info["title"],
            proto.file_hash(data),
            now_iso(),
        ),
    )
    return doc_id


def deliver(ctx, sent_id, code, message_type, data, copies):
    """Create the inbox row(s) of one recipient and its tracking row."""
    agency, note = resolve_agency(ctx.conn, code)
    stamp = now_iso()
    receiver_doc_id, send_status = "", "fail"
    if agency is not None:
        send_status = "done"
        for _copy in range(copies):
            inbox_id = str(uuid.uuid4())
            receiver_doc_id = receiver_doc_id or inbox_id
            ctx.conn.execute(
                "INSERT INTO inbox (doc_id, sent_id, from_code, to_code, message_type, "
                "payload, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    inbox_id,
                    sent_id,
                    ctx.organ,
                    agency["code"],
                    message_type,
                    data,
                    stamp,
                    stamp,
                ),
            )
        code = agency["code"]
    ctx.conn.execute(
        "INSERT INTO recipients (sent_id, to_code, send_status, send_status_desc, "
        "ack_status, receiver_doc_id, sent_time, updated) VALUES (?, ?, ?, ?, ?, ?, ?, "
        "?)",
        (
            sent_id,
            code,
            send_status,
            note or ("delivered" if agency else ""),
            "initial" if agency else "",
            receiver_doc_id,
            stamp,
            stamp,
        ),
    )


def record_business_status(ctx, info):
    """Copy a status package's code onto the original sender's tracking rows."""
    if not info["status_code"]:
        return
    for organ_id, document_id in info["response_for"]:
        if (
            not document_id or not organ_id
        ):  # an empty identifier never matches anything
            continue
        ctx.conn.execute(
            "UPDATE recipients SET receive_status = ?, receive_status_desc = ?, "
            "updated = ? WHERE to_code = ? AND sent_id IN (SELECT doc_id FROM sent "
            "WHERE message_type = 'edoc' AND document_id = ? AND from_code = ?)",
            (
                info["status_code"],
                info["description"],
                now_iso(),
                ctx.organ,
                document_id,
                organ_id,
            ),
        )


def record_ack(conn, row, status, description, stamp):
    """Reflect a transport ack on the sender's tracking row.

    ``ackStatus`` always follows; ``receiveStatus`` takes the ack only while
    no business status code (01, 03, ...) has been recorded.
    """
    conn.execute(
        "UPDATE recipients SET ack_status = ?, updated = ?, received_time = CASE WHEN "
        "? = 'done' AND received_time = '' THEN ? ELSE received_time END, "
        "receive_status_desc = CASE WHEN receive_status IN ('', 'initial', "
        "'processing', 'done', 'fail') THEN ? ELSE receive_status_desc END, "
        "receive_status = CASE WHEN receive_status IN ('', 'initial', 'processing', "
        "'done', 'fail') THEN ? ELSE receive_status END WHERE sent_id = ? AND to_code "
        "= ?",
        (
            status,
            stamp,
            status,
            stamp,
            description,
            status,
            row["sent_id"],
            row["to_code"],
        ),
    )


def own_inbox_row(ctx):
    """The caller's inbox row named by the docId header, else a refusal."""
    doc_id = ctx.param(proto.DOC_ID)
    row = ctx.conn.execute(
        "SELECT * FROM inbox WHERE doc_id = ? AND to_code = ?", (doc_id, ctx.organ)
    ).fetchone()
    if row is None:
        raise SimError(proto.ERR_NOT_FOUND, f"document {doc_id} not found")
    return row


def count_pending(ctx, message_type):
    return ctx.conn.execute(
        "SELECT count(*) FROM inbox WHERE to_code = ? AND message_type = ? AND status "
        "IN ('initial', 'processing')",
        (ctx.organ, message_type),
    ).fetchone()[0]


def inbox_json(row):
    """Inbox row in the getReceivedEdocList field names."""
    return {
        "docId": row["doc_id"],
        "serviceType": proto.SERVICE_TYPE,
        "messageType": row["message_type"],
        "from": row["from_code"],
        "to": row["to_code"],
        "status": row["status"],
        "status_desc": row["status_desc"],
        "created_time": row["created"],
        "updated_time": row["updated"],
    }


def sent_json(row):
    """Joined sent/recipient row in the getSentEdocList field names."""
    return {
        "docId": row["sent_id"],
        "senderDocId": row["sent_id"],
        "messageType": row["message_type"],
        "documentId": row["document_id"],
        "fromCode": row["from_code"],
        "toCode": row["to_code"],
        "sendStatus": row["send_status"],
        "sendStatusDesc": row["send_status_desc"],
        "receiveStatus": row["receive_status"],
        "receiveStatusDesc": row["receive_status_desc"],
        "ackStatus": row["ack_status"],
        "receiverDocId": row["receiver_doc_id"],
        "sentTime": row["sent_time"],
        "receivedTime": row["received_time"],
        "updatedTime": row["updated"],
        "notation": row["notation"],
        "title": row["title"],
        "statusCode": row["status_code"],
        "hashFile": row[
            "payload_hash"
        ],  # what the sender gave as hash-file: finds a package again
    }


# -- embedding and CLI -------------------------------------------------------


def make_app(db_path=None, admin_token=None, max_skew_seconds=300):
    """Build the WSGI application (db_path defaults to $LGSP_SIM_DB)."""
    return SimulatorApp(db_path, admin_token, max_skew_seconds)


def serve_in_thread(app, host="127.0.0.1", port=0):
    """Serve ``app`` in a daemon thread; return (server, base_url).

    Stop with ``server.shutdown()``.
    """
    server = make_server(host, port, app, threaded=True)
    thread = threading.Thread(
        target=server.serve_forever, daemon=True, name="lgsp-simulator"
    )
    thread.start()
    return server, f"http://{host}:{server.server_port}"


def new_admin_token():
    """A random admin token: there is no default one."""
    return secrets.token_urlsafe(32)


def write_token_file(path, token):
    """Write the admin token readable by its owner only."""
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(token + "\n")
    os.chmod(path, 0o600)


def main(argv=None):
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8099)
    parser.add_argument("--db", default=os.environ.get("LGSP_SIM_DB") or DEFAULT_DB)
    parser.add_argument(
        "--admin-token",
        default=os.environ.get("LGSP_SIM_ADMIN_TOKEN"),
        help="admin API token; by default a random one is generated at start",
    )
    parser.add_argument(
        "--admin-token-file",
        help="write the admin token there (mode 0600) for the scripts that need it",
    )
    parser.add_argument("--max-skew", type=int, default=300)
    parser.add_argument("--cert", help="TLS certificate (PEM) to serve HTTPS")
    parser.add_argument("--key", help="TLS private key (PEM)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO)
    token = args.admin_token or new_admin_token()
    if not args.admin_token:
        # The operator reads it on the console.
        print(  # pylint: disable=print-used
            f"LGSP simulator admin token (generated, shown once): {token}",
            flush=True,
        )
    if args.admin_token_file:
        write_token_file(args.admin_token_file, token)
    app = make_app(args.db, token, args.max_skew)
    ssl_context = (args.cert, args.key) if args.cert else None
    _logger.info(
        "LGSP simulator on %s:%s, db %s, admin token %s",
        args.host,
        args.port,
        args.db,
        "in " + args.admin_token_file if args.admin_token_file else "given",
    )
    run_simple(args.host, args.port, app, threaded=True, ssl_context=ssl_context)


if __name__ == "__main__":
    main()
