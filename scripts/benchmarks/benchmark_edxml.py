#!/usr/bin/env python3
# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Medians of parsing an edXML package whose file is ZIP-wrapped the way Java writes it.

Run with scripts/benchmarks/benchmark_edxml.sh [--before PATH/edxml.py] [RUNS] (no
database needed). The file is a 1.9 MB partly compressible PDF-like payload, wrapped
by an unseekable ZIP writer (data descriptor, as java.util.zip.ZipOutputStream): read
through the central directory, and the same ZIP a byte short or with its directory
garbled, read from the local headers. ``--before`` interleaves another copy of
edxml.py (e.g. the main branch's) on the intact ZIP and shows what it says of the
damaged ones. Prints medians, p95 and the load average.
"""

import datetime
import importlib.util
import io
import os
import random
import statistics
import struct
import sys
import time
import zipfile

from bench_common import machine

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PARSER = os.path.join(ROOT, "addons", "vn_lgsp_connector", "tools", "edxml.py")


def load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class _Unseekable(io.BytesIO):
    def seek(self, *args):
        raise OSError("not seekable")


def java_style_zip(data):
    sink = _Unseekable()
    with zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("5d0c2f4e-0000-4000-8000-00000000a001.pdf", data)
    return sink.getvalue()


def garbled(zipped):
    eocd = zipped.rindex(b"PK\x05\x06")
    start = struct.unpack_from("<I", zipped, eocd + 16)[0]
    return zipped[:start] + b"\xa5" * 46 + zipped[start + 46 :]


def package(edxml, zipped):
    return edxml.build_document(
        edxml.DocumentPackage(
            from_org=edxml.Organization(organ_id="000.00.41.H29"),
            to_orgs=[edxml.Organization(organ_id="000.00.00.H29")],
            document_id="000.00.41.H29,2025/11/18,90/UBND-VP",
            code_number="90",
            code_notation="UBND-VP",
            place="Quận 1",
            promulgation_date=datetime.date(2025, 11, 18),
            type=1,
            type_detail=18,
            type_name="Công văn",
            subject="V/v báo cáo",
            attachments=[
                edxml.Attachment("1", "90.pdf", "application/zip", "", zipped)
            ],
        )
    )


def outcome(edxml, data):
    try:
        return f"{len(edxml.parse(data).attachments[0].data)} bytes read"
    except edxml.EdxmlError as error:
        return f"refused ({error.code})"


def main(argv):
    before = None
    if argv[:1] == ["--before"]:
        before, argv = load("edxml_before", argv[1]), argv[2:]
    runs = int(argv[0]) if argv else 25
    edxml = load("edxml_after", PARSER)
    rng = random.Random(16)
    content = b"%PDF-1.7\n" + b"".join(
        rng.randbytes(64) + b" stream 0123456789 " * 8 for _ in range(9000)
    )
    zipped = java_style_zip(content)
    cases = {
        "directory (intact ZIP)": (edxml, package(edxml, zipped)),
        "local headers (a byte short)": (edxml, package(edxml, zipped[:-1])),
        "local headers (garbled directory)": (edxml, package(edxml, garbled(zipped))),
    }
    if before:
        cases["before: directory (intact ZIP)"] = (before, package(edxml, zipped))
    samples = {name: [] for name in cases}
    print(f"{machine()}; payload {len(content)} bytes, ZIP {len(zipped)} bytes")
    print(f"load average before: {os.getloadavg()}")
    for _round in range(runs):  # interleaved: the machine's load hits every case alike
        for name, (module, data) in cases.items():
            started = time.perf_counter()
            module.parse(data)
            samples[name].append((time.perf_counter() - started) * 1000)
    for name, values in samples.items():
        values.sort()
        p95 = values[min(len(values) - 1, int(len(values) * 0.95))]
        print(
            f"{name:36} median {statistics.median(values):7.1f} ms  p95 {p95:7.1f} ms"
        )
    base = statistics.median(samples["directory (intact ZIP)"])
    for name in list(samples)[1:]:
        ratio = statistics.median(samples[name]) / base
        print(f"{name:36} {ratio:.2f} x the intact ZIP")
    if before:
        for label, data in (
            ("a byte short", zipped[:-1]),
            ("garbled", garbled(zipped)),
        ):
            print(f"before, ZIP {label}: {outcome(before, package(edxml, data))}")
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main(sys.argv[1:])
