# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Records clerks and heads of the agency at work, over JSON-RPC as the web client
does (issue 15). Started by scripts/benchmarks/benchmark_load.sh, which prepares the
users, the signed PDF and VN_LOAD_SETTINGS (a JSON file: database, password, logins,
register book, PDF path).

- A clerk registers a received document as the form does (new form, upload of a small
  signed PDF, save: the file checks run, register button, form reloaded), searches the
  register without accents and opens a document.
- A head searches and opens documents, and looks at the register list.

Loopback only, and bounded: the run stops after VN_LOAD_MAX_REQUESTS requests (default
100,000) or locust's --run-time, whichever comes first.
"""

import itertools
import json
import os
import random
import re
import threading
from urllib.parse import urlparse

import gevent
from locust import HttpUser, between, events, task
from locust.exception import StopUser

SETTINGS = json.load(open(os.environ["VN_LOAD_SETTINGS"], encoding="utf-8"))
MAX_REQUESTS = int(os.environ.get("VN_LOAD_MAX_REQUESTS", "100000"))
# searches as a clerk types them: lower case, without accents
TERMS = [
    "quyet dinh",
    "ke hoach",
    "bao cao",
    "cong van",
    "giay moi",
    "thanh lap",
    "chuyen doi so",
    "thu tuc hanh chinh",
]
LIST_SPEC = {
    name: {}
    for name in (
        "arrival_number",
        "arrival_date",
        "code_notation",
        "issued_date",
        "subject",
        "deadline",
        "state",
        "is_urgent",
    )
}
LIST_SPEC["sender_id"] = {"fields": {"display_name": {}}}
LIST_SPEC["document_type_id"] = {"fields": {"display_name": {}}}
FORM_SPEC = dict(
    LIST_SPEC,
    legal_value={},
    register_book_id={"fields": {"display_name": {}}},
    file_ids={"fields": {"name": {}, "file_size": {}}},
    trail_ids={"fields": {"date": {}, "note": {}}},
)
NEW_SPEC = {
    "subject": {},
    "channel": {},
    "register_book_id": {"fields": {"display_name": {}}},
    "upload_ids": {"fields": {"name": {}}},
}
MODEL = "vn.document.incoming"
_requests = itertools.count(1)
_logins = {}
_lock = threading.Lock()
_runner = {}
_work = []
SESSION_REQUESTS = {"login", "/odoo (web client)", "session"}
# the sessions of earlier runs (session id and CSRF token per login)
SESSIONS_FILE = os.path.join(
    os.path.dirname(os.environ["VN_LOAD_SETTINGS"]), "sessions.json"
)


@events.test_start.add_listener
def loopback_only(environment, **_kwargs):
    host = urlparse(environment.host or "").hostname
    if host not in ("127.0.0.1", "localhost"):
        raise SystemExit(f"load tests run on this machine only, not on {host!r}")
    _runner["environment"] = environment


@events.request.add_listener
def bounded(name, response_time, exception, **_kwargs):
    """Stops the run after MAX_REQUESTS requests; keeps the time of each request of
    the work itself (not the logins) for the report."""
    if name not in SESSION_REQUESTS:
        _work.append((name, response_time, exception is not None))
    if next(_requests) == MAX_REQUESTS:
        gevent.spawn(_runner["environment"].runner.quit)


@events.test_stop.add_listener
def save_work(**_kwargs):
    if os.environ.get("VN_LOAD_TIMES"):
        with open(os.environ["VN_LOAD_TIMES"], "w", encoding="utf-8") as f:
            json.dump(_work, f)
    with open(SESSIONS_FILE, "w", encoding="utf-8") as f:
        json.dump(_sessions, f)


def _saved_sessions():
    if not os.path.exists(SESSIONS_FILE):
        return {}
    with open(SESSIONS_FILE, encoding="utf-8") as f:
        return json.load(f)


_sessions = _saved_sessions()


def next_login(role):
    """The next unused login of ``role``: every simulated user is a real account."""
    with _lock:
        index = _logins.setdefault(role, itertools.count())
        logins = SETTINGS[role]
        return logins[next(index) % len(logins)]


class SuiteUser(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    role = None

    def on_start(self):
        self.login = next_login(self.role)
        self.rpc_id = itertools.count(1)
        self.seen_ids = []
        if not self.resume_session():
            self.log_in()

    def resume_session(self):
        """The session this login opened in an earlier run, if it is still valid: a
        clerk logs in once a day, not once per load test (a login hashes the password
        600,000 times)."""
        saved = _sessions.get(self.login)
        if not saved:
            return False
        self.client.cookies.set("session_id", saved["sid"])
        response = self.client.post(
            "/web/session/get_session_info",
            json={"jsonrpc": "2.0", "method": "call", "id": 0, "params": {}},
            name="session",
        )
        if (response.json().get("result") or {}).get("uid"):
            self.csrf_token = saved["csrf_token"]
            return True
        self.client.cookies.clear()
        return False

    def log_in(self):
        answer = self.jsonrpc(
            "/web/session/authenticate",
            {
                "db": SETTINGS["db"],
                "login": self.login,
                "password": SETTINGS["password"],
            },
            name="login",
        )
        if not (answer or {}).get("uid"):
            raise StopUser()
        # the web client's page carries the CSRF token that uploads (type http) need
        page = self.client.get("/odoo", name="/odoo (web client)")
        match = re.search(r"csrf_token\W+([0-9a-f]{40}o\d+)", page.text)
        self.csrf_token = match.group(1) if match else ""
        _sessions[self.login] = {
            "sid": self.client.cookies.get("session_id"),
            "csrf_token": self.csrf_token,
        }

    def jsonrpc(self, path, params, name):
        """A JSON-RPC call; an HTTP error or an Odoo error is a failure."""
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": next(self.rpc_id),
            "params": params,
        }
        with self.client.post(
            path, json=payload, name=name, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
                return None
            body = response.json()
            if "error" in body:
                data = body["error"].get("data", {})
                response.failure(f"{data.get('name')}: {data.get('message')}")
                return None
            return body.get("result")

    def call(self, method, args, kwargs=None, button=False):
        route = "call_button" if button else "call_kw"
        return self.jsonrpc(
            f"/web/dataset/{route}/{MODEL}.{method}",
            {
                "model": MODEL,
                "method": method,
                "args": args,
                "kwargs": dict(kwargs or {}, context={"lang": "vi_VN"}),
            },
            name=method,
        )

    def search(self, term=None):
        domain = [("state", "!=", "recalled")]
        if term:
            domain += [
                "|",
                ("subject", "ilike", term),
                ("code_notation", "ilike", term),
            ]
        result = self.call(
            "web_search_read",
            [],
            {
                "domain": domain,
                "specification": LIST_SPEC,
                "limit": 80,
                "count_limit": 10001,
            },
        )
        if result and result["records"]:
            self.seen_ids = [record["id"] for record in result["records"]]

    def open_one(self):
        if self.seen_ids:
            self.call(
                "web_read",
                [[random.choice(self.seen_ids)]],
                {"specification": FORM_SPEC},
            )


class Clerk(SuiteUser):
    """A records clerk (văn thư)."""

    weight = 4
    role = "clerks"

    @task(2)
    def register_received_document(self):
        self.call("onchange", [[], {}, [], NEW_SPEC])
        with open(SETTINGS["pdf"], "rb") as pdf:
            upload = self.client.post(
                "/web/binary/upload_attachment",
                data={"model": MODEL, "id": "0", "csrf_token": self.csrf_token},
                files={"ufile": ("cong-van-den.pdf", pdf, "application/pdf")},
                name="upload",
            )
        match = re.search(r'"id": (\d+)', upload.text)
        if not match:
            return
        saved = self.call(
            "web_save",
            [
                [],
                {
                    "subject": f"Công văn đo tải {random.randint(1, 10**9)}",
                    "channel": "lgsp",
                    "register_book_id": SETTINGS["book_id"],
                    "upload_ids": [(4, int(match.group(1)))],
                },
            ],
            {"specification": NEW_SPEC},
        )
        if saved:
            doc_id = saved[0]["id"]
            self.call("action_register", [[doc_id]], button=True)
            self.call("web_read", [[doc_id]], {"specification": FORM_SPEC})

    @task(3)
    def search_register(self):
        self.search(random.choice(TERMS))

    @task(2)
    def open_document(self):
        self.open_one()


class Head(SuiteUser):
    """A head of the agency (lãnh đạo)."""

    weight = 1
    role = "heads"

    @task(2)
    def browse_register(self):
        self.search()

    @task(3)
    def search_register(self):
        self.search(random.choice(TERMS))

    @task(3)
    def open_document(self):
        self.open_one()
