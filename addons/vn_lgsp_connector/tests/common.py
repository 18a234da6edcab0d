import os
import secrets
import socket
import sys
import tempfile
import threading

import requests

ROOT = os.path.dirname(
    os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
)
CODE_A, CODE_B = "000.01.41.H29", "000.02.41.H29"
# a third agency connected to the same platform (UBND Quận 1 in the seed)
CODE_C = "000.00.41.H29"
PLATFORM_ADMIN = ("platform-admin", "secret-platform-admin")


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Simulator:
    """The project's LGSP simulator (tools/lgsp_simulator), served from a thread for a test."""

    def __init__(self):
        if ROOT not in sys.path:
            sys.path.insert(0, ROOT)
        from werkzeug.serving import make_server

        from tools.lgsp_simulator.simulator import make_app

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
        """The platform operator's own system: the only one that changes the agency directory."""
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
