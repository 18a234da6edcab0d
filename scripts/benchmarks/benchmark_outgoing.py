#!/usr/bin/env python3
# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Outgoing documents on this machine: medians, rolled back.

    scripts/benchmarks/benchmark_outgoing.sh DB
        (a database with the suite and its demo data, e.g. make demo's)

For a 10-page PDF, through the whole workflow of the addon (file checks with clamd,
pyHanko validation of every stored file, register book, delivery lines):
1. sign as the signer + number, date and agency signature + issue, with PKCS#12 keys;
2. the same with the agency key on the SoftHSM token;
3. validate the issued file (both signatures) as the file checks do.
"""

import os
import statistics
import sys
import time

from bench_common import machine, use_database

from odoo import api
from odoo.modules.registry import Registry

RUNS = int(os.environ.get("BENCH_RUNS", "10"))


def timed(prepare, run, runs):
    """Median of ``run(prepare())`` in ms; ``prepare`` is not timed. One warm-up."""
    samples = []
    for index in range(runs + 1):
        state = prepare()
        started = time.perf_counter()
        run(state)
        if index:
            samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def main(db):
    use_database(db)
    from odoo.addons.vn_document_outbound.tools import demo_images

    registry = Registry(db)
    with registry.cursor() as cr:
        env = api.Environment(
            cr, api.SUPERUSER_ID, {"tracking_disable": True, "lang": "vi_VN"}
        )
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
        signer_key = keys.filtered(
            lambda k: k.user_id == signer and k.usage == "personal"
        )[:1]
        agency_p12 = keys.filtered(lambda k: k.user_id == clerk and k.kind == "pkcs12")[
            :1
        ]
        agency_token = keys.filtered(
            lambda k: k.user_id == clerk and k.kind == "pkcs11"
        )[:1]
        pdf = demo_images.demo_pdf("Benchmark: quyết định mười trang", pages=10)
        Outgoing = env["vn.document.outgoing"]

        def to_sign():
            cr.execute("SAVEPOINT bench")
            doc = Outgoing.with_user(staff).create(
                {
                    "subject": "Benchmark",
                    "document_type_id": ref(
                        "vn_document_base.vn_document_type_quyet_dinh"
                    ).id,
                    "drafting_department_id": ref(
                        "vn_document_base.hr_department_kt_demo"
                    ).id,
                    "signer_id": signer.id,
                    "delivery_ids": [
                        (
                            0,
                            0,
                            {
                                "kind": "paper",
                                "partner_id": ref(
                                    "vn_document_base.res_partner_ubnd_hcm_demo"
                                ).id,
                            },
                        )
                    ],
                }
            )
            doc.with_user(staff)._vn_add_version("qd.pdf", pdf, "final")
            doc.with_user(staff).action_send_to_head()
            doc.with_user(head).action_approve_content()
            doc.with_user(clerk).action_approve_format()
            return doc

        def sign_and_issue(agency_key):
            def run(doc):
                doc.with_user(signer)._vn_sign(signer_key, "1234")
                doc.with_user(clerk)._vn_issue(agency_key, "1234")
                assert doc.legal_value == "original", (
                    doc.issued_file_id.legal_value_reason
                )
                env.flush_all()
                cr.execute("ROLLBACK TO SAVEPOINT bench")
                env.invalidate_all()

            return run

        p12 = timed(to_sign, sign_and_issue(agency_p12), RUNS)
        token = timed(to_sign, sign_and_issue(agency_token), RUNS)
        issued = to_sign()
        issued.with_user(signer)._vn_sign(signer_key, "1234")
        issued.with_user(clerk)._vn_issue(agency_p12, "1234")
        data = issued.issued_file_id.attachment_id.raw
        checker = env["vn.file.check"]
        samples = []
        for _i in range(RUNS):
            started = time.perf_counter()
            signatures = checker._check_pdf("qd.pdf", data)["signatures"]
            samples.append((time.perf_counter() - started) * 1000)
            assert all(s["is_valid"] for s in signatures) and len(signatures) == 2
        cr.rollback()
    print(f"Machine: {machine()}")
    print(
        f"10-page PDF, medians of {RUNS} runs, through the addon"
        " (checks, storage, register book):"
    )
    print(f"  sign + number + agency signature + issue, PKCS#12 keys   {p12:8.1f} ms")
    print(f"  same, agency key on the SoftHSM token                   {token:8.1f} ms")
    print(
        "  validate the issued file (both signatures)              "
        f"{statistics.median(samples):8.1f} ms"
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "vn_edoc_demo"))
