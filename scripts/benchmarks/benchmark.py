#!/usr/bin/env python3
# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Medians of the file checks, measured through the suite's own service.

Run with scripts/benchmarks/benchmark.sh after `make test` (it uses that database and
rolls everything back). Prints the machine, then one line per measure.
"""

import base64
import os
import sys

from bench_common import machine, median_ms, use_database

import odoo
from odoo import api
from odoo.modules.registry import Registry

RUNS = int(os.environ.get("BENCH_RUNS", "20"))


def main(db):
    use_database(db)
    from cryptography.hazmat.primitives import serialization

    from odoo.addons.vn_document_base.tests import pdf_fixtures, pki

    registry = Registry(db)
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        ca = pki.build_pki()
        env["vn.trusted.root"].create(
            {
                "name": "benchmark root",
                "certificate": base64.b64encode(
                    ca["root"]["cert"].public_bytes(serialization.Encoding.PEM)
                ),
            }
        )
        checker = env["vn.file.check"]
        two_signatures = pdf_fixtures.make_two_signature_pdf()
        report = checker._check_pdf("two.pdf", two_signatures)
        assert [s["is_valid"] for s in report["signatures"]] == [True, True], report
        five_mb = os.urandom(5 * 1024 * 1024)
        print(f"machine: {machine()}")
        pdf_ms = median_ms(lambda: checker._check_pdf("two.pdf", two_signatures), RUNS)
        scan_ms = median_ms(lambda: checker._scan("5mb.bin", five_mb), RUNS)
        all_ms = median_ms(lambda: checker.check("two.pdf", two_signatures), RUNS)
        print(
            "validate a PDF with 2 signatures (pyHanko, diff analysis): "
            f"median {pdf_ms:.1f} ms over {RUNS} runs"
        )
        print(
            "scan 5 MB with clamd (INSTREAM over the Unix socket): "
            f"median {scan_ms:.1f} ms over {RUNS} runs"
        )
        print(
            "all checks of the 2-signature PDF (type, scan, SHA-256, signatures): "
            f"median {all_ms:.1f} ms over {RUNS} runs"
        )
        cr.rollback()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "vn_edoc_test")
