# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
import os
import secrets
import socket
import sys
import tempfile
import threading
from unittest.mock import patch

import requests

import odoo
from odoo.tools import config

from ..tools import edxml

CODE_A, CODE_B = "000.01.41.H29", "000.02.41.H29"
# a third agency connected to the same platform (UBND Quận 1 in the seed)
CODE_C = "000.00.41.H29"
PLATFORM_ADMIN = ("platform-admin", "secret-platform-admin")


def sample_package(from_code, to_code, number, day, subject, pdf, symbol="UBND-VP"):
    """A "Công văn" package number ``number`` from ``from_code`` to ``to_code``, dated
    2026-11-``day`` (or ``day`` when it is a date), with ``pdf`` as its one file."""
    date = day if isinstance(day, datetime.date) else datetime.date(2026, 11, day)
    return edxml.DocumentPackage(
        from_org=edxml.Organization(organ_id=from_code, name=f"Agency {from_code}"),
        to_orgs=[edxml.Organization(organ_id=to_code)],
        document_id=f"{from_code},{date:%Y/%m/%d},{number}/{symbol}",
        code_number=str(number),
        code_notation=symbol,
        place="B",
        promulgation_date=date,
        type=1,
        type_detail=18,
        type_name="Công văn",
        subject=subject,
        trace=[(from_code, datetime.datetime.combine(date, datetime.time(9)))],
        business=edxml.Business(),
        attachments=[edxml.Attachment("1", "cv.pdf", "application/pdf", "", pdf)],
    )


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Simulator:
    """The connector's LGSP simulator (../simulator), served from a thread."""

    def __init__(self):
        from werkzeug.serving import make_server

        from ..simulator.simulator import make_app

        self.tmp = tempfile.TemporaryDirectory(prefix="lgsp-sim-")
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.token = secrets.token_urlsafe(
            24
        )  # no fixed admin token, not even in tests
        self.server = make_server(
            "127.0.0.1",
            self.port,
            make_app(os.path.join(self.tmp.name, "sim.sqlite3"), self.token),
            threaded=True,
        )
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def admin(self, path, payload=None):
        response = requests.post(
            f"{self.url}/_sim/{path}",
            json=payload or {},
            headers={"X-Sim-Admin": self.token},
            timeout=10,
        )
        response.raise_for_status()
        return response.json()

    def state(self):
        return requests.get(
            f"{self.url}/_sim/state", headers={"X-Sim-Admin": self.token}, timeout=10
        ).json()

    def add_system(self, system_id, secret, code, name, platform_admin=False):
        return self.admin(
            "system",
            {
                "system_id": system_id,
                "secret": secret,
                "organ_code": code,
                "name": name,
                "platform_admin": platform_admin,
            },
        )

    def add_platform_admin(self):
        """The platform operator's own system: the only one that changes the agency
        directory."""
        self.add_system(
            *PLATFORM_ADMIN,
            "000.00.14.H29",
            "Sở Thông tin và Truyền thông",
            platform_admin=True,
        )

    def fault(self, op, kind, count=1, **extra):
        return self.admin(
            "fault", dict({"op": op, "kind": kind, "count": count}, **extra)
        )

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
        self.tmp.cleanup()


def flush_progress(case):
    """Inside a test, the scheduled jobs' commits (``ir.cron._commit_progress``) only
    flush: the test's transaction stays open and is rolled back at its end."""

    def flush(self, processed=0, *, remaining=None, deactivate=False):
        self.env.flush_all()
        return float("inf")

    case.startClassPatcher(
        patch.object(type(case.env["ir.cron"]), "_commit_progress", flush)
    )


def odoo_process(program, *args):
    """The command line and environment of another Odoo process like this one: the same
    Python, Odoo package, configuration file, addons path, data directory and database
    server. The password goes through the environment, never the command line."""
    options = [
        "--addons-path",
        ",".join(config["addons_path"]),
        "--data-dir",
        config["data_dir"],
    ]
    if config.get("config") and os.path.isfile(config["config"]):
        options = ["-c", config["config"], *options]
    for name in ("db_host", "db_port", "db_user", "db_sslmode"):
        if config.get(name):
            options += [f"--{name}", str(config[name])]
    odoo_path = os.path.dirname(os.path.abspath(list(odoo.__path__)[0]))
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (odoo_path, env.get("PYTHONPATH")) if p
    )
    if config.get("db_password"):
        env["PGPASSWORD"] = config["db_password"]
    return [sys.executable, *program, *options, *args], env
