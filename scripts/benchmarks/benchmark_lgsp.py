#!/usr/bin/env python3
# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Exchange through the LGSP simulator on this machine.

    scripts/benchmarks/benchmark_lgsp.sh [DB] [N]
        (a scratch database with the suite and its demo data)
    .run/venv/bin/python scripts/benchmarks/benchmark_lgsp.py DB N faults
        (part 3 only, any scratch database)

1. Throughput with 1, 2 and 4 worker processes (BENCH_LGSP_WORKERS, default
   "1,2,4"), BENCH_LGSP_ROUNDS rounds (default 2) interleaved: another agency puts N
   packages (default 200), each with a signed 1 MB PDF, on the simulator (a process
   of its own); the timed part lists them (the poll's step) and the workers, started
   and loaded beforehand, take them with SKIP LOCKED as the intake lanes do: fetch,
   check (type, clamd, pyHanko), store, acknowledge, each package in its own
   transaction, then register it as the clerk. Prints packages/s, the workers' and
   the simulator's CPU per package and the load; checks after each run that every
   package is one line, done and acknowledged here and on the platform, and one
   registered document with a number of its own. Median per worker count.
2. Latency: an outgoing document issued at A to another agency, from "queued" to the
   delivery line showing "received" (01), with every schedule shortened to "run now":
   A sends, the other agency fetches and answers 01, A fetches. Median of 5.
3. Exactly once under faults (R-LG4): A sends N/10 packages and receives N/10
   (answering each with status 01) while a seeded plan of HTTP 500s, connections
   dropped before and after the platform processed the call, delays and duplicate
   lists hits every call; prints the platform stores per package sent (1.00) and the
   inbox lines left unacknowledged (0).
The work is committed (the exchange commits as it goes): never point this at an
agency's database.
"""

import datetime
import os
import secrets
import statistics
import sys
import time

from bench_common import ROOT, machine, signed_image_pdf, use_database

from odoo import api
from odoo.modules.registry import Registry

CODE_B = "000.02.41.H29"
ROOT_NAME = "benchmark root"


def one_mb_signed_pdf():
    return signed_image_pdf(580)


def connect_simulator(env, url, token, code_a, name):
    """Register agency A (this database, ``code_a``) and agency B on the simulator at
    ``url``, and make a connection of A to it the only active one."""
    import requests

    for system, secret, code in (
        ("sys-a", "secret-a", code_a),
        ("sys-b", "secret-b", CODE_B),
    ):
        requests.post(
            f"{url}/_sim/system",
            json={
                "system_id": system,
                "secret": secret,
                "organ_code": code,
                "name": code,
            },
            headers={"X-Sim-Admin": token},
            timeout=10,
        )
    env["vn.lgsp.profile"].search([]).active = False
    env.flush_all()
    env["vn.lgsp.profile"].create(
        {"name": name, "endpoint": url, "system_id": "sys-a", "secret": "secret-a"}
    )


def start_simulator(token, path):
    """The simulator in a process of its own (its CPU is not the workers'); returns
    (process, url)."""
    import socket
    import subprocess

    import requests

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    sim = os.path.join(ROOT, "addons", "vn_lgsp_connector", "simulator", "simulator.py")
    process = subprocess.Popen(
        [sys.executable, sim, "--port", str(port), "--db", path]
        + ["--admin-token", token],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _try in range(100):
        try:
            requests.get(f"{url}/_sim/state", headers={"X-Sim-Admin": token}, timeout=2)
            return process, url
        except requests.ConnectionError:
            time.sleep(0.1)
    raise RuntimeError("the simulator did not start")


def package_for(code_a, stamp, index, pdf, day=22, label="Benchmark"):
    """B's package number ``index`` to A, dated 2026-11-``day``."""
    from odoo.addons.vn_lgsp_connector.tests.common import sample_package

    return sample_package(
        CODE_B, code_a, index + 1, day, f"{label} {stamp}-{index}", pdf, stamp
    )


def start_workers(db, count):
    """``count`` worker processes, each with its registry loaded, waiting for "go"."""
    import subprocess

    workers = [
        subprocess.Popen(
            [sys.executable, os.path.abspath(__file__), db, "0", "worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _i in range(count)
    ]
    for worker in workers:
        assert worker.stdout.readline().strip() == "ready"
    return workers


def run_workers(workers):
    """Start the waiting workers at once; returns their results."""
    import json

    for worker in workers:
        worker.stdin.write("go\n")
        worker.stdin.flush()
    results = [json.loads(worker.stdout.readline()) for worker in workers]
    for worker in workers:
        worker.wait(timeout=60)
    return results


def main(db, count):
    """Part 1 for 1, 2 and 4 worker processes (two rounds, interleaved), then parts
    2 and 3."""
    use_database(db)
    import base64

    import psutil
    from cryptography.hazmat.primitives import serialization

    from odoo.addons.vn_document_base.tests import pki
    from odoo.addons.vn_lgsp_connector.tools import edxml
    from odoo.addons.vn_lgsp_connector.tools.lgsp_client import LgspClient

    pdf = one_mb_signed_pdf()
    registry = Registry(db)
    rounds = int(os.environ.get("BENCH_LGSP_ROUNDS", 2))
    lanes = [int(w) for w in os.environ.get("BENCH_LGSP_WORKERS", "1,2,4").split(",")]
    figures = {lane: [] for lane in lanes}
    token = secrets.token_urlsafe(24)  # the simulator has no default admin token
    simulator, url = start_simulator(
        token, os.path.join("/tmp", f"bench-lgsp-{os.getpid()}.sqlite3")
    )
    sim_cpu = psutil.Process(simulator.pid)
    with registry.cursor() as cr:
        env = api.Environment(
            cr, api.SUPERUSER_ID, {"lang": "vi_VN", "tracking_disable": True}
        )
        code_a = env.company.vn_organ_code
        ca = pki.build_pki()  # the one signed_image_pdf used (cached in this process)
        # Each process makes a new test PKI: earlier runs' roots (and their CRLs) are
        # archived, or every signature would be checked against every past run's CRL.
        env["vn.trusted.root"].search([("name", "=", ROOT_NAME)]).active = False
        env["vn.trusted.root"].create(
            {
                "name": ROOT_NAME,
                "certificate": base64.b64encode(
                    ca["root"]["cert"].public_bytes(serialization.Encoding.PEM)
                ),
                "crl": base64.b64encode(
                    ca["crl"].public_bytes(serialization.Encoding.PEM)
                ),
            }
        )
        partner_b = env["res.partner"].search(
            [("vn_organ_code", "=", CODE_B)], limit=1
        ) or env["res.partner"].create(
            {"name": "Agency B", "is_company": True, "vn_organ_code": CODE_B}
        )
        exchange = env["vn.lgsp.exchange"]
        connect_simulator(env, url, token, code_a, f"bench {os.getpid()}")
        cr.commit()
        peer = LgspClient(url, "sys-b", "secret-b")
        for round_ in range(rounds):
            for lane in lanes:
                stamp = f"R{round_}W{lane}-{os.getpid()}"
                for index in range(count):
                    peer.send_edoc(
                        edxml.build_document(package_for(code_a, stamp, index, pdf)),
                        from_code=CODE_B,
                        to_codes=[code_a],
                    )
                workers = start_workers(db, lane)
                load = os.getloadavg()[0]
                sim_before = sum(sim_cpu.cpu_times()[:2])
                started = time.perf_counter()
                profile = env["vn.lgsp.profile"].search([], limit=1)
                listed = exchange._vn_list_inbox(
                    profile, "edoc", profile._client().received_list("edoc")
                )
                cr.commit()
                results = run_workers(workers)
                elapsed = time.perf_counter() - started
                sim_used = sum(sim_cpu.cpu_times()[:2]) - sim_before
                check_run(env, peer, stamp, count, listed, results)
                rate = count / elapsed
                figures[lane].append(rate)
                cpu = sum(r["cpu"] for r in results)
                print(
                    f"round {round_ + 1}, {lane} worker(s): {count} packages in "
                    f"{elapsed:.1f} s = {rate:.1f} packages/s; CPU per package: "
                    f"workers {cpu / count * 1000:.0f} ms, simulator "
                    f"{sim_used / count * 1000:.0f} ms; load {load:.2f}",
                    flush=True,
                )
        has_keys = env["vn.signing.key"].search_count([])
        latency = has_keys and measure_latency(env, exchange, peer, partner_b, edxml)
        stores, unacknowledged = measure_faults(
            env, exchange, peer, edxml, url, token, max(count // 10, 10), pdf
        )
    simulator.terminate()
    simulator.wait()
    print(f"Machine: {machine()}; load average now {os.getloadavg()}")
    print(
        f"Receive (list, fetch, check, store, acknowledge) and register {count} "
        "packages with a signed 1 MB PDF, median packages/s per worker processes:"
    )
    print("| workers | packages/s (median) | runs |")
    print("|---|---|---|")
    for lane in lanes:
        runs = ", ".join(f"{t:.1f}" for t in figures[lane])
        print(f"| {lane} | {statistics.median(figures[lane]):.1f} | {runs} |")
    if latency:
        print(
            "Issue at A -> 'received (01)' on A's delivery line, schedules run back "
            f"to back: median {statistics.median(latency) * 1000:.0f} ms over "
            f"{len(latency)}"
        )
    else:
        print("Latency: skipped, the database has no demo signing keys")
    print(
        f"Under the seeded fault plan: {stores:.2f} platform stores per package sent, "
        f"{unacknowledged} inbox lines left unacknowledged"
    )


def check_run(env, peer, stamp, count, listed, results):
    """Nothing lost, nothing twice: every package of the run is one line, done,
    acknowledged here and on the platform, and one registered document."""
    env.invalidate_all()
    assert listed == count, (listed, count)
    assert sum(r["received"] for r in results) == count, results
    lines = env["vn.lgsp.message"].search(
        [("direction", "=", "in"), ("subject", "=like", f"Benchmark {stamp}-%")]
    )
    assert len(lines) == count, len(lines)
    assert set(lines.mapped("state")) == {"done"}, set(lines.mapped("state"))
    assert all(lines.mapped("acknowledged"))
    docs = env["vn.document.incoming"].search(
        [("subject", "=like", f"Benchmark {stamp}-%")]
    )
    assert len(docs) == count == len(set(docs.mapped("document_identifier")))
    assert set(docs.mapped("state")) == {"registered"}, set(docs.mapped("state"))
    assert all(d.legal_value == "original" for d in docs[:5])
    numbers = docs.mapped("arrival_number")
    assert len(set(numbers)) == count, "one register number each"
    platform = [
        row
        for row in peer.sent_list(message_type="edoc")
        if stamp in (row.get("documentId") or "")
    ]
    assert len(platform) == count and {r["ackStatus"] for r in platform} == {"done"}


def worker(db):
    """One worker process: take packages with SKIP LOCKED until none is left, each
    received in its own transaction and acknowledged (the intake lane's steps), then
    registered by the clerk. Prints its count and CPU time as JSON."""
    import json

    use_database(db)
    registry = Registry(db)
    with registry.cursor() as cr:
        env = api.Environment(
            cr, api.SUPERUSER_ID, {"lang": "vi_VN", "tracking_disable": True}
        )
        exchange = env["vn.lgsp.exchange"]
        clerk = env.ref("vn_document_base.user_clerk_demo")
        book = env["vn.register.book"].search([("kind", "=", "incoming")], limit=1)
        exchange._vn_take_next()  # warm the caches before the clock starts
        cr.rollback()
        print("ready", flush=True)
        sys.stdin.readline()
        cpu = time.process_time()
        received = intake_and_register(env, exchange, clerk, book)
        cpu = time.process_time() - cpu
    print(json.dumps({"received": received, "cpu": cpu}), flush=True)


def intake_and_register(env, exchange, clerk, book):
    clients, tried, received = {}, set(), 0
    for _step in range(100000):
        message = exchange._vn_take_next(tried)
        if message is None:
            env.cr.commit()
            continue
        if not message:
            break
        client = exchange._vn_client_for(clients, message.company_id)
        done = exchange._vn_intake_one(message, client)
        env.cr.commit()
        if done is None:
            continue
        tried.add(message.id)
        received += done
        doc = message.incoming_id.with_user(clerk)
        if doc.state == "received":
            doc.write({"register_book_id": book.id})
            doc.action_register()
            env.cr.commit()
    return received


def measure_faults(env, exchange, peer, edxml, url, token, count, pdf, seed=10):
    """Send and receive ``count`` packages each way under a seeded fault plan; return
    (platform stores per package sent, inbox lines processed but not acknowledged)."""
    import random

    import requests

    from odoo.addons.vn_lgsp_connector.tests.common import sample_package
    from odoo.addons.vn_lgsp_connector.tools.lgsp_client import LgspClient

    rng = random.Random(seed)
    code_a = env.company.vn_organ_code
    plan = [
        {"kind": "error500"},
        {"kind": "drop"},
        {"kind": "drop", "after": True},
        {"kind": "delay", "seconds": 0.05},
    ]
    rules = []
    for op in ("sendEdoc", "updateStatus", "getEdoc", "getReceivedEdocList"):
        for _call in range(
            4 * count
        ):  # one in three calls of each kind fails, the others pass (delay 0)
            rules.append(
                dict(
                    rng.choice(plan)
                    if rng.random() < 1 / 3
                    else {"kind": "delay", "seconds": 0},
                    op=op,
                )
            )
    rules.append({"op": "getReceivedEdocList", "kind": "duplicate", "count": 3})
    stamp = f"F{os.getpid()}"
    for index in range(count):  # B's packages to A, before the faults
        package = package_for(code_a, stamp, index, pdf, 23, "Faults")
        peer.send_edoc(
            edxml.build_document(package), from_code=CODE_B, to_codes=[code_a]
        )
    Message = env["vn.lgsp.message"]
    first_id = Message.search([], order="id desc", limit=1).id
    for index in range(count):  # A's packages to B
        package = sample_package(
            code_a, CODE_B, index + 1, 23, f"Faults out {stamp}-{index}", b"%PDF-1.4"
        )
        document_id = package.document_id
        Message._vn_enqueue(
            {
                "company_id": env.company.id,
                "message_type": "edoc",
                "from_code": code_a,
                "to_codes": CODE_B,
                "edxml_document_id": document_id,
                "subject": package.subject,
            },
            edxml.build_document(package),
        )
    env["vn.lgsp.profile"].search([]).write({"max_attempts": 50, "backoff_seconds": 1})
    env.cr.commit()
    requests.post(
        f"{url}/_sim/fault",
        json={"rules": rules},
        headers={"X-Sim-Admin": token},
        timeout=10,
    )
    for _round in range(60):
        env.cr.execute(
            "UPDATE vn_lgsp_message SET next_attempt_at = now() at time zone 'UTC' - "
            "interval '1 s' WHERE state = 'queued'"
        )
        env.invalidate_all()
        exchange._cron_send_outbox()
        exchange._cron_poll()
        env.cr.commit()
        env.invalidate_all()
        pending = Message.search_count(
            [("id", ">", first_id), ("state", "in", ("queued", "listed", "fetched"))]
        ) + Message.search_count(
            [
                ("id", ">", first_id),
                ("direction", "=", "in"),
                ("state", "in", ("done", "refused")),
                ("acknowledged", "=", False),
            ]
        )
        if not pending:
            break
    requests.post(
        f"{url}/_sim/fault",
        json={"clear": True},
        headers={"X-Sim-Admin": token},
        timeout=10,
    )
    ours = Message.search([("direction", "=", "out"), ("id", ">", first_id)])
    rows = LgspClient(url, "sys-a", "secret-a").sent_list()
    stored = {}
    for row in rows:
        stored.setdefault(row["hashFile"], set()).add(row["docId"])
    hashes = set(ours.filtered(lambda m: m.state == "sent").mapped("payload_sha256"))
    assert len(hashes) == len(ours), "every package sent"
    # Only this run's lines: a line of an earlier run whose simulator is gone can
    # never be acknowledged (the new simulator does not know it).
    unacknowledged = Message.search_count(
        [
            ("id", ">", first_id),
            ("direction", "=", "in"),
            ("state", "in", ("done", "refused")),
            ("acknowledged", "=", False),
            ("platform_doc_id", "!=", False),
        ]
    )
    return sum(len(stored.get(h, ())) for h in hashes) / len(hashes), unacknowledged


def measure_latency(env, exchange, peer, partner_b, edxml):
    """From an issued document's queued delivery line to "received" there."""
    ref = env.ref
    staff, head = (
        ref("vn_document_base.user_staff_demo"),
        ref("vn_document_base.user_department_head_demo"),
    )
    clerk, signer = (
        ref("vn_document_base.user_clerk_demo"),
        ref("vn_document_base.user_agency_head_demo"),
    )
    keys = env["vn.signing.key"].search([])
    signer_key = keys.filtered(lambda k: k.user_id == signer and k.usage == "personal")[
        :1
    ]
    agency_key = keys.filtered(lambda k: k.user_id == clerk and k.kind == "pkcs12")[:1]
    from odoo.addons.vn_document_outbound.tools import demo_images

    samples = []
    for index in range(5):
        doc = (
            env["vn.document.outgoing"]
            .with_user(staff)
            .create(
                {
                    "subject": f"Latency {index}",
                    "document_type_id": ref(
                        "vn_document_base.vn_document_type_thong_bao"
                    ).id,
                    "drafting_department_id": ref(
                        "vn_document_base.hr_department_kt_demo"
                    ).id,
                    "signer_id": signer.id,
                    "delivery_ids": [
                        (0, 0, {"kind": "external", "partner_id": partner_b.id})
                    ],
                }
            )
        )
        doc.with_user(staff)._vn_add_version(
            "tb.pdf", demo_images.demo_pdf("Thông báo", 1), "final"
        )
        doc.with_user(staff).action_send_to_head()
        doc.with_user(head).action_approve_content()
        doc.with_user(clerk).action_approve_format()
        doc.with_user(signer)._vn_sign(signer_key, "1234")
        doc.with_user(clerk)._vn_issue(agency_key, "1234")
        env.cr.commit()
        while (
            exchange._cron_send_outbox()
        ):  # the statuses left from the throughput run go first
            pass
        started = time.perf_counter()
        exchange._cron_send_outbox()
        for item in peer.received_list(
            "edoc"
        ):  # the other agency: fetch, store, answer 01
            package = edxml.parse(peer.get_edoc(item["docId"]))
            peer.update_status(item["docId"], "done")
            status = edxml.StatusPackage(
                from_org=edxml.Organization(organ_id=CODE_B),
                status_code="01",
                description="Đã đến",
                response_for={
                    "organ_id": package.from_org.organ_id,
                    "code": "",
                    "document_id": package.document_id,
                    "promulgation_date": package.promulgation_date,
                },
                timestamp=datetime.datetime.now(),
                staff={},
            )
            peer.send_edoc(
                edxml.build_status(status),
                message_type="status",
                from_code=CODE_B,
                to_codes=[package.from_org.organ_id],
            )
        exchange._cron_poll()
        assert doc.delivery_ids.state == "received", doc.delivery_ids.state
        samples.append(time.perf_counter() - started)
    return samples


def main_faults(db, count):
    """Only part 3, on any scratch database with the suite (no demo data needed)."""
    use_database(db)

    from odoo.addons.vn_lgsp_connector.simulator.simulator import (
        make_app,
        serve_in_thread,
    )
    from odoo.addons.vn_lgsp_connector.tools import edxml
    from odoo.addons.vn_lgsp_connector.tools.lgsp_client import LgspClient

    token = secrets.token_urlsafe(24)
    server, url = serve_in_thread(
        make_app(
            os.path.join("/tmp", f"bench-lgsp-faults-{os.getpid()}.sqlite3"), token
        )
    )
    with Registry(db).cursor() as cr:
        env = api.Environment(
            cr, api.SUPERUSER_ID, {"lang": "vi_VN", "tracking_disable": True}
        )
        code_a = env.company.vn_organ_code or "000.01.41.H29"
        env.company.vn_organ_code = code_a
        connect_simulator(env, url, token, code_a, "bench faults")
        if not env["vn.register.book"].search([("kind", "=", "incoming")]):
            env["vn.register.book"].create(
                {"name": "Sổ đến (benchmark)", "kind": "incoming"}
            )
        cr.commit()
        stores, unacknowledged = measure_faults(
            env,
            env["vn.lgsp.exchange"],
            LgspClient(url, "sys-b", "secret-b"),
            edxml,
            url,
            token,
            count,
            signed_image_pdf(20),
        )
    server.shutdown()
    print(
        f"Under the seeded fault plan ({count} packages each way): {stores:.2f} "
        f"platform stores per package sent, {unacknowledged} inbox lines left"
        " unacknowledged"
    )


if __name__ == "__main__" and sys.argv[3:4] == ["worker"]:
    sys.exit(worker(sys.argv[1]))
elif __name__ == "__main__" and sys.argv[3:4] == ["faults"]:
    sys.exit(main_faults(sys.argv[1], int(sys.argv[2])))
elif __name__ == "__main__":
    sys.exit(
        main(
            sys.argv[1] if len(sys.argv) > 1 else "vn_edoc_bench_lgsp",
            int(sys.argv[2]) if len(sys.argv) > 2 else 200,
        )
    )
