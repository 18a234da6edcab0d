#!/usr/bin/env python3
# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The load test's two ends (issue 15), run by benchmark_load.sh around Locust:

    benchmark_load.py prepare DB SETTINGS   # users, trusted root, signed PDF, settings
    benchmark_load.py report CSV_PREFIX LABEL  # throughput, p50/p95/p99, errors

``prepare`` gives the benchmark database (never an agency's) 40 records clerks and 10
heads of the agency with a known password, trusts the in-process test CA and writes a
small PDF signed by a person and by the agency.
"""

import base64
import csv
import json
import os
import sys
import time

from bench_common import machine, signed_image_pdf, use_database

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PASSWORD = "Bench-Load-2026!"  # satisfies the password policy
ROLES = {
    "clerks": (40, "load_clerk", "vn_document_base.group_vn_document_clerk"),
    "heads": (10, "load_head", "vn_document_base.group_vn_document_agency_head"),
}
ROOT_NAME = "Load test root (benchmark_load)"


def _users(env, prefix, count, group_xmlid):
    group = env.ref(group_xmlid)
    Users = env["res.users"].with_context(active_test=False, no_reset_password=True)
    logins = []
    for index in range(count):
        login = f"{prefix}_{index:02d}"
        user = Users.search([("login", "=", login)])
        if user:
            user.active = True  # its password was set when it was made (slow hash)
        else:
            Users.create(
                {
                    "name": f"{prefix.replace('_', ' ').title()} {index:02d}",
                    "login": login,
                    "password": PASSWORD,
                    "group_ids": [(6, 0, group.ids)],
                }
            )
        logins.append(login)
    return logins


def _trust_test_ca(env):
    from cryptography.hazmat.primitives import serialization

    from odoo.addons.vn_document_base.tests import pki

    env["vn.trusted.root"].search([("name", "=", ROOT_NAME)]).active = False
    pem = pki.build_pki()["root"]["cert"].public_bytes(serialization.Encoding.PEM)
    env["vn.trusted.root"].create(
        {"name": ROOT_NAME, "certificate": base64.b64encode(pem)}
    )


def prepare(db, settings_path):
    from odoo import api
    from odoo.modules.registry import Registry

    use_database(db)
    with Registry(db).cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
        _trust_test_ca(env)
        settings = {"db": db, "password": PASSWORD}
        for role, (count, prefix, group) in ROLES.items():
            settings[role] = _users(env, prefix, count, group)
        # a register book of its own: its numbers start at 1 (the generated documents
        # of generate_incoming.sh hold numbers the demo books have not counted)
        settings["book_id"] = (
            env["vn.register.book"]
            .create({"name": f"Sổ đến (đo tải {time.time():.0f})", "kind": "incoming"})
            .id
        )
        total = env["vn.document.incoming"].search_count([])
    pdf_path = os.path.join(os.path.dirname(settings_path), "signed.pdf")
    with open(pdf_path, "wb") as f:
        f.write(signed_image_pdf(200))  # about 120 kB
    settings["pdf"] = pdf_path
    with open(settings_path, "w", encoding="utf-8") as f:
        json.dump(settings, f)
    print(
        f"{db}: {total} incoming documents; {len(settings['clerks'])} clerks and "
        f"{len(settings['heads'])} heads; a signed PDF of "
        f"{os.path.getsize(pdf_path) // 1024} kB"
    )


def percentile(values, rank):
    """The nearest-rank percentile of sorted ``values``."""
    if not values:
        return 0
    return values[max(0, -(-len(values) * rank // 100) - 1)]


def summary(label, count, rate, p50, p95, p99, errors):
    """One line of figures: requests, throughput, percentiles (ms), errors."""
    return (
        f"{label}: {count} requests, {rate:.1f} requests/s, p50 {p50:.0f} ms, "
        f"p95 {p95:.0f} ms, p99 {p99:.0f} ms, errors {errors}"
    )


def report(prefix, label):
    """Locust's CSV statistics as the figures of the issue; exit 1 on any error."""
    with open(f"{prefix}_stats.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    print(f"== {label} (machine: {machine()})")
    print(f"{'request':<28}{'count':>8}{'errors':>8}{'p50':>8}{'p95':>8}{'p99':>8}")
    total = None
    for row in rows:
        if row["Name"] == "Aggregated":
            total = row
            continue
        print(
            f"{row['Name'][:27]:<28}{row['Request Count']:>8}{row['Failure Count']:>8}"
            f"{row['50%']:>8}{row['95%']:>8}{row['99%']:>8}"
        )
    print(
        summary(
            "all",
            total["Request Count"],
            float(total["Requests/s"]),
            *(float(total[p]) for p in ("50%", "95%", "99%")),
            total["Failure Count"],
        )
    )
    times = f"{prefix}_work.json"
    if os.path.exists(times):
        with open(times, encoding="utf-8") as f:
            work = json.load(f)
        elapsed = sorted(ms for _name, ms, _failed in work)
        seconds = float(total["Request Count"]) / max(float(total["Requests/s"]), 1e-9)
        print(
            summary(
                "the work (without logins)",
                len(work),
                len(work) / seconds,
                *(percentile(elapsed, rank) for rank in (50, 95, 99)),
                sum(failed for _name, _ms, failed in work),
            )
        )
    failures = f"{prefix}_failures.csv"
    if os.path.exists(failures):
        with open(failures, encoding="utf-8") as f:
            for row in list(csv.DictReader(f))[:10]:
                print(f"  error x{row['Occurrences']}: {row['Name']}: {row['Error']}")
    return 1 if int(total["Failure Count"]) else 0


if __name__ == "__main__":
    if sys.argv[1] == "prepare":
        prepare(sys.argv[2], sys.argv[3])
    else:
        sys.exit(report(sys.argv[2], sys.argv[3]))
