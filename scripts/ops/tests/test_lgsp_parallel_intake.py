# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Parallel LGSP intake survives a killed worker (issue 15): several worker
processes take the packages an agency's poll listed (``FOR UPDATE SKIP LOCKED``, one
transaction per package, acknowledged after its commit); one is SIGKILLed in the
middle of a package, another between its commit and its acknowledgement, while the
others run. After the next lane run every package is one line, done, acknowledged
here and on the platform, and one incoming document.

Run by scripts/run_tests.sh after Odoo's tests on a copy of their database
(VN_DRILL_DB, which has the suite installed); the copy is dropped at the end.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import time

import pytest

ROOT = os.path.dirname(
    os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
)
SOURCE_DB = os.environ.get("VN_DRILL_DB", "vn_edoc_test")
HELPER = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "lgsp_intake_worker.py"
)
PACKAGES = 16


def shell(script, *args, **kwargs):
    """``script`` in bash with the project's settings (scripts/lib.sh)."""
    return subprocess.run(
        ["bash", "-c", "source scripts/lib.sh && " + script, "sh", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        **kwargs,
    ).stdout


def helper(*args, **kwargs):
    """The helper in an Odoo process of its own (a Popen)."""
    script = (
        'PYTHONPATH=$(odoo_pythonpath) exec $VENV/bin/python "$0" -c odoo.conf'
        ' --addons-path "$(odoo_addons_path)" --log-level warn "$@"'
    )
    return subprocess.Popen(
        ["bash", "-c", "source scripts/lib.sh && " + script, HELPER, *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ, **kwargs),
    )


def result(process, timeout=300):
    out, err = process.communicate(timeout=timeout)
    assert process.returncode == 0, err[-3000:]
    return json.loads(out.strip().splitlines()[-1])


@pytest.fixture
def database():
    name = f"lgsp_kill_{os.getpid()}"
    shell('createdb -U "$PG_ROLE" -T "$1" "$2"', SOURCE_DB, name)
    yield name
    shell('dropdb -U "$PG_ROLE" --if-exists "$1"', name)


@pytest.fixture
def simulator(tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    token = "kill-test-" + os.urandom(8).hex()
    sim = os.path.join(ROOT, "addons", "vn_lgsp_connector", "simulator", "simulator.py")
    process = subprocess.Popen(
        [sys.executable, sim, "--port", str(port), "--db", str(tmp_path / "sim.db")]
        + ["--admin-token", token],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _try in range(100):
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.1)
    yield url, token
    process.terminate()
    process.wait(timeout=10)


def kill_when_stalled(process, marker, timeout=240):
    """Wait until the worker says it stalled, then SIGKILL it."""
    deadline = time.monotonic() + timeout
    while not os.path.exists(marker) or not open(marker).read():
        assert process.poll() is None, process.communicate()[1][-3000:]
        assert time.monotonic() < deadline, "the worker never reached its stall"
        time.sleep(0.05)
    assert int(open(marker).read()) > 0
    os.kill(int(open(marker).read()), signal.SIGKILL)  # the Odoo process itself
    process.wait(timeout=30)


def test_killed_workers_lose_and_duplicate_nothing(database, simulator, tmp_path):
    url, token = simulator
    setup = result(helper("setup", database, url, token, str(PACKAGES)))
    assert setup["listed"] == PACKAGES
    in_package, before_ack = tmp_path / "in-package", tmp_path / "before-ack"
    stalled = [
        helper("work", database, "stall-in-package", VN_STALL_MARKER=str(in_package)),
        helper("work", database, "stall-before-ack", VN_STALL_MARKER=str(before_ack)),
    ]
    others = [helper("work", database) for _i in range(2)]
    kill_when_stalled(stalled[0], str(in_package))
    kill_when_stalled(stalled[1], str(before_ack))
    received = sum(result(worker)["received"] for worker in others)
    # The next lane run (the scheduler's) takes what the killed workers held.
    state = result(helper("finish", database, url, str(setup["after"])))
    received += state.pop("received")
    assert state == {
        "lines": PACKAGES,
        "platform_ids": PACKAGES,
        "states": ["done"],
        "unacknowledged": 0,
        "documents": PACKAGES,
        "identifiers": PACKAGES,
        "platform_acks": ["done"],
        "platform_rows": PACKAGES,
    }
    # The package killed between commit and acknowledgement was acknowledged by
    # another worker's sweep: every other one by the worker that received it.
    assert received == PACKAGES - 1
