#!/usr/bin/env python3
# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Registration of a signed 2.4 MB PDF against the floor of its checks, in one run.

    scripts/benchmarks/benchmark_registration.sh [DB] [RUNS]

Each run takes a new signed PDF (never the same bytes twice: the filestore and the
caches see what an agency sees) and measures, interleaved:

(a) the floor: the library calls the checks need, made directly with the parameters
    the suite uses: libmagic on the first 8 kB, SHA-256, clamd INSTREAM (pyclamd),
    pyHanko reading the PDF and validating its two signatures with a validation
    context built from the database's trusted roots and revocation settings, the
    file written to a folder, one INSERT and its COMMIT (the issue's list); and the
    library calls the checks also make that this list leaves out (``EXTRA_PARTS``):
    clamd VERSION (the scanner's version is recorded with the file), pyHanko reading
    every object of every revision (the inspection for active content, R-SEC2) and
    SHA-1 twice (the filestore names the upload by it; the checked original is
    compared with it). Both floors and both ratios are printed;
(b) the full registration through the addon as the records clerk, the way the screen
    does it, one transaction per request: the upload (``ir.attachment``), the new
    received document with the upload (every check, the stored original, its trail),
    then "Register" (the arrival number, the trail).

Prints the medians of both, their ratio, the median of each part, and the load.
``BENCH_PROFILE=FILE`` adds a cProfile of the full path (printed, saved in FILE).
It commits registered documents: only for a scratch database (default
vn_edoc_bench_registration).
"""

import cProfile
import hashlib
import io
import os
import pstats
import statistics
import sys
import tempfile
import time

from bench_common import (
    benchmark_clerk,
    machine,
    signed_image_pdf,
    trust_only_this_runs_root,
    use_database,
)

from odoo import api
from odoo.modules.registry import Registry

RUNS = int(os.environ.get("BENCH_RUNS", "15"))
CLERK_LOGIN = "benchmark_registration_clerk"
# library calls of the checks that the floor does not list
EXTRA_PARTS = ("clamd VERSION", "pyHanko object reads (active content)", "SHA-1 x 2")
SCREEN_CONTEXT = {"lang": "vi_VN", "tz": "Asia/Ho_Chi_Minh"}


def load():
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def prepare(registry):
    """The benchmark's clerk and trusted root (committed once); the register book."""
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        trust_only_this_runs_root(env)
        clerk = benchmark_clerk(env, CLERK_LOGIN, "Benchmark registration clerk")
        book = env["vn.register.book"].search(
            [("kind", "=", "incoming"), ("company_id", "=", clerk.company_id.id)],
            limit=1,
        )
        # The same trust settings the checks read (roots, CRLs, revocation policy).
        checks = env["vn.file.check"]
        settings = dict(checks._validation_settings(), clamd=checks._clamd_address())
        return clerk.id, book.id, settings


class Floor:
    """The library calls of the checks, made directly; ``run(pdf)`` gives the time of
    each part in ms."""

    def __init__(self, registry, settings):
        self.settings = settings
        self.folder = tempfile.mkdtemp(prefix="vn_floor_")
        self.cr = registry.cursor()
        # a real table (a temporary one would commit without writing the WAL),
        # dropped at the end
        self.cr.execute("DROP TABLE IF EXISTS vn_bench_floor")
        self.cr.execute(
            "CREATE TABLE vn_bench_floor (id serial PRIMARY KEY, name varchar, "
            "sha256 varchar, mimetype varchar, legal_value varchar, create_date "
            "timestamp)"
        )
        self.cr.commit()
        self.count = 0

    def close(self):
        self.cr.execute("DROP TABLE vn_bench_floor")
        self.cr.commit()
        self.cr.close()
        for name in os.listdir(self.folder):
            os.unlink(os.path.join(self.folder, name))
        os.rmdir(self.folder)

    def run(self, pdf):
        import magic
        import pyclamd
        from pyhanko.pdf_utils.reader import PdfFileReader
        from pyhanko.sign.validation import validate_pdf_signature
        from pyhanko_certvalidator import ValidationContext

        from odoo.addons.vn_document_base.models.vn_file_hazard import pdf_hazards

        parts = {}
        clock = time.perf_counter

        started = clock()
        mimetype = magic.from_buffer(pdf[:8192], mime=True)
        parts["libmagic"] = clock() - started

        started = clock()
        sha256 = hashlib.sha256(pdf).hexdigest()
        parts["sha256"] = clock() - started

        started = clock()
        sha1 = [hashlib.sha1(pdf).hexdigest() for _i in range(2)]
        assert sha1[0] == sha1[1]
        parts["SHA-1 x 2"] = clock() - started

        address = self.settings["clamd"].removeprefix("unix://")
        started = clock()
        assert pyclamd.ClamdUnixSocket(filename=address, timeout=60).version()
        parts["clamd VERSION"] = clock() - started

        started = clock()
        result = pyclamd.ClamdUnixSocket(filename=address, timeout=60).scan_stream(pdf)
        assert result is None, result
        parts["clamd INSTREAM"] = clock() - started

        started = clock()
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        context = ValidationContext(
            trust_roots=self.settings["trust_roots"],
            crls=self.settings["crls"],
            allow_fetching=self.settings["allow_fetching"],
            revocation_mode=self.settings["revocation_mode"],
        )
        statuses = [
            validate_pdf_signature(emb, signer_validation_context=context)
            for emb in reader.embedded_signatures
        ]
        assert len(statuses) == 2 and all(s.bottom_line for s in statuses)
        parts["pyHanko (2 signatures)"] = clock() - started

        started = clock()
        assert pdf_hazards(pdf, reader=reader) == []
        parts["pyHanko object reads (active content)"] = clock() - started

        started = clock()
        self.count += 1
        with open(os.path.join(self.folder, f"{self.count}.pdf"), "wb") as f:
            f.write(pdf)
        parts["file write"] = clock() - started

        started = clock()
        self.cr.execute(
            "INSERT INTO vn_bench_floor (name, sha256, mimetype, legal_value, "
            "create_date) VALUES (%s, %s, %s, %s, now() at time zone 'UTC')",
            ("2mb.pdf", sha256, mimetype, "original"),
        )
        self.cr.commit()
        parts["INSERT + COMMIT"] = clock() - started
        return {key: value * 1000 for key, value in parts.items()}


class Registration:
    """The clerk's registration through the addon, one transaction per request as the
    screen does it; ``run(pdf)`` gives the time of each request in ms."""

    def __init__(self, registry, clerk_id, book_id):
        self.registry = registry
        self.clerk_id = clerk_id
        self.book_id = book_id

    def _request(self, work):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, self.clerk_id, dict(SCREEN_CONTEXT))
            result = work(env)
            cr.commit()
        return result

    def run(self, pdf):
        parts = {}
        clock = time.perf_counter

        def upload(env):
            return (
                env["ir.attachment"]
                .create(
                    {
                        "name": "2mb.pdf",
                        "raw": pdf,
                        "res_model": "vn.document.incoming",
                        "res_id": 0,
                    }
                )
                .id
            )

        def receive(env):
            return (
                env["vn.document.incoming"]
                .create(
                    {
                        "subject": "Benchmark",
                        "channel": "lgsp",
                        "register_book_id": self.book_id,
                        "upload_ids": [(6, 0, [upload_id])],
                    }
                )
                .id
            )

        def register(env):
            doc = env["vn.document.incoming"].browse(doc_id)
            doc.action_register()
            assert doc.legal_value == "original" and doc.arrival_number

        started = clock()
        upload_id = self._request(upload)
        parts["upload"] = clock() - started
        started = clock()
        doc_id = self._request(receive)
        parts["create with the checks"] = clock() - started
        started = clock()
        self._request(register)
        parts["register"] = clock() - started
        return {key: value * 1000 for key, value in parts.items()}


def median_parts(samples):
    return {key: statistics.median(s[key] for s in samples) for key in samples[0]}


def print_parts(title, samples):
    totals = [sum(s.values()) for s in samples]
    print(f"{title}: median {statistics.median(totals):.1f} ms")
    for key, value in median_parts(samples).items():
        print(f"    {key}: {value:.1f} ms")
    return statistics.median(totals)


def main(db):
    use_database(db)
    registry = Registry(db)
    clerk_id, book_id, settings = prepare(registry)
    floor = Floor(registry, settings)
    full = Registration(registry, clerk_id, book_id)
    print(f"machine: {machine()}; {load()}; database {db}")
    # two PDFs per run: clamd remembers the files it found clean, so the floor and
    # the addon must never scan the same bytes
    pdfs = [(signed_image_pdf(820), signed_image_pdf(820)) for _i in range(RUNS + 1)]
    size = len(pdfs[0][0]) / 1048576
    print(f"{RUNS} runs, interleaved, a new signed {size:.1f} MB PDF each time")
    floor.run(pdfs[0][0])  # warm-up: imports, libmagic's database, pyHanko's caches
    full.run(pdfs[0][1])
    floor_samples, full_samples = [], []
    profile = cProfile.Profile() if os.environ.get("BENCH_PROFILE") else None
    for index, (floor_pdf, full_pdf) in enumerate(pdfs[1:]):
        # alternate which goes first, so neither always finds a warmer machine
        order = (floor, full) if index % 2 == 0 else (full, floor)
        for runner in order:
            if runner is floor:
                floor_samples.append(floor.run(floor_pdf))
                continue
            if profile:
                profile.enable()
            full_samples.append(full.run(full_pdf))
            if profile:
                profile.disable()
    floor.close()
    listed = [
        {key: value for key, value in run.items() if key not in EXTRA_PARTS}
        for run in floor_samples
    ]
    listed_ms = print_parts("floor as the issue lists it (made directly)", listed)
    floor_ms = print_parts(
        "floor with every library call of the checks (made directly)", floor_samples
    )
    full_ms = print_parts("registration through the addon (clerk)", full_samples)
    for label, floors, ms in (
        ("the issue's floor", listed, listed_ms),
        ("every library call", floor_samples, floor_ms),
    ):
        # each run's pair was measured under the same load
        paired = statistics.median(
            sum(full_run.values()) / sum(floor_run.values())
            for full_run, floor_run in zip(full_samples, floors, strict=True)
        )
        print(
            f"ratio registration / {label}: {full_ms / ms:.2f} (medians), "
            f"{paired:.2f} (median of each run's ratio)"
        )
    print(load())
    if profile:
        profile.dump_stats(os.environ["BENCH_PROFILE"])
        stats = pstats.Stats(profile)
        stats.sort_stats("cumulative").print_stats(60)
        stats.sort_stats("tottime").print_stats(30)


if __name__ == "__main__":
    main(sys.argv[1])
