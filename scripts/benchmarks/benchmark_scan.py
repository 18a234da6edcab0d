#!/usr/bin/env python3
# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the digitisation check of a scan (ND 30 Phụ lục I, R-IN7) adds to the file
checks, and what the OCR step adds to an electronic sao y (ND30.md §8).

Scans: 1 and 10 pages of A4 at 300 dpi, 24-bit colour JPEG (text and paper grain).
For each, in the same run and interleaved call by call, ``vn.file.check.check`` without
and with ``scan_policy`` (type, clamd, SHA-256, pyHanko reading; then the scan check):
medians and the ratio, and the scan check alone. Then the OCR of a one-page scan into
PDF/A (``tools/ocr.ocr_pdf``, one job) next to the agency's signature of the same
page, the two steps of a copy. Prints the machine and the load average.
Usage: benchmark_scan.py DB [RUNS]
"""

import io
import os
import random
import statistics
import sys
import time

from bench_common import machine, use_database

import odoo
from odoo import api
from odoo.modules.registry import Registry

LINES = [
    "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH",
    "Số: 15/QĐ-UBND",
    "QUYẾT ĐỊNH",
    "Về việc giao chỉ tiêu kế hoạch năm 2027",
] + [f"Điều {n}. Giao các sở, ngành thực hiện nhiệm vụ được giao." for n in range(1, 9)]


def scan_page(dpi=300):
    """One A4 page scanned in colour: cream paper with grain, dark text, as JPEG."""
    from PIL import Image, ImageDraw, ImageFont

    width, height = round(210 / 25.4 * dpi), round(297 / 25.4 * dpi)
    grain = Image.effect_noise((width // 4, height // 4), 12).resize((width, height))
    paper = Image.merge(
        "RGB",
        [grain.point(lambda v, base=base: base - 128 + v) for base in (250, 246, 232)],
    )
    draw = ImageDraw.Draw(paper)
    font = ImageFont.truetype(
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", round(dpi * 13 / 72)
    )
    y = dpi
    for line in LINES:
        draw.text((dpi, y), line, fill=(20, 30, 90), font=font)
        y += round(dpi * 0.4)
    out = io.BytesIO()
    paper.save(out, "JPEG", quality=85, dpi=(dpi, dpi))
    return out.getvalue()


def scan_pdf(pages):
    import img2pdf
    import pikepdf

    data = img2pdf.convert([scan_page() for _i in range(pages)])
    with pikepdf.open(io.BytesIO(data)) as pdf:
        out = io.BytesIO()
        pdf.save(out, force_version="1.4")
        return out.getvalue()


def timed(func):
    started = time.perf_counter()
    func()
    return (time.perf_counter() - started) * 1000


def interleaved(first, second, runs):
    """Medians of ``first`` and ``second`` called in turn, and the median ratio."""
    first()
    second()
    a, b = [], []
    for index in range(runs):
        order = [(first, a), (second, b)]
        if index % 2:
            order.reverse()
        for func, samples in order:
            samples.append(timed(func))
    ratios = [y / x for x, y in zip(a, b, strict=True)]
    return statistics.median(a), statistics.median(b), statistics.median(ratios)


def load():
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main(db, runs):
    use_database(db)
    from odoo.addons.vn_document_base.tools import ocr, scan_check

    random.seed(16)
    registry = Registry(db)
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        checker = env["vn.file.check"]
        print(f"machine: {machine()}; load average before: {load()}")
        for pages in (1, 10):
            data = scan_pdf(pages)
            assert scan_check.check_scan(data)["failures"] == []
            plain, scanned, ratio = interleaved(
                lambda data=data: checker.check("scan.pdf", data),
                lambda data=data: checker.check("scan.pdf", data, scan_policy="warn"),
                runs,
            )
            alone = statistics.median(
                timed(lambda data=data: scan_check.check_scan(data))
                for _i in range(runs)
            )
            print(
                f"{pages:>2} page(s), {len(data) / 1048576:.1f} MB: file checks "
                f"{plain:.1f} ms, with the scan check {scanned:.1f} ms (ratio "
                f"{ratio:.3f}); the scan check alone {alone:.1f} ms "
                f"({alone / pages:.1f} ms per page); medians of {runs}"
            )
        one = scan_pdf(1)
        ocr_runs = max(3, runs // 5)
        ocr_ms = statistics.median(
            timed(lambda: ocr.ocr_pdf(one)) for _i in range(ocr_runs)
        )
        print(
            f"OCR of a 1-page 300 dpi scan to PDF/A (one job): median {ocr_ms:.0f} ms "
            f"of {ocr_runs}"
        )
        print(f"load average after: {load()}")
        cr.rollback()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 20)
