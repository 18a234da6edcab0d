#!/usr/bin/env python3
# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Backup, restore drill and integrity audit figures on this machine (issue 14, R-OP2):

- the backup of DB (default vn_edoc_bench) RUNS times with the suite's library
  (tools/backup.py: pg_dump, filestore tar, manifest), read-only on DB, into a
  temporary folder: median time, the dump's and the archive's sizes;
- the restore drill of that backup (scripts/ops/restore_drill.sh --no-record: DB is
  not written) RUNS times: median recovery time and PASS/FAIL;
- the integrity audit on AUDIT_DB (a scratch database with the suite): FILES stored
  originals of 100 kB are added once, then one audit run (vn.integrity.run): originals
  per second and MB/s.

    scripts/benchmarks/benchmark_backup.sh [DB] [RUNS] [AUDIT_DB] [FILES]
"""

import hashlib
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import psycopg2
from bench_common import ROOT, machine, use_database

sys.path.insert(0, os.path.join(ROOT, "addons", "vn_document_base", "tools"))
import backup


def bench_backup(db, runs, folder):
    from odoo import release
    from odoo.tools import config
    from odoo.tools.misc import exec_pg_environ, find_pg_tool

    facts = {"version": release.version, "major_version": release.major_version}
    times, sets = [], []
    for _i in range(runs):
        conn = psycopg2.connect(dbname=db, user=config["db_user"] or None)
        conn.set_session(isolation_level="REPEATABLE READ")
        try:
            started = time.perf_counter()
            path, manifest = backup.make_set(
                os.path.join(folder, db),
                db,
                conn.cursor(),
                config.filestore(db),
                find_pg_tool("pg_dump"),
                facts,
                env=exec_pg_environ(),
                lock=False,  # read only: DB is not ours
            )
            times.append(time.perf_counter() - started)
        finally:
            conn.rollback()
            conn.close()
        sets.append(path)
        time.sleep(1)  # set names are per second
    archives = manifest["archives"]
    counts = manifest["row_counts"]
    print(
        f"backup of {db}: median {statistics.median(times):.1f} s over {runs} "
        f"(dump {manifest['seconds']['dump']:.1f} s); dump "
        f"{archives[backup.DUMP_NAME]['size'] / 2**20:.1f} MB, filestore archive "
        f"{archives[backup.TAR_NAME]['size'] / 2**20:.1f} MB; "
        f"{counts.get('vn_document_incoming', 0)} incoming documents, "
        f"{len(manifest['originals'])} stored originals, "
        f"{counts.get('ir_attachment', 0)} attachments"
    )
    return sets[-1]


def bench_drill(db, runs, path):
    times, results = [], []
    for _i in range(runs):
        started = time.perf_counter()
        result = subprocess.run(
            [
                "bash",
                os.path.join(ROOT, "scripts", "ops", "restore_drill.sh"),
                "--db",
                db,
                "--no-record",
                path,
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        times.append(time.perf_counter() - started)
        match = re.search(
            r"^(PASS|FAIL): recovery time ([\d.]+) s", result.stdout, re.M
        )
        results.append(match.group(0) if match else result.stdout[-500:])
        if not match or match.group(1) != "PASS":
            print(result.stdout, result.stderr[-2000:])
    print(
        f"restore drill: median {statistics.median(times):.1f} s wall over {runs} "
        f"({'; '.join(results)})"
    )


def bench_audit(audit_db, files):
    from odoo import api
    from odoo.modules.registry import Registry

    use_database(audit_db)
    registry = Registry(audit_db)
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
        Files = env["vn.document.file"].sudo()
        have = Files.search_count([("attachment_id", "!=", False)])
        owner = env["res.partner"].search([], limit=1)
        for index in range(have, files):
            data = b"%PDF-1.4\n" + os.urandom(100_000) + b"\n%%EOF\n"
            Files._vn_store(
                f"bench-{index}.pdf",
                data,
                owner,
                {
                    "mimetype": "application/pdf",
                    "size": len(data),
                    "sha256": hashlib.sha256(data).hexdigest(),
                    "scan_engine": "benchmark",
                    "page_count": 1,
                    "legal_value": "reference",
                    "legal_value_reason": "unsigned",
                    "signatures": [],
                },
            )
            if index % 500 == 0:
                cr.commit()
        cr.commit()
        # a cold read, as at night: drop the page cache if allowed
        subprocess.run(
            ["sh", "-c", "sync; echo 3 > /proc/sys/vm/drop_caches"],
            check=False,
            capture_output=True,
        )
        started = time.perf_counter()
        run = env["vn.integrity.run"]._cron_audit()
        seconds = time.perf_counter() - started
        size = sum(Files.search([("attachment_id", "!=", False)]).mapped("file_size"))
        print(
            f"integrity audit: {run.checked} originals ({size / 2**20:.0f} MB) in "
            f"{seconds:.1f} s = {run.checked / seconds:.0f} originals/s, "
            f"{size / 2**20 / seconds:.0f} MB/s; {run.failed} altered, "
            f"{run.missing} missing"
        )
        cr.commit()


def main():
    db = sys.argv[1] if len(sys.argv) > 1 else "vn_edoc_bench"
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    audit_db = sys.argv[3] if len(sys.argv) > 3 else "vn_edoc_bench_audit"
    files = int(sys.argv[4]) if len(sys.argv) > 4 else 5000
    print(machine())
    use_database(db)
    folder = tempfile.mkdtemp(prefix="vn_bench_backup_")
    try:
        path = bench_backup(db, runs, folder)
        bench_drill(db, max(runs - 1, 1), path)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    bench_audit(audit_db, files)


if __name__ == "__main__":
    main()
