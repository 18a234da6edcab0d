#!/usr/bin/env python3
# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The hash-chained register (issue 17) on this machine.

1. Cost per registration: REGISTRATIONS paper incoming documents registered by
   ``action_register`` (one transaction each, committed), alternately with the chain and
   with the chain's append switched off; the median of each, their difference, and the
   median of the append itself timed inside the real registrations.
2. Verification: ENTRIES registered incoming documents inserted in SQL
   (generate_incoming.py), then chained with the real serialisation and hashing
   (payloads from the ORM's ``_vn_chain_fields``, bulk COPY); the time of Odoo's
   ``_vn_verify`` over the agency's whole chain (hashes, links, sequence and every
   document's register row), of the JSON lines export, and of the offline script.

    scripts/benchmarks/benchmark_chain.sh [DB] [REGISTRATIONS] [ENTRIES]
"""

import csv
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from unittest.mock import patch

import generate_incoming
from bench_common import machine, use_database

from odoo import api, fields
from odoo.modules.registry import Registry

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TOOL = os.path.join(ROOT, "addons", "vn_document_base", "tools", "register_chain.py")
BATCH = 5000


def uptime():
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def registration_cost(registry, runs):
    """Median ms of a registration with and without the chain, and of the append."""
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
        book = env["vn.register.book"].create(
            {"name": f"Sổ đến (đo chuỗi {time.time():.0f})", "kind": "incoming"}
        )
        ids = (
            env["vn.document.incoming"]
            .create(
                [
                    {
                        "subject": f"Đo chuỗi băm {n:03d}",
                        "channel": "paper",
                        "register_book_id": book.id,
                    }
                    for n in range(2 * runs + 2)
                ]
            )
            .ids
        )
    Chain = registry["vn.register.chain"]
    Incoming = registry["vn.document.incoming"]
    real_append = Chain._vn_append
    appends, timings = [], {True: [], False: []}

    def timed_append(self, *args, **kwargs):
        started = time.perf_counter()
        try:
            return real_append(self, *args, **kwargs)
        finally:
            appends.append((time.perf_counter() - started) * 1000)

    for index, doc_id in enumerate(ids):
        chained = index % 2 == 0
        with registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
            doc = env["vn.document.incoming"].browse(doc_id)
            doc.state  # noqa: B018  (loaded before the clock starts)
            with (
                patch.object(Chain, "_vn_append", timed_append),
                patch.object(
                    Incoming,
                    "_vn_chain_append",
                    Incoming._vn_chain_append if chained else lambda self: None,
                ),
            ):
                started = time.perf_counter()
                doc.action_register()
                cr.commit()
                elapsed = (time.perf_counter() - started) * 1000
        if index >= 2:  # the first of each kind warms the caches
            timings[chained].append(elapsed)
    return {
        "with": statistics.median(timings[True]),
        "without": statistics.median(timings[False]),
        "append": statistics.median(appends[1:]),
        "append_p95": statistics.quantiles(appends[1:], n=20)[-1],
        "runs": len(timings[True]),
    }


def chain_generated(registry, db, count):
    """Insert ``count`` registered documents and chain them; seconds taken."""
    from odoo.addons.vn_document_base.tools import register_chain as chain_tool

    generate_incoming.main(db, count)
    started = time.perf_counter()
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        Chain = env["vn.register.chain"]
        company = env.company
        cr.execute(
            "SELECT id FROM vn_document_incoming WHERE arrival_number IS NOT NULL "
            "AND id NOT IN (SELECT res_id FROM vn_register_chain "
            "WHERE res_model = 'vn.document.incoming') ORDER BY id"
        )
        ids = [row[0] for row in cr.fetchall()]
        seq, prev = Chain._vn_head_row(company, cr)
        user = env.user
        now = fields.Datetime.now()
        for start in range(0, len(ids), BATCH):
            docs = env["vn.document.incoming"].browse(ids[start : start + BATCH])
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            for doc in docs:
                seq += 1
                payload = Chain._vn_payload(doc, "incoming", seq, prev, now)
                text = chain_tool.canonical(payload)
                digest = chain_tool.digest(text)
                writer.writerow(
                    [company.id, seq, "incoming", doc._name, doc.id, now, user.id]
                    + [prev, digest, text]
                )
                prev = digest
            buffer.seek(0)
            cr._obj.copy_expert(
                "COPY vn_register_chain (company_id, sequence, kind, res_model, res_id,"
                " entry_time, user_id, prev_hash, entry_hash, payload) FROM STDIN CSV",
                buffer,
            )
            env.invalidate_all()
        cr.execute("ANALYZE vn_register_chain")
    return len(ids), time.perf_counter() - started


def verify_in_odoo(registry):
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        started = time.perf_counter()
        state = env["vn.register.chain"]._vn_verify(env.company)
        return state, time.perf_counter() - started


def export_and_verify_offline(registry):
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        handle, path = tempfile.mkstemp(suffix=".jsonl")
        started = time.perf_counter()
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.writelines(env["vn.register.chain"]._vn_export_lines(env.company))
        exported = time.perf_counter() - started
    started = time.perf_counter()
    run = subprocess.run(
        [sys.executable, TOOL, "verify", path], capture_output=True, text=True
    )
    offline = time.perf_counter() - started
    size = os.path.getsize(path)
    os.unlink(path)
    return exported, offline, run.stdout.strip(), size


def main(db, runs, entries):
    use_database(db)
    registry = Registry(db)
    print(machine())
    print("before:", uptime())
    cost = registration_cost(registry, runs)
    print(
        f"registration (paper, action_register + commit), {cost['runs']} each, "
        f"interleaved: with the chain {cost['with']:.1f} ms, without "
        f"{cost['without']:.1f} ms (median), difference "
        f"{cost['with'] - cost['without']:.1f} ms; the append itself "
        f"{cost['append']:.2f} ms median, {cost['append_p95']:.2f} ms p95"
    )
    print("after registrations:", uptime())
    if entries:
        chained, seconds = chain_generated(registry, db, entries)
        print(f"{chained} generated documents chained in {seconds:.1f} s")
    state, seconds = verify_in_odoo(registry)
    print(
        f"Odoo verification of {state['checked']} entries: {seconds:.1f} s "
        f"({state['checked'] / seconds:,.0f} entries/s), broken: {state['broken']}"
    )
    print("after Odoo verification:", uptime())
    exported, offline, message, size = export_and_verify_offline(registry)
    print(f"export (JSON lines, {size / 1e6:.0f} MB): {exported:.1f} s")
    print(f"offline script: {offline:.1f} s: {message[:120]}")
    print("after:", uptime())


if __name__ == "__main__":
    main(
        sys.argv[1],
        int(sys.argv[2]) if len(sys.argv) > 2 else 30,
        int(sys.argv[3]) if len(sys.argv) > 3 else 1_000_000,
    )
