#!/usr/bin/env python3
# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Accuracy and speed of the document reader (tools/document_reader.py, issue 16).

    .run/venv/bin/python scripts/benchmarks/benchmark_reading.py \
        [--corpus .run/reading_corpus] [--ocr-pages 6] [--failures N]

Over the corpus of generate_reading_corpus.py: the text of each PDF through
tools/text_extract.py (the OCR'd copy of a scan: its text layer), the signatures of a
born-digital PDF validated offline against the corpus's test root
(tools/signature_validation.py), then ``read_document``. Prints per field the share of
documents whose value is exactly the truth, for born-digital and for scanned
documents; the reading time per document (median); the OCR pages per second with one
job and with two parallel jobs (tools/ocr.py as stored copies are made: PDF/A-2b).

Normalisation before comparing: text in Unicode NFC with runs of white space made one
space and the ends stripped, the signer's position also without regard to case
(certificates and texts capitalise titles differently); dates as ISO dates; a field the truth does not have
(urgency of a normal document, parent of an agency without one) is right only when the
reader does not report it either.
"""

import argparse
import concurrent.futures
import datetime
import json
import os
import re
import statistics
import subprocess
import sys
import time
import unicodedata

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "addons", "vn_document_base", "tools"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import document_reader  # noqa: E402
import signature_validation  # noqa: E402
import text_extract  # noqa: E402
from bench_common import machine  # noqa: E402

FIELDS = (
    "code_number",
    "code_notation",
    "issued_date",
    "place",
    "document_type",
    "subject",
    "organ_name",
    "parent_organ_name",
    "signer_name",
    "signer_position",
    "signing_authority",
    "urgency",
    "page_count",
)
# a title's capitals are a matter of style: a certificate writes "Phó giám đốc"
CASELESS = ("signer_position",)
TARGETS = ("number_symbol", "issued_date", "document_type", "organ_name")


def normalise(value, field=None):
    if isinstance(value, str) and field in CASELESS:
        value = value.casefold()
    if value is None:
        return None
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        return re.sub(r"\s+", " ", unicodedata.normalize("NFC", value)).strip()
    return value


def signatures_of(data, roots):
    facts = signature_validation.validate_pdf(data, roots)
    return [
        {
            "signer_name": fact.get("signer_name"),
            "organisation": fact.get("organisation"),
            "title": fact.get("title"),
            "signer_kind": fact.get("signer_kind"),
            "is_valid": fact.get("bottom_line"),
        }
        for fact in facts
    ]


def read_one(path, roots):
    """(reading, seconds of read_document, seconds of the whole path)."""
    with open(path, "rb") as handle:
        data = handle.read()
    started = time.perf_counter()
    pages = text_extract.pdf_pages_text(data)
    signatures = signatures_of(data, roots) if roots else ()
    reading_started = time.perf_counter()
    reading = document_reader.read_document(pages, signatures)
    finished = time.perf_counter()
    return reading, finished - reading_started, finished - started


def score(truth, reading):
    """{field: right?} with the target pair number_symbol."""
    found = reading["fields"]
    right = {}
    for field in FIELDS:
        value = found.get(field, {}).get("value")
        right[field] = normalise(value, field) == normalise(truth.get(field), field)
    right["number_symbol"] = right["code_number"] and right["code_notation"]
    return right


def run_kind(corpus, documents, kind, roots, failures):
    results, read_times, path_times, shown = [], [], [], 0
    for document in documents:
        if kind not in document:
            continue
        reading, read_s, path_s = read_one(os.path.join(corpus, document[kind]), roots)
        right = score(document["truth"], reading)
        results.append(right)
        read_times.append(read_s)
        path_times.append(path_s)
        for field in FIELDS:
            if not right[field] and shown < failures:
                shown += 1
                got = reading["fields"].get(field, {})
                print(
                    f"  {kind} {document['id']} {field}: "
                    f"truth={document['truth'].get(field)!r} "
                    f"read={got.get('value')!r} from {got.get('evidence')!r}"
                )
    return results, read_times, path_times


def share(results, field):
    if not results:
        return "-"
    return f"{100 * sum(r[field] for r in results) / len(results):.1f} %"


def ocr_speed(corpus, documents, pages_wanted, jobs):
    """Pages per second of ocr_pdf over the scans' image PDFs, ``jobs`` at once."""
    import ocr

    files, pages = [], 0
    for document in documents:
        if "scan" in document and pages < pages_wanted:
            path = os.path.join(corpus, document["scan"].replace(".pdf", "_image.pdf"))
            with open(path, "rb") as handle:
                files.append(handle.read())
            pages += document["truth"]["page_count"]
    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(lambda data: ocr.ocr_pdf(data, jobs=1), files))
    return pages / (time.perf_counter() - started), pages


def load():
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--corpus", default=os.path.join(ROOT, ".run", "reading_corpus")
    )
    parser.add_argument("--ocr-pages", type=int, default=6)
    parser.add_argument("--failures", type=int, default=0)
    args = parser.parse_args()
    with open(os.path.join(args.corpus, "truth.json"), encoding="utf-8") as handle:
        documents = json.load(handle)["documents"]
    with open(os.path.join(args.corpus, "pki", "root.der"), "rb") as handle:
        roots = [handle.read()]
    print(f"machine: {machine()}")
    print(f"load before: {load()}")
    born, born_read, born_path = run_kind(
        args.corpus, documents, "born", roots, args.failures
    )
    scan, scan_read, scan_path = run_kind(
        args.corpus, documents, "scan", None, args.failures
    )
    print(f"\n| field | born-digital ({len(born)}) | scanned ({len(scan)}) |")
    print("|---|---|---|")
    for field in TARGETS + tuple(f for f in FIELDS if f not in TARGETS):
        print(f"| {field} | {share(born, field)} | {share(scan, field)} |")
    print(
        f"\nreading (read_document) per document, median: born-digital "
        f"{1000 * statistics.median(born_read):.2f} ms, scanned "
        f"{1000 * statistics.median(scan_read or [0]):.2f} ms"
    )
    print(
        f"text layer + signature validation + reading, median: born-digital "
        f"{1000 * statistics.median(born_path):.0f} ms; text layer + reading of "
        f"an OCR'd scan {1000 * statistics.median(scan_path or [0]):.0f} ms"
    )
    if args.ocr_pages:
        for jobs in (1, 2):
            speed, pages = ocr_speed(args.corpus, documents, args.ocr_pages, jobs)
            print(
                f"OCR (ocr_pdf, PDF/A-2b, vie) with {jobs} parallel job(s): "
                f"{speed:.3f} pages/s over {pages} pages"
            )
    print(f"load after: {load()}")


if __name__ == "__main__":
    main()
