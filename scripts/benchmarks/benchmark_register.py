#!/usr/bin/env python3
# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Concurrent registration on this machine (issue 10): CLERKS records clerks each
register PER_CLERK received documents in one register book at the same time, over
JSON-RPC, against an Odoo server started here with 4 workers. Prints p50/p95/max of the
register call, the number of errors, and checks that the book's numbers of the year are
exactly 1..N.

    scripts/benchmarks/benchmark_register.sh [DB] [CLERKS] [PER_CLERK]
"""

import os
import signal
import statistics
import subprocess
import sys
import threading
import time

import requests
from bench_common import machine, use_database

from odoo import api
from odoo.modules.registry import Registry

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PORT = int(os.environ.get("BENCH_PORT", "8879"))
PASSWORD = "Bench-Clerk-2026!"  # satisfies the password policy


def prepare(db, clerks, per_clerk):
    """Clerks and received paper documents in a new register book; committed."""
    registry = Registry(db)
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
        book = env["vn.register.book"].create(
            {"name": f"Sổ đến (đo tải {time.time():.0f})", "kind": "incoming"}
        )
        group = env.ref("vn_document_base.group_vn_document_clerk")
        users, work = [], {}
        for index in range(clerks):
            login = f"bench_clerk_{index:02d}"
            user = env["res.users"].with_context(active_test=False).search(
                [("login", "=", login)]
            ) or env["res.users"].create(
                {
                    "name": f"Văn thư đo tải {index:02d}",
                    "login": login,
                    "group_ids": [(6, 0, group.ids)],
                }
            )
            user.write({"active": True, "password": PASSWORD})
            docs = (
                env["vn.document.incoming"]
                .with_user(user)
                .create(
                    [
                        {
                            "subject": f"Đo tải {index:02d}-{n:03d}",
                            "channel": "paper",
                            "register_book_id": book.id,
                        }
                        for n in range(per_clerk)
                    ]
                )
            )
            users.append(login)
            work[login] = docs.ids
        return book.id, work


def start_server(db):
    cmd = [
        sys.executable,
        # a script file, not "-m odoo": in workers mode Odoo starts its gevent
        # process by running sys.argv[0] again (see scripts/odoo_bin.py)
        os.path.join(ROOT, "scripts", "odoo_bin.py"),
        "server",
        "-c",
        os.path.join(ROOT, "odoo.conf"),
        "--addons-path",
        os.environ["VN_ADDONS_PATH"],
        "-d",
        db,
        "--db-filter",
        f"^{db}$",
        "--http-port",
        str(PORT),
        "--gevent-port",
        str(PORT + 1),
        "--workers",
        "4",
        "--max-cron-threads",
        "0",
        "--log-level",
        "warn",
    ]
    server = subprocess.Popen(
        cmd,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    for _i in range(120):
        try:
            requests.get(f"http://127.0.0.1:{PORT}/web/health", timeout=1)
            return server
        except requests.RequestException:
            time.sleep(0.5)
    raise RuntimeError("the server did not start")


def clerk(db, login, doc_ids, barrier, timings, errors):
    session = requests.Session()
    url = f"http://127.0.0.1:{PORT}"
    auth = session.post(
        f"{url}/web/session/authenticate",
        json={
            "jsonrpc": "2.0",
            "params": {"db": db, "login": login, "password": PASSWORD},
        },
        timeout=60,
    ).json()
    if not auth.get("result", {}).get("uid"):
        errors.append(f"{login}: login refused")
        return
    barrier.wait(60)
    for doc_id in doc_ids:
        started = time.perf_counter()
        answer = session.post(
            f"{url}/web/dataset/call_kw/vn.document.incoming/action_register",
            json={
                "jsonrpc": "2.0",
                "params": {
                    "model": "vn.document.incoming",
                    "method": "action_register",
                    "args": [[doc_id]],
                    "kwargs": {},
                },
            },
            timeout=120,
        ).json()
        timings.append((time.perf_counter() - started) * 1000)
        if "error" in answer:
            errors.append(f"{login}: {answer['error'].get('data', {}).get('message')}")


def main(db, clerks, per_clerk):
    use_database(db)
    book_id, work = prepare(db, clerks, per_clerk)
    server = start_server(db)
    try:
        timings, errors = [], []
        barrier = threading.Barrier(clerks)
        threads = [
            threading.Thread(
                target=clerk, args=(db, login, ids, barrier, timings, errors)
            )
            for login, ids in work.items()
        ]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(600)
        elapsed = time.perf_counter() - started
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(60)
    registry = Registry(db)
    with registry.cursor() as cr:
        cr.execute(
            "SELECT number FROM vn_register_number WHERE book_id = %s ORDER BY number",
            [book_id],
        )
        numbers = [row[0] for row in cr.fetchall()]
    expected = list(range(1, clerks * per_clerk + 1))
    timings.sort()
    print(
        f"machine: {machine()}; server with 4 workers; {clerks} clerks x {per_clerk} "
        f"registrations"
    )
    print(
        f"register call: p50 {statistics.median(timings):.0f} ms, p95 "
        f"{timings[int(len(timings) * 0.95) - 1]:.0f} ms, max {timings[-1]:.0f} ms "
        f"({len(timings)} calls in {elapsed:.1f} s)"
    )
    print(f"errors: {len(errors)}" + (f" (first: {errors[0]})" if errors else ""))
    found = f"exactly 1..{len(expected)}" if numbers == expected else numbers
    print(f"numbers of the year in the book: {found}")
    return 0 if not errors and numbers == expected else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3])))
