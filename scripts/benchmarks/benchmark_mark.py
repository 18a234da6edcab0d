#!/usr/bin/env python3
# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The print mark of ND 30 Phụ lục VI III.6.k (issue 17):

(a) ``tools/pdf_mark.mark_pdf`` alone on a 2-page and a 50-page A4 PDF of dense
    Vietnamese text: median and p95 of the whole call, and ms per page;
(b) a QWeb PDF report rendered by wkhtmltopdf (``_render_qweb_pdf``; Odoo's module
    reference of ``base``, which needs no suite data) with the mark and without it
    (``_vn_mark_pdf`` replaced by the identity), interleaved run by run: medians and
    the ratio. Run in one transaction that is rolled back.

    scripts/benchmarks/benchmark_mark.sh [DB]     (default h17_mark; any suite DB)
"""

import io
import os
import statistics
import sys
import time
from unittest.mock import patch

from bench_common import ROOT, machine, use_database

RUNS = int(os.environ.get("BENCH_RUNS", "15"))
REPORT_RUNS = int(os.environ.get("BENCH_REPORT_RUNS", "7"))
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
MARK = (
    "In từ Hệ thống quản lý văn bản – UBND Phường Bến Thành – Nguyễn Văn A – 02/12/2026"
)
LINE = (
    "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 về công tác văn thư; "
)

sys.path.insert(0, os.path.join(ROOT, "addons", "vn_document_base", "tools"))


def text_pdf(pages):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if "BenchSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("BenchSans", FONT))
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    for page in range(pages):
        pdf.setFont("BenchSans", 10)
        for line in range(50):
            pdf.drawString(50, 800 - 15 * line, f"{page + 1}.{line + 1} {LINE}")
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


def timings(func, runs):
    func()  # warm-up
    samples = []
    for _i in range(runs):
        started = time.perf_counter()
        func()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def p95(samples):
    return statistics.quantiles(samples, n=20)[-1] if len(samples) > 1 else samples[0]


def bench_tool():
    import pdf_mark

    for pages in (2, 50):
        data = text_pdf(pages)
        samples = timings(lambda data=data: pdf_mark.mark_pdf(data, MARK), RUNS)
        median = statistics.median(samples)
        print(
            f"(a) mark {pages:>2} pages ({len(data) // 1024} KB): median "
            f"{median:.1f} ms, p95 {p95(samples):.1f} ms, {median / pages:.2f} ms/page "
            f"({RUNS} runs)"
        )


def bench_report(db):
    use_database(db)
    from odoo import api
    from odoo.modules.registry import Registry

    registry = Registry(db)
    with registry.cursor() as cr:
        env = api.Environment(cr, 1, {})
        env["ir.config_parameter"].set_param("report.url", "http://127.0.0.1:9")
        Report = env["ir.actions.report"].with_context(force_report_rendering=True)
        module = env["ir.module.module"].search([("name", "=", "base")])
        ref = "base.ir_module_reference_print"
        content, _kind = Report._render_qweb_pdf(ref, module.ids)  # warm-up
        ReportClass = type(Report)

        def render():
            Report._render_qweb_pdf(ref, module.ids)

        def render_unmarked():
            with patch.object(ReportClass, "_vn_mark_pdf", lambda self, d, c=None: d):
                render()

        marked, unmarked = [], []
        for _i in range(REPORT_RUNS):
            marked += timings_once(render)
            unmarked += timings_once(render_unmarked)
        from PyPDF2 import PdfReader

        pages = len(PdfReader(io.BytesIO(content)).pages)
        with_mark, without = statistics.median(marked), statistics.median(unmarked)
        print(
            f"(b) report '{ref}' ({pages} pages): with the mark {with_mark:.0f} ms, "
            f"without {without:.0f} ms (medians of {REPORT_RUNS}, interleaved), "
            f"ratio {with_mark / without:.3f}"
        )
        # the difference drowns in wkhtmltopdf's noise: the mark alone on this output
        unmarked_pdf = []
        with patch.object(ReportClass, "_vn_mark_pdf", lambda self, d, c=None: d):
            unmarked_pdf.append(Report._render_qweb_pdf(ref, module.ids)[0])
        alone = timings(lambda: Report._vn_mark_pdf(unmarked_pdf[0]), RUNS)
        print(
            f"    the mark alone on that report: median {statistics.median(alone):.0f}"
            f" ms ({statistics.median(alone) / without:.1%} of the rendering)"
        )
        cr.rollback()


def timings_once(func):
    started = time.perf_counter()
    func()
    return [(time.perf_counter() - started) * 1000]


def main():
    db = sys.argv[1] if len(sys.argv) > 1 else "h17_mark"
    print(machine())
    print("load average before:", " ".join(f"{x:.2f}" for x in os.getloadavg()))
    bench_tool()
    bench_report(db)
    print("load average after:", " ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
