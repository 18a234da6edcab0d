#!/usr/bin/env python3
# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Case files at scale (issue 12), in one transaction that is rolled back:

- putting an incoming document in a file, as the records clerk, among 100,000
  registered documents (median ms per document, 200 documents one by one);
- a file of 500 documents (working papers with a 2-page PDF each, stored through the
  file checks): closing it, its catalogue as PDF and Excel, the whole file as one PDF,
  and its ``SIP_hoso`` package built and validated (seconds each).

    scripts/benchmarks/benchmark_case_files.sh [DB] [N]
"""

import random
import statistics
import sys
import time

from bench_common import machine, use_database

from odoo import api
from odoo.modules.registry import Registry

ATTACH_RUNS = 200
FILE_SIZE = 500


def seconds(func):
    started = time.perf_counter()
    result = func()
    return time.perf_counter() - started, result


def main(db):
    use_database(db)
    registry = Registry(db)
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
        clerk = env.ref("vn_document_base.user_clerk_demo")
        total = env["vn.document.incoming"].search_count([])
        retention = env.ref("vn_case_file.vn_retention_period_04")
        Case = env["vn.case.file"].with_user(clerk)
        stamp = int(time.time())
        case = Case.create(
            {
                "subject": "Đo tải: hồ sơ văn bản đến",
                "file_notation": f"B{stamp % 10**8}",
                "retention_id": retention.id,
                "language": "Tiếng Việt",
            }
        )
        ids = (
            env["vn.document.incoming"]
            .search(
                [("state", "not in", ("received", "returned", "recalled"))],
                limit=20000,
                order="id desc",
            )
            .ids
        )
        picked = random.Random(12).sample(ids, ATTACH_RUNS)
        Incoming = env["vn.document.incoming"].with_user(clerk)
        samples = []
        for doc_id in picked:
            started = time.perf_counter()
            case.vn_attach(Incoming.browse(doc_id))
            env.flush_all()
            samples.append((time.perf_counter() - started) * 1000)
        print(machine())
        print(f"incoming documents in the database: {total:,}")
        print(
            f"put one incoming document in a file: median "
            f"{statistics.median(samples):.1f} ms, p95 "
            f"{sorted(samples)[int(len(samples) * 0.95)]:.1f} ms "
            f"({ATTACH_RUNS} documents, the file growing to {ATTACH_RUNS})"
        )

        from odoo.addons.vn_document_base.tests import pdf_fixtures

        pdf = pdf_fixtures.make_pdf(pages=2, text="Tai lieu do tai")
        Paper = env["vn.working.paper"].with_user(clerk)
        big = Case.create(
            {
                "subject": "Đo tải: hồ sơ 500 văn bản",
                "file_notation": f"C{stamp % 10**8}",
                "retention_id": retention.id,
                "language": "Tiếng Việt",
            }
        )
        took, papers = seconds(
            lambda: [
                Paper._vn_take_upload(
                    {
                        "subject": f"Tài liệu số {n:03d}",
                        "doc_date": f"2026-{1 + n % 12:02d}-{1 + n % 28:02d}",
                    },
                    f"tai-lieu-{n:03d}.pdf",
                    pdf,
                )
                for n in range(FILE_SIZE)
            ]
        )
        print(f"{FILE_SIZE} working papers checked and stored: {took:.1f} s")
        took, _r = seconds(lambda: big.vn_attach(papers))
        print(f"put {FILE_SIZE} documents in one file (one call): {took:.2f} s")
        took, _r = seconds(big.action_close)
        print(f"close the file of {FILE_SIZE} documents: {took:.2f} s")
        report = (
            env["ir.actions.report"]
            .with_user(clerk)
            .with_context(force_report_rendering=True)
        )
        took, _r = seconds(
            lambda: report._render_qweb_pdf(
                "vn_case_file.action_report_vn_case_file_catalogue", big.ids
            )
        )
        print(f"catalogue of {FILE_SIZE} documents, PDF: {took:.2f} s")
        took, _r = seconds(big.action_export_catalogue_xlsx)
        print(f"catalogue of {FILE_SIZE} documents, Excel: {took:.2f} s")
        took, _r = seconds(big.action_export_pdf)
        print(f"whole file as one PDF ({FILE_SIZE} documents): {took:.2f} s")

        import uuid

        from odoo.addons.vn_case_file.tools import sip_hoso
        from odoo.addons.vn_case_file.tools.archive_records import sip_inputs
        from odoo.addons.vn_document_base.tools.legal import legal, vn_now

        took, (name, data) = seconds(
            lambda: sip_hoso.build_sip_hoso(
                *sip_inputs(legal(big)),
                agency_name=big.company_id.name,
                agency_code=big.company_id.vn_organ_code or "000.00.00.H29",
                created=vn_now(),
                package_uuid=uuid.uuid4(),
            )
        )
        print(
            f"SIP_hoso package of {FILE_SIZE} documents built (validated inside): "
            f"{took:.2f} s, {len(data) / 1e6:.1f} MB"
        )
        took, problems = seconds(lambda: sip_hoso.validate_sip(data))
        print(
            f"SIP_hoso package validated again: {took:.2f} s, {len(problems)} problems"
        )
        cr.rollback()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "vn_edoc_bench")
