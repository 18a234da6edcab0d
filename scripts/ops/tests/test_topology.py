# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The multi-node topology (issue 15) on a scratch copy of the test database: two Odoo
nodes behind HAProxy serve one session without sticky sessions, the streaming replica
serves a read-only request, and a scheduled job triggered many times while both nodes
run their cron process runs exactly once per trigger. Everything is stopped and the
copy dropped at the end.

Run by scripts/run_tests.sh after Odoo's tests (VN_DRILL_DB is their database; the
suite is installed there, the administrator's password is ``admin``).
"""

import os
import re
import subprocess
import time
import uuid

import pytest
import requests

ROOT = os.path.dirname(
    os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
)
SOURCE_DB = os.environ.get("VN_DRILL_DB", "vn_edoc_test")
PORT = int(os.environ.get("TOPOLOGY_PORT", "8550"))
REPLICA_PORT = int(os.environ.get("REPLICA_PORT", "5433"))
PROXY = f"http://127.0.0.1:{PORT}"
TRIGGERS = 12
# two HTTP workers per node are enough to check the topology (docker/odoo-node.env: 4)
os.environ.setdefault("TOPOLOGY_WORKERS", "2")


def sh(script, *args, check=True, timeout=600):
    """``script`` in bash after scripts/lib.sh (the project's connection settings)."""
    result = subprocess.run(
        ["bash", "-c", f"source scripts/lib.sh && {script}", "sh", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
    )
    print(result.stdout[-3000:], result.stderr[-3000:])
    if check:
        assert result.returncode == 0, result.stderr[-3000:]
    return result


def sql(db, query, port=None):
    """``query`` on ``db`` as the suite's role (on the replica: ``port``)."""
    port_option = f"-p {port}" if port else ""
    return sh(
        f'psql -U "$PG_ROLE" {port_option} -d "$1" -Atc "$2"', db, query
    ).stdout.strip()


def topology(*args):
    return sh('bash scripts/ops/topology.sh "$@"', *args)


@pytest.fixture(scope="module")
def db():
    """A scratch copy of the test database, served by two nodes; stopped and dropped
    at the end."""
    name = f"vn_topology_{uuid.uuid4().hex[:8]}"
    sh('createdb -U "$PG_ROLE" -T "$1" "$2"', SOURCE_DB, name)
    try:
        topology("start", "--db", name, "2")
        yield name
    finally:
        topology("stop")
        sh('dropdb -U "$PG_ROLE" --if-exists "$1"', name, check=False)


@pytest.fixture(scope="module")
def session(db):
    """The administrator's session, opened through the proxy."""
    client = requests.Session()
    answer = client.post(
        f"{PROXY}/web/session/authenticate",
        json={"params": {"db": db, "login": "admin", "password": "admin"}},
        timeout=120,
    ).json()
    assert answer.get("result", {}).get("uid"), answer
    return client


def call(session, model, method, *args, **kwargs):
    response = session.post(
        f"{PROXY}/web/dataset/call_kw/{model}.{method}",
        json={
            "params": {"model": model, "method": method, "args": args, "kwargs": kwargs}
        },
        timeout=120,
    )
    body = response.json()
    assert "error" not in body, body["error"]
    return response.headers.get("X-VN-Node"), body["result"]


def test_both_nodes_serve_one_session_through_the_proxy(session):
    """No sticky sessions: the session opened on one node is valid on the other,
    because both read the sessions in the data_dir they share."""
    nodes = set()
    for _i in range(20):
        node, result = call(session, "res.users", "search_read", [], ["login"], limit=1)
        assert result
        nodes.add(node)
    assert nodes == {"node1", "node2"}


def scans(db, table, port=None):
    return int(
        sql(
            db,
            "SELECT coalesce(seq_scan, 0) + coalesce(idx_scan, 0) FROM "
            f"pg_stat_user_tables WHERE relname = '{table}'",
            port,
        )
    )


def test_the_replica_serves_a_read_only_request(db, session):
    """web_search_read is a read-only route in Odoo 19 (@api.readonly): it runs on the
    replica, whose statistics count the scan of the table; the primary's do not."""
    assert sql(db, "SELECT pg_is_in_recovery()", REPLICA_PORT) == "t"
    before_replica = scans(db, "vn_register_book", REPLICA_PORT)
    before_primary = scans(db, "vn_register_book")
    spec = {"name": {}, "kind": {}}
    for _i in range(5):
        call(session, "vn.register.book", "web_search_read", [], spec)
    for _i in range(40):  # statistics reach the shared view within seconds
        if scans(db, "vn_register_book", REPLICA_PORT) >= before_replica + 5:
            break
        time.sleep(0.5)
    assert scans(db, "vn_register_book", REPLICA_PORT) >= before_replica + 5
    assert scans(db, "vn_register_book") == before_primary
    connected = sql(
        db,
        "SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'vn-node%'",
        REPLICA_PORT,
    )
    assert int(connected) >= 1


def test_a_scheduled_job_runs_once_per_trigger(db, session):
    """Both nodes run a cron process that wakes up on every trigger (NOTIFY); the job
    is locked FOR NO KEY UPDATE SKIP LOCKED, so each trigger makes exactly one run."""
    _node, [model] = call(
        session, "ir.model", "search_read", [("model", "=", "res.partner")], ["id"]
    )
    marker = f"topology probe {uuid.uuid4().hex[:8]}"
    _node, cron_id = call(
        session,
        "ir.cron",
        "create",
        {
            "name": marker,
            "model_id": model["id"],
            "state": "code",
            "code": f"log({marker!r})",
            "interval_number": 1,
            "interval_type": "days",
            "nextcall": "2099-01-01 00:00:00",
        },
    )
    runs = f"SELECT count(*) FROM ir_logging WHERE message = '{marker}'"
    for index in range(TRIGGERS):
        # whole seconds, as ir.cron._trigger writes them: a run removes the triggers
        # due at its start, truncated to the second
        sql(
            db,
            "INSERT INTO ir_cron_trigger (cron_id, call_at) VALUES "
            f"({cron_id}, date_trunc('second', now() AT TIME ZONE 'UTC'))",
        )
        # as ir.cron._trigger does: cron processes listen in the database "postgres"
        sql("postgres", f"NOTIFY cron_trigger, '{db}'")
        for _i in range(240):
            if int(sql(db, runs)) > index:
                break
            time.sleep(0.25)
        time.sleep(0.5)  # a second run, if any, would start now
    time.sleep(2)
    assert int(sql(db, runs)) == TRIGGERS
    started = {}
    for node in (1, 2):
        with open(
            os.path.join(ROOT, ".run", "topology", f"node{node}.log"), encoding="utf-8"
        ) as f:
            started[node] = len(
                re.findall(f"Job '{marker}' \\(\\d+\\) starting", f.read())
            )
    print(f"runs per node: {started}")
    assert sum(started.values()) == TRIGGERS
