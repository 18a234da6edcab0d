#!/usr/bin/env python3
# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Vietnamese OCR and storage-time text extraction on this machine (issue 16).

    scripts/benchmarks/benchmark_ocr.sh [PAGES] [ROUNDS]

No database. A scan of PAGES A4 pages (default 4) of Vietnamese official text,
rendered at 300 dpi in colour (ND 30 Phụ lục I asks 200 dpi or more), is read by the
suite's OCR (``tools/ocr.py``: OCRmyPDF 16, Tesseract ``vie``, PDF/A output), in
ROUNDS (default 3) interleaved rounds of:

(a) one OCR job, ``--jobs 1`` (one core: one cron worker reading one scan);
(b) one OCR job, ``--jobs 2`` (one scan, its pages on both cores);
(c) two OCR jobs at the same time, ``--jobs 1`` each (two cron workers).

Prints pages per second (median of the rounds) and the CPU seconds per page of the
child processes, with the load average before and after. Then the storage-time cost
of reading a text layer (pdfminer.six): the page-by-page reading the suite had
(``extract_text`` once per page: the whole file parsed again for each page) against
the single pass now in ``tools/text_extract.pdf_pages_text``, on born-digital PDFs of
1, 5 and 20 dense pages; medians of interleaved runs, in the same process.
"""

import io
import os
import resource
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from bench_common import ROOT, machine

sys.path.insert(0, os.path.join(ROOT, "addons", "vn_document_base", "tools"))

import ocr
import text_extract

PAGES = int(sys.argv[1]) if len(sys.argv) > 1 else 4
ROUNDS = int(sys.argv[2]) if len(sys.argv) > 2 else 3
FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
PARAGRAPH = (
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; căn cứ "
    "Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác "
    "văn thư; xét đề nghị của Trưởng phòng Văn hóa - Xã hội, Ủy ban nhân dân phường "
    "Bến Thành ban hành kế hoạch chuyển đổi số và số hóa tài liệu lưu trữ năm 2026."
)


def load():
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def page_lines(number):
    words = PARAGRAPH.split()
    lines = [
        "ỦY BAN NHÂN DÂN QUẬN 1",
        "ỦY BAN NHÂN DÂN PHƯỜNG BẾN THÀNH",
        f"Số: {number + 15}/QĐ-UBND        Bến Thành, ngày 05 tháng 02 năm 2026",
        "QUYẾT ĐỊNH",
    ]
    line = []
    for index in range(360):
        line.append(words[index % len(words)])
        if len(" ".join(line)) > 62:
            lines.append(" ".join(line))
            line = []
    return lines


def scan_pdf(pages, dpi=300):
    """A colour scan of ``pages`` A4 pages at ``dpi`` (JPEG pages, as scanners
    give them), as a PDF without a text layer."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(FONT, int(dpi * 0.16))
    images = []
    for number in range(pages):
        image = Image.new("RGB", (int(8.27 * dpi), int(11.69 * dpi)), (250, 248, 240))
        draw = ImageDraw.Draw(image)
        for index, line in enumerate(page_lines(number)):
            y = int(dpi * 0.8) + index * int(dpi * 0.27)
            draw.text((int(dpi * 0.9), y), line, fill=(20, 20, 30), font=font)
        buf = io.BytesIO()
        image.save(buf, "JPEG", quality=85, dpi=(dpi, dpi))
        images.append(buf.getvalue())
    import img2pdf

    return img2pdf.convert(images)


def text_pdf(pages):
    """A born-digital PDF of ``pages`` dense pages (about 45 lines each)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if "BenchSerif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("BenchSerif", FONT))
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    for number in range(pages):
        pdf.setFont("BenchSerif", 13)
        for index, line in enumerate(page_lines(number)[:45]):
            pdf.drawString(70, 780 - index * 16, line)
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(func):
    cpu, started = children_cpu(), time.perf_counter()
    func()
    return time.perf_counter() - started, children_cpu() - cpu


def one_job(data, jobs):
    return lambda: ocr.ocr_pdf(data, jobs=jobs)


def two_jobs(data):
    def run():
        with ThreadPoolExecutor(2) as pool:
            for result in pool.map(lambda _i: ocr.ocr_pdf(data, jobs=1), range(2)):
                assert result.startswith(b"%PDF")

    return run


def ocr_figures(data):
    cases = {
        "one job, --jobs 1 (one core)": (one_job(data, 1), PAGES),
        "one job, --jobs 2 (two cores)": (one_job(data, 2), PAGES),
        "two jobs at once, --jobs 1 each": (two_jobs(data), 2 * PAGES),
    }
    samples = {name: [] for name in cases}
    for round_number in range(ROUNDS):
        order = list(cases) if round_number % 2 == 0 else list(reversed(cases))
        for name in order:
            func, pages = cases[name]
            wall, cpu = timed(func)
            samples[name].append((pages / wall, cpu / pages))
    return samples


def old_pages_text(data):
    """The page-by-page reading of the suite before this change."""
    from pdfminer.high_level import extract_text
    from pdfminer.layout import LAParams

    count = text_extract.pdf_page_count(data)
    return [
        extract_text(io.BytesIO(data), page_numbers=[n], laparams=LAParams())
        for n in range(count)
    ]


def extraction_figures(runs=5):
    rows = []
    for pages in (1, 5, 20):
        data = text_pdf(pages)
        old, new = [], []
        for _i in range(runs):
            for kind, func, bucket in (
                ("old", old_pages_text, old),
                ("new", text_extract.pdf_pages_text, new),
            ):
                started = time.perf_counter()
                result = func(data)
                bucket.append((time.perf_counter() - started) * 1000)
                assert len(result) == pages, kind
        rows.append((pages, len(data), statistics.median(old), statistics.median(new)))
    return rows


def main():
    print(f"machine: {machine()}; {load()}")
    data = scan_pdf(PAGES)
    print(
        f"scan: {PAGES} A4 pages, 300 dpi colour JPEG, {len(data) / 1e6:.1f} MB; "
        f"{ROUNDS} interleaved rounds; Tesseract 'vie' through OCRmyPDF, PDF/A-2b"
    )
    check = text_extract.pdf_pages_text(ocr.ocr_pdf(data))
    print(f"check: page 1 read as {check[0].splitlines()[0]!r}")
    for name, values in ocr_figures(data).items():
        rates = [rate for rate, _cpu in values]
        cpus = [cpu for _rate, cpu in values]
        print(
            f"OCR {name}: {statistics.median(rates):.2f} pages/s (median; rounds "
            + ", ".join(f"{r:.2f}" for r in rates)
            + f"), {statistics.median(cpus):.2f} s CPU/page"
        )
    print(load())
    print("text layer at storage time (pdfminer.six), median of 5 interleaved runs:")
    for pages, size, old, new in extraction_figures():
        print(
            f"  {pages:>2} pages ({size / 1e3:.0f} kB): page by page {old:.0f} ms, "
            f"one pass {new:.0f} ms ({new / pages:.0f} ms/page), ratio {old / new:.2f}"
        )
    print(load())


if __name__ == "__main__":
    main()
