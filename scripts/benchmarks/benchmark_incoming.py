#!/usr/bin/env python3
# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Incoming documents on this machine: medians, rolled back.

    scripts/benchmarks/benchmark_incoming.sh DB
        (after scripts/benchmarks/generate_incoming.sh DB 100000)

1. register one signed 2 MB PDF through the full checks (type, malware scan, SHA-256,
   two signatures) and take its arrival number, as the records clerk;
2. the register list (first page of 80, the default order, with the record rules);
3. accent-insensitive search on subject and symbol, a common phrase and a rare one.
"""

import base64
import os
import sys

from bench_common import machine, median_ms, signed_image_pdf, use_database

from odoo import api
from odoo.modules.registry import Registry

RUNS = int(os.environ.get("BENCH_RUNS", "15"))
LIST_SPEC = {
    name: {}
    for name in (
        "arrival_number",
        "arrival_date",
        "sender_id",
        "code_number",
        "code_notation",
        "issued_date",
        "document_type_id",
        "subject",
        "to_places",
        "urgency_id",
        "deadline",
        "state",
        "is_urgent",
        "is_overdue",
    )
}


def two_mb_pdf():
    """A 2 MB PDF signed by a person then by the agency."""
    return signed_image_pdf(820)


def main(db):
    use_database(db)
    from cryptography.hazmat.primitives import serialization

    from odoo.addons.vn_document_base.tests import pki

    registry = Registry(db)
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        total = env["vn.document.incoming"].search_count([])
        env["vn.trusted.root"].search([]).active = False
        env["vn.trusted.root"].create(
            {
                "name": "benchmark root",
                "certificate": base64.b64encode(
                    pki.build_pki()["root"]["cert"].public_bytes(
                        serialization.Encoding.PEM
                    )
                ),
            }
        )
        clerk = env["res.users"].create(
            {
                "name": "Benchmark clerk",
                "login": "benchmark_clerk",
                "group_ids": [
                    (6, 0, env.ref("vn_document_base.group_vn_document_clerk").ids)
                ],
            }
        )
        Incoming = (
            env["vn.document.incoming"]
            .with_user(clerk)
            .with_context(tracking_disable=True, lang="vi_VN")
        )
        book = env["vn.register.book"].search([("kind", "=", "incoming")], limit=1)
        pdf = two_mb_pdf()

        def register():
            with cr.savepoint() as savepoint:
                upload = (
                    env["ir.attachment"]
                    .with_user(clerk)
                    .create(
                        {
                            "name": "2mb.pdf",
                            "raw": pdf,
                            "res_model": "vn.document.incoming",
                        }
                    )
                )
                doc = Incoming.create(
                    {
                        "subject": "Benchmark",
                        "channel": "lgsp",
                        "register_book_id": book.id,
                        "upload_ids": [(6, 0, upload.ids)],
                    }
                )
                doc.action_register()
                assert doc.legal_value == "original" and doc.arrival_number
                savepoint.rollback()

        def list_page():
            Incoming.web_search_read(
                [("state", "!=", "recalled")], LIST_SPEC, limit=80, count_limit=10001
            )

        def search(term):
            return lambda: Incoming.web_search_read(
                [
                    ("state", "!=", "recalled"),
                    "|",
                    ("subject", "ilike", term),
                    ("code_notation", "ilike", term),
                ],
                LIST_SPEC,
                limit=80,
                count_limit=10001,
            )

        common, rare = (
            "quyet dinh ve viec thanh lap",
            "ke hoach kiem tra cong tac van thu, luu tru nam 2025 (so 6",
        )
        print(f"machine: {machine()}; {total} incoming documents in {db}")
        print(
            f"register a signed {len(pdf) / 1048576:.1f} MB PDF through the full "
            f"checks: median {median_ms(register, max(5, RUNS // 3)):.0f} ms"
        )
        print(
            "register list, first page of 80 (clerk, default order): median"
            f" {median_ms(list_page, RUNS):.1f} ms"
        )
        for term in (common, rare):
            found = Incoming.search_count([("subject", "ilike", term)])
            print(
                f"accent-insensitive search '{term}' ({found} matches), first page: "
                f"median {median_ms(search(term), RUNS):.1f} ms"
            )
        cr.rollback()


if __name__ == "__main__":
    main(sys.argv[1])
