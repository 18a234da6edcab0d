# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The LGSP simulator end to end, through the connector's transport client.

The simulator runs in a thread on a free port with a temporary database; the cases
share it and run in order (each builds on the platform state the previous ones left),
as the §5.1 service set is used: systems, directory, send, receive, statuses, then
authentication, faults and refusals.
"""

import contextlib
import datetime
import json
import logging
import os
import re
import secrets
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import lgsp_protocol as proto
import pytest
import requests
import simulator
from lgsp_client import LgspClient, LgspError, TokenAuth
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
ADMIN = secrets.token_urlsafe(24)  # no fixed admin token
A_ID, A_SECRET, A_CODE = "hcm.q1.vp", "secret-A-0123456789", "000.01.41.H29"
P_ID, P_SECRET, P_CODE = (
    "hcm.platform",
    "secret-P-5555555555",
    "000.00.14.H29",
)  # platform operator
B_ID, B_SECRET, B_CODE = "hcm.q1.nv", "secret-B-9876543210", "000.02.41.H29"
UNKNOWN = "000.99.99.H29"


# -- packages ----------------------------------------------------------------


def _envelope(header_xml):
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<edXML xmlns="{NS}">'
        f'<edXML:edXMLEnvelope xmlns:edXML="{NS}"><edXML:edXMLHeader>'
        f"<edXML:MessageHeader>{header_xml}</edXML:MessageHeader></edXML:edXMLHeader>"
        "</edXML:edXMLEnvelope></edXML>"
    ).encode()


def _organ(tag, code):
    return f"<edXML:{tag}><edXML:OrganId>{code}</edXML:OrganId></edXML:{tag}>"


def edoc(from_code, to_codes, document_id, subject="V/v kiểm tra liên thông"):
    """A minimal edXML document package."""
    return _envelope(
        _organ("From", from_code)
        + "".join(_organ("To", c) for c in to_codes)
        + f"<edXML:DocumentId>{document_id}</edXML:DocumentId>"
        + "<edXML:Code><edXML:CodeNumber>12</edXML:CodeNumber>"
        "<edXML:CodeNotation>UBND-VP</edXML:CodeNotation></edXML:Code>"
        + f"<edXML:Subject>{subject}</edXML:Subject>"
    )


def status(from_code, to_code, document_id, code, description):
    """A minimal edXML status package answering ``document_id``."""
    return _envelope(
        _organ("From", from_code)
        + f"<edXML:ResponseFor><edXML:OrganId>{to_code}</edXML:OrganId>"
        "<edXML:Code>12/UBND-VP</edXML:Code><edXML:PromulgationDate>2025/03/05</edXML:PromulgationDate>"
        f"<edXML:DocumentId>{document_id}</edXML:DocumentId></edXML:ResponseFor>"
        + f"<edXML:StatusCode>{code}</edXML:StatusCode>"
        + f"<edXML:Description>{description}</edXML:Description>"
        + "<edXML:Timestamp>2025/03/05 10:00:00</edXML:Timestamp>"
    )


def status_code_of(package):
    match = re.search(rb"<edXML:StatusCode>(\d+)<", package)
    return match.group(1).decode() if match else None


# -- harness -----------------------------------------------------------------


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def expect_error(func, code, retryable, error_code=None):
    """Call func and check the LgspError it must raise."""
    try:
        func()
    except LgspError as exc:
        expect(
            exc.code == code,
            f"code {exc.code!r}, expected {code!r} ({exc})",
        )
        expect(
            exc.retryable is retryable,
            f"retryable {exc.retryable!r} for {exc}",
        )
        if error_code is not None:
            expect(exc.error_code == error_code, f"ErrorCode {exc.error_code!r}")
        return exc
    raise AssertionError("no LgspError raised")


class Sim:
    """The simulator under test plus its admin API."""

    def __init__(self, db_path):
        self.app = simulator.make_app(db_path, ADMIN)
        self.server, self.url = simulator.serve_in_thread(self.app)

    def admin(self, path, body=None, token=ADMIN):
        method = "GET" if body is None else "POST"
        response = requests.request(
            method,
            self.url + "/_sim/" + path,
            json=body,
            headers={"X-Sim-Admin": token},
            timeout=5,
        )
        return response

    def fault(self, **rule):
        response = self.admin("fault", rule)
        expect(response.json()["status"] == "OK", response.text)

    def client(self, system_id, secret, **kwargs):
        return LgspClient(self.url, system_id, secret, **kwargs)


# -- cases -------------------------------------------------------------------


class Scenario:
    """The end-to-end cases, sharing one simulator."""

    def __init__(self, sim):
        self.sim = sim
        self.a = sim.client(A_ID, A_SECRET, timeout=5)
        self.b = sim.client(B_ID, B_SECRET, timeout=5)
        self.document_id = f"{A_CODE},2025/03/05,12/UBND-VP"
        self.package = edoc(A_CODE, [B_CODE, UNKNOWN], self.document_id)
        self.sent_id = None
        self.b_doc_id = None

    def register_systems(self):
        for sid, secret, code in ((A_ID, A_SECRET, A_CODE), (B_ID, B_SECRET, B_CODE)):
            response = self.sim.admin(
                "system", {"system_id": sid, "secret": secret, "organ_code": code}
            )
            expect(response.json()["status"] == "OK", response.text)
        response = self.sim.admin(
            "system",
            {
                "system_id": P_ID,
                "secret": P_SECRET,
                "organ_code": P_CODE,
                "platform_admin": True,
            },
        )
        expect(response.json()["platform_admin"] is True, response.text)
        self.platform = self.sim.client(P_ID, P_SECRET, timeout=5)

    def agencies(self):
        rows = {r["code"]: r for r in self.a.agencies()}
        for code in ("000.00.00.H29", "000.00.14.H29", A_CODE, B_CODE):
            expect(code in rows, f"{code} missing from directory")
        expect(any(r["oldCode"] for r in rows.values()), "no agency with oldCode")
        expect(any(r["deleted"] for r in rows.values()), "no deleted agency")
        expect(rows[B_CODE]["pid"] == rows["000.00.41.H29"]["id"], "pid not linked")
        keys = {
            "id",
            "pid",
            "code",
            "code102",
            "name",
            "mail",
            "oldCode",
            "deleted",
            "modifyDate",
        }
        expect(keys <= set(rows[B_CODE]), "agency fields missing")

    def agency_register_delete(self):
        agency = {
            "code": "000.03.41.H29",
            "pcode": "000.00.41.H29",
            "name": "Phòng Tài chính - Kế hoạch Quận 1",
            "mail": "tckh.q1@example.invalid",
        }
        exc = expect_error(
            lambda: self.a.register_agency(agency), "auth", False, proto.ERR_FORBIDDEN
        )
        expect(exc.http_status == 403, exc.http_status)
        expect(
            "000.03.41.H29" not in {r["code"] for r in self.a.agencies()},
            "registered anyway",
        )
        self.platform.register_agency(agency)
        rows = {r["code"]: r for r in self.a.agencies()}
        row = rows["000.03.41.H29"]
        expect(row["pid"] == rows["000.00.41.H29"]["id"] and not row["deleted"], row)
        expect_error(
            lambda: self.b.delete_agency("000.03.41.H29"),
            "auth",
            False,
            proto.ERR_FORBIDDEN,
        )
        self.platform.delete_agency("000.03.41.H29")
        row = {r["code"]: r for r in self.a.agencies()}["000.03.41.H29"]
        expect(row["deleted"] and row["version"] == 2, row)
        expect_error(
            lambda: self.platform.delete_agency("000.03.41.H29"),
            "refused",
            False,
            proto.ERR_NOT_FOUND,
        )

    def a_sends(self):
        self.sent_id = self.a.send_edoc(self.package, "edoc", from_code=A_CODE)
        expect(len(self.sent_id) == 36, f"DocId {self.sent_id!r}")

    def b_receives(self):
        expect(self.b.count_received("edoc") == 1, "count != 1")
        rows = self.b.received_list("edoc")
        expect(len(rows) == 1, f"{len(rows)} rows")
        row = rows[0]
        expect(
            (row["from"], row["to"], row["messageType"], row["status"])
            == (A_CODE, B_CODE, "edoc", "initial"),
            row,
        )
        expect(row["created_time"] and row["docId"], row)
        self.b_doc_id = row["docId"]
        expect(self.b.get_edoc(self.b_doc_id) == self.package, "payload differs")
        self.b.update_status(self.b_doc_id, "done", "Đã lưu vào hệ thống")
        expect(self.b.received_list("edoc") == [], "done row still listed")

    def a_sent_after_ack(self):
        rows = {r["toCode"]: r for r in self.a.sent_list(self.sent_id)}
        good, bad = rows[B_CODE], rows[UNKNOWN]
        expect(good["sendStatus"] == "done" and good["ackStatus"] == "done", good)
        expect(good["receiveStatus"] == "done", good)
        expect(good["receiveStatusDesc"] == "Đã lưu vào hệ thống", good)
        expect(good["receiverDocId"] == self.b_doc_id and good["receivedTime"], good)
        expect(good["documentId"] == self.document_id, good)
        expect(bad["sendStatus"] == "fail" and "unknown" in bad["sendStatusDesc"], bad)

    def b_sends_statuses(self):
        for code, text in (("01", "Đã đến"), ("03", "Tiếp nhận")):
            package = status(B_CODE, A_CODE, self.document_id, code, text)
            self.b.send_edoc(package, "status", from_code=B_ID)  # routed by ResponseFor

    def a_receives_statuses(self):
        expect(self.a.count_received("status") == 2, "status count != 2")
        rows = self.a.received_list("status")
        codes = []
        for row in rows:
            expect(row["from"] == B_CODE and row["messageType"] == "status", row)
            codes.append(status_code_of(self.a.get_edoc(row["docId"])))
            self.a.update_status(row["docId"], "done")
        expect(codes == ["01", "03"], codes)
        expect(self.a.received_list("status") == [], "statuses still listed")

    def a_sent_after_status(self):
        row = [r for r in self.a.sent_list(self.sent_id) if r["toCode"] == B_CODE][0]
        expect(row["receiveStatus"] == "03", row)
        expect(
            row["receiveStatusDesc"] == "Tiếp nhận" and row["ackStatus"] == "done", row
        )

    def wrong_secret(self):
        client = self.sim.client(A_ID, "wrong-secret")
        exc = expect_error(client.received_list, "auth", False, proto.ERR_AUTH)
        expect(exc.http_status == 401, exc.http_status)
        expect_error(self.sim.client("nobody", "x").agencies, "auth", False)

    def skewed_timestamp(self):
        def late():
            return datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(
                minutes=10
            )

        client = self.sim.client(A_ID, A_SECRET, clock=late)
        exc = expect_error(client.received_list, "auth", False)
        expect("skew" in (exc.error_desc or ""), exc.error_desc)

    def replayed_request(self):
        captured = []
        session = requests.Session()
        session.hooks["response"].append(lambda r, *a, **k: captured.append(r.request))
        client = self.sim.client(B_ID, B_SECRET, session=session, timeout=5)
        client.agencies()
        client.agencies()
        nonces = {r.headers["XroadVnpt-nonce"] for r in captured}
        expect(len(nonces) == 2, "the client reused a nonce")
        replay = requests.Session().send(captured[0].copy(), timeout=5)
        expect(replay.status_code == 401 and "replay" in replay.text, replay.text)
        logical = {
            "systemid": B_ID,
            "timestamp": proto.timestamp_now(),
            "Content-Type": "application/json",
        }
        response = requests.post(
            self.sim.url + "/getAgenciesList",
            headers=proto.sign_headers(logical, B_SECRET),
            timeout=5,
        )
        expect(response.status_code == 401 and "nonce" in response.text, response.text)
        logical["nonce"] = "short"
        response = requests.post(
            self.sim.url + "/getAgenciesList",
            headers=proto.sign_headers(logical, B_SECRET),
            timeout=5,
        )
        expect(response.status_code == 401 and "nonce" in response.text, response.text)

    def tampered_header(self):
        logical = {
            "systemid": B_ID,
            "timestamp": proto.timestamp_now(),
            "Content-Type": "application/json",
            "docId": "aaa",
            "nonce": proto.new_nonce(),
        }
        wire = proto.sign_headers(logical, B_SECRET)
        wire["XroadVnpt-docId"] = "bbb"
        response = requests.post(self.sim.url + "/getEdoc", headers=wire, timeout=5)
        expect(response.status_code == 401, response.status_code)
        del wire["XroadVnpt-sign-header-key"]
        response = requests.post(self.sim.url + "/getEdoc", headers=wire, timeout=5)
        expect(
            response.status_code == 401 and "missing" in response.text, response.text
        )

    def fault_refuse(self):
        self.sim.fault(op="getReceivedEdocList", kind="refuse")
        expect_error(self.b.received_list, "refused", False, proto.ERR_REFUSED)
        self.b.received_list()

    def fault_error500(self):
        self.sim.fault(op="sendEdoc", kind="error500")
        package = edoc(A_CODE, [B_CODE], "fault-500")
        expect_error(
            lambda: self.a.send_edoc(package, from_code=A_CODE), "http_500", True
        )
        self.sim.fault(op="*", kind="error500", http_status=429)
        expect_error(self.a.agencies, "http_429", True)
        self.sim.fault(op="getAgenciesList", kind="error500", http_status=404)
        expect_error(self.a.agencies, "http_404", False)

    def fault_delay(self):
        self.sim.fault(op="getReceivedEdocList", kind="delay", seconds=1.0)
        slow = self.sim.client(B_ID, B_SECRET, timeout=0.3)
        expect_error(slow.received_list, "network", True)
        self.sim.fault(op="getReceivedEdocList", kind="delay", seconds=0.2)
        start = time.monotonic()
        self.b.received_list()
        expect(time.monotonic() - start >= 0.2, "no delay observed")

    def fault_drop(self):
        self.sim.fault(op="getAgenciesList", kind="drop")
        expect_error(self.a.agencies, "network", True)
        self.sim.fault(op="sendEdoc", kind="drop")
        package = edoc(A_CODE, [B_CODE], "fault-drop")
        expect_error(
            lambda: self.a.send_edoc(package, from_code=A_CODE), "network", True
        )
        expect(self.b.received_list() == [], "dropped send was delivered")
        self.sim.fault(op="sendEdoc", kind="drop", after=True)
        package = edoc(A_CODE, [B_CODE], "fault-drop-after")
        expect_error(
            lambda: self.a.send_edoc(package, from_code=A_CODE), "network", True
        )
        rows = self.b.received_list()
        expect(len(rows) == 1, "drop-after send not delivered")
        # The sender finds the package whose answer was lost by its DocumentId and
        # hash-file.
        found = self.a.sent_list(document_id="fault-drop-after", message_type="edoc")
        expect([r["hashFile"] for r in found] == [proto.file_hash(package)], found)
        expect(found[0]["receiverDocId"] == rows[0]["docId"], found)
        self.b.update_status(rows[0]["docId"], "done")
        # An acknowledgement whose answer was lost is given again: the same final status
        # is accepted.
        self.b.update_status(rows[0]["docId"], "done")
        expect_error(
            lambda: self.b.update_status(rows[0]["docId"], "fail"),
            "refused",
            False,
            proto.ERR_CONFLICT,
        )

    def fault_count(self):
        self.sim.fault(op="*", kind="error500", count=2)
        expect_error(self.a.agencies, "http_500", True)
        expect_error(self.b.received_list, "http_500", True)
        self.a.agencies()
        state = self.sim.admin("state").json()
        expect(state["faults"] == [], state["faults"])

    def duplicate_send(self):
        package = edoc(A_CODE, [B_CODE], "dup-send-1")
        self.sim.fault(op="sendEdoc", kind="duplicate")
        sent_id = self.a.send_edoc(package, from_code=A_CODE)
        rows = self.b.received_list()
        expect(len(rows) == 2 and rows[0]["docId"] != rows[1]["docId"], rows)
        payloads = [self.b.get_edoc(r["docId"]) for r in rows]
        expect(payloads[0] == payloads[1] == package, "copies differ")
        for row in rows:
            self.b.update_status(row["docId"], "done")
        tracking = self.a.sent_list(sent_id)
        expect(len(tracking) == 1 and tracking[0]["ackStatus"] == "done", tracking)

    def duplicate_list(self):
        self.a.send_edoc(edoc(A_CODE, [B_CODE], "dup-list-1"), from_code=A_CODE)
        self.sim.fault(op="getReceivedEdocList", kind="duplicate")
        rows = self.b.received_list()
        expect(len(rows) == 2 and rows[0]["docId"] == rows[1]["docId"], rows)
        rows = self.b.received_list()
        expect(len(rows) == 1, rows)
        self.b.update_status(rows[0]["docId"], "processing")
        expect(len(self.b.received_list()) == 1, "processing row not listed")
        self.b.update_status(rows[0]["docId"], "done")

    def refusals(self):
        expect_error(
            lambda: self.a.get_edoc(self.b_doc_id),
            "refused",
            False,
            proto.ERR_NOT_FOUND,
        )
        expect_error(
            lambda: self.b.update_status(self.b_doc_id, "processing"),
            "refused",
            False,
            proto.ERR_CONFLICT,
        )
        self.b.update_status(self.b_doc_id, "done")  # idempotent repeat
        expect_error(
            lambda: self.a.send_edoc(b"<not-xml", from_code=A_CODE),
            "refused",
            False,
            proto.ERR_BAD_REQUEST,
        )
        bomb = (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]>'
            b"<edXML><MessageHeader><To><OrganId>&e;</OrganId></To></MessageHeader></edXML>"
        )
        expect_error(lambda: self.a.send_edoc(bomb, from_code=A_CODE), "refused", False)
        expect_error(
            lambda: self.a.send_edoc(self.package, from_code=B_CODE), "refused", False
        )

    def old_code_routing(self):
        sent_id = self.a.send_edoc(
            edoc(A_CODE, ["00.02.H29"], "old-code-1"), from_code=A_ID
        )
        row = self.a.sent_list(sent_id)[0]
        expect(row["toCode"] == "000.00.02.H29" and row["sendStatus"] == "done", row)
        expect("old code" in row["sendStatusDesc"], row)

    def explicit_to_header(self):
        package = edoc(A_CODE, [UNKNOWN], "to-header-1")
        sent_id = self.a.send_edoc(package, from_code=A_CODE, to_codes=[B_CODE])
        expect(
            [r["toCode"] for r in self.a.sent_list(sent_id)] == [B_CODE], "to ignored"
        )
        rows = self.b.received_list()
        expect(len(rows) == 1, rows)
        self.b.update_status(rows[0]["docId"], "done")

    def concurrent_sends(self):
        def send(i):
            return self.a.send_edoc(
                edoc(A_CODE, [B_CODE], f"conc-{i}"), from_code=A_CODE
            )

        with ThreadPoolExecutor(8) as pool:
            ids = list(pool.map(send, range(16)))
        expect(len(set(ids)) == 16, "duplicate DocIds")
        rows = self.b.received_list()
        expect(len(rows) == 16, f"{len(rows)} rows")
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(lambda r: self.b.update_status(r["docId"], "done"), rows))
        expect(self.b.count_received() == 0, "rows left")

    def admin_guard(self):
        expect(
            self.sim.admin("state", token="wrong").status_code == 403, "bad token ok"
        )
        closed = simulator.make_app(self.sim.app.store.path, None)
        server, url = simulator.serve_in_thread(closed)
        try:
            response = requests.get(url + "/_sim/state", timeout=5)
            expect(response.status_code == 404, response.status_code)
        finally:
            server.shutdown()
        state = self.sim.admin("state").json()
        expect(state["counts"]["systems"] == 3 and state["counts"]["inbox"] > 0, state)


# -- TLS and token auth ------------------------------------------------------


def make_tls_files(directory):
    """A throw-away CA and a localhost server certificate; return paths."""
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = datetime.datetime.now(datetime.timezone.utc)

    def build(subject, issuer, key, signer, ca):
        builder = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(issuer)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.BasicConstraints(ca=ca, path_length=None), True)
        )
        if not ca:
            builder = builder.add_extension(
                x509.SubjectAlternativeName(
                    [
                        x509.DNSName("localhost"),
                        x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
                    ]
                ),
                False,
            )
        return builder.sign(signer, hashes.SHA256())

    ca_key, key = (
        ec.generate_private_key(ec.SECP256R1()),
        ec.generate_private_key(ec.SECP256R1()),
    )
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Check CA")])
    ca = build(ca_name, ca_name, ca_key, ca_key, True)
    cert = build(
        x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]),
        ca_name,
        key,
        ca_key,
        False,
    )
    paths = {n: os.path.join(directory, n + ".pem") for n in ("ca", "cert", "key")}
    pem = serialization.Encoding.PEM
    with open(paths["ca"], "wb") as handle:
        handle.write(ca.public_bytes(pem))
    with open(paths["cert"], "wb") as handle:
        handle.write(cert.public_bytes(pem))
    with open(paths["key"], "wb") as handle:
        handle.write(
            key.private_bytes(
                pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        )
    return paths


def tls_case(sim, directory):
    """HTTPS simulator: default verification refuses an unknown CA ("tls")."""
    paths = make_tls_files(directory)
    server = make_server(
        "127.0.0.1",
        0,
        sim.app,
        threaded=True,
        ssl_context=(paths["cert"], paths["key"]),
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"https://127.0.0.1:{server.server_port}"
    try:
        default = LgspClient(url, A_ID, A_SECRET, timeout=5)
        expect(default.verify is True, "verification not on by default")
        expect_error(default.agencies, "tls", False)
        pinned = LgspClient(url, A_ID, A_SECRET, verify=paths["ca"], timeout=5)
        expect(len(pinned.agencies()) > 3, "no agencies over TLS")
        expect_error(
            lambda: LgspClient(url, A_ID, A_SECRET, verify="/nonexistent/ca.pem"),
            "config",
            False,
        )
    finally:
        server.shutdown()


class TokenServer:
    """A tiny OAuth2 client_credentials endpoint counting token requests."""

    def __init__(self):
        self.issued = 0
        self.server = make_server("127.0.0.1", 0, self.app, threaded=True)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_port}/token"

    @Request.application
    def app(self, request):
        auth = request.authorization
        if (
            request.form.get("grant_type") != "client_credentials"
            or auth is None
            or (auth.username, auth.password) != ("cid", "csecret")
        ):
            return Response(
                '{"error": "invalid_client"}', 400, content_type="application/json"
            )
        self.issued += 1
        return Response(
            json.dumps(
                {
                    "access_token": f"tok-{self.issued}",
                    "token_type": "Bearer",
                    "expires_in": 3600,
                }
            ),
            content_type="application/json",
        )


def token_case(sim):
    """Bearer token fetched once, cached, sent next to the HMAC headers."""
    tokens = TokenServer()
    seen = []
    session = requests.Session()
    session.hooks["response"].append(
        lambda r, *a, **k: seen.append(r.request.headers.get("Authorization"))
    )
    try:
        auth = TokenAuth(tokens.url, "cid", "csecret")
        client = LgspClient(sim.url, A_ID, A_SECRET, session=session, token_auth=auth)
        client.agencies()
        client.received_list()
        expect(tokens.issued == 1, f"token fetched {tokens.issued} times")
        expect(seen == ["Bearer tok-1", "Bearer tok-1"], seen)
        bad = LgspClient(
            sim.url, A_ID, A_SECRET, token_auth=TokenAuth(tokens.url, "cid", "wrong")
        )
        expect_error(bad.agencies, "auth", False)
    finally:
        tokens.server.shutdown()


def generated_admin_token(directory):
    """Started from the command line without a token, the simulator makes one, prints it
    once and writes it (mode 0600) where the start script reads it; there is no default
    token."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    token_file = os.path.join(directory, "run", "admin-token")
    env = {k: v for k, v in os.environ.items() if k != "LGSP_SIM_ADMIN_TOKEN"}
    process = subprocess.Popen(
        [
            sys.executable,
            simulator.__file__,
            "--port",
            str(port),
            "--db",
            os.path.join(directory, "cli.sqlite3"),
            "--admin-token-file",
            token_file,
        ],
        cwd=directory,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    try:
        url = f"http://127.0.0.1:{port}/_sim/state"
        for _attempt in range(100):
            if os.path.exists(token_file) and os.path.getsize(token_file):
                with contextlib.suppress(requests.RequestException):
                    requests.get(url, timeout=1)
                    break
            time.sleep(0.1)
        token = open(token_file).read().strip()
        expect(len(token) >= 32, f"token {token!r}")
        expect(
            os.stat(token_file).st_mode & 0o077 == 0, "token file readable by others"
        )
        expect(
            requests.get(url, headers={"X-Sim-Admin": token}, timeout=5).status_code
            == 200,
            "the generated token does not open the admin API",
        )
        for guess in ("", "demo-admin", "test-admin-token", "admin"):
            expect(
                requests.get(url, headers={"X-Sim-Admin": guess}, timeout=5).status_code
                == 403,
                f"admin API open with {guess!r}",
            )
    finally:
        process.terminate()
        output = process.communicate(timeout=10)[0]
    expect(output.count(token) == 1, "the token is printed exactly once")


# -- fixtures ----------------------------------------------------------------


@pytest.fixture(scope="module")
def sim(tmp_path_factory):
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    running = Sim(str(tmp_path_factory.mktemp("lgsp-sim") / "sim.sqlite3"))
    yield running
    running.server.shutdown()


@pytest.fixture(scope="module")
def scenario(sim):
    return Scenario(sim)


# -- the cases, in order -----------------------------------------------------


def test_register_systems(scenario):
    """Register systems A and B (admin API)."""
    scenario.register_systems()


def test_agencies(scenario):
    """Agency directory (seed, oldCode, deleted, pid)."""
    scenario.agencies()


def test_agency_register_delete(scenario):
    """RegisterAgency / deleteAgency: platform admin only."""
    scenario.agency_register_delete()


def test_a_sends(scenario):
    """A sends an edoc to B and an unknown code."""
    scenario.a_sends()


def test_b_receives(scenario):
    """B counts, lists, fetches, marks done."""
    scenario.b_receives()


def test_a_sent_after_ack(scenario):
    """A's sent list after B's ack (per recipient)."""
    scenario.a_sent_after_ack()


def test_b_sends_statuses(scenario):
    """B sends status 01 then 03 (routed by ResponseFor)."""
    scenario.b_sends_statuses()


def test_a_receives_statuses(scenario):
    """A receives the statuses in order."""
    scenario.a_receives_statuses()


def test_a_sent_after_status(scenario):
    """A's sent list shows receiveStatus 03."""
    scenario.a_sent_after_status()


def test_wrong_secret(scenario):
    """Wrong secret / unknown system -> auth."""
    scenario.wrong_secret()


def test_skewed_timestamp(scenario):
    """Skewed timestamp -> auth (skew)."""
    scenario.skewed_timestamp()


def test_tampered_header(scenario):
    """Tampered or unsigned header -> 401."""
    scenario.tampered_header()


def test_replayed_request(scenario):
    """Replayed request, missing or bad nonce -> 401."""
    scenario.replayed_request()


def test_fault_refuse(scenario):
    """Fault refuse -> refused, not retryable."""
    scenario.fault_refuse()


def test_fault_error500(scenario):
    """Fault error500 / 429 / 404 -> http_<status>."""
    scenario.fault_error500()


def test_fault_delay(scenario):
    """Fault delay > timeout -> network, retryable."""
    scenario.fault_delay()


def test_fault_drop(scenario):
    """Fault drop (before/after processing) -> network."""
    scenario.fault_drop()


def test_fault_count(scenario):
    """Fault count and op '*' consumed in order."""
    scenario.fault_count()


def test_duplicate_send(scenario):
    """Duplicate delivery: same package twice."""
    scenario.duplicate_send()


def test_duplicate_list(scenario):
    """Duplicate listing: same docId twice."""
    scenario.duplicate_list()


def test_refusals(scenario):
    """Refusals: foreign doc, final status, bad XML, DTD."""
    scenario.refusals()


def test_old_code_routing(scenario):
    """Old agency code routed to the new code."""
    scenario.old_code_routing()


def test_explicit_to_header(scenario):
    """Explicit to header overrides To/OrganId."""
    scenario.explicit_to_header()


def test_concurrent_sends(scenario):
    """16 concurrent sends (threads, WAL)."""
    scenario.concurrent_sends()


def test_admin_guard(scenario):
    """Admin API guarded; state dump."""
    scenario.admin_guard()


def test_tls(sim, tmp_path):
    """TLS: verification on by default, CA bundle."""
    tls_case(sim, str(tmp_path))


def test_token_auth(sim):
    """Token auth: bearer cached, HMAC kept."""
    token_case(sim)


def test_generated_admin_token(tmp_path):
    """No default admin token: generated, printed once, 0600 file."""
    generated_admin_token(str(tmp_path))
