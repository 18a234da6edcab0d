#!/usr/bin/env python3
# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Outgoing documents on this machine: the addon against its signing engine, rolled
back.

    scripts/benchmarks/benchmark_outgoing.sh DB
        (a database with the suite and its demo data, e.g. make demo's)

For a 10-page PDF made ready for signing by the workflow (prepared file of a
document at "to sign"), in ONE run and interleaved (engine, addon, engine, addon...):
- engine alone: the same library calls the addon makes, in memory: signer signature,
  number and date, agency signature (pyHanko, tools/signing); PKCS#12 keys opened once
  (as benchmark_signing.py), the token opened for each signature;
- through the addon: ``_vn_sign`` then ``_vn_issue`` (keys opened with their
  passphrase or PIN, file checks with clamd and pyHanko validation of what is stored,
  register number, trails, delivery lines), rolled back to a savepoint each time;
for PKCS#12 keys and with the agency key on the SoftHSM token. Prints the medians, the
ratio of the medians and the median of the per-pair ratios, the load average, and the
validation of the issued file as the file checks do it.

``BENCH_RUNS`` (default 10) pairs per key kind after one warm-up pair;
``BENCH_PROFILE=1`` adds a cProfile of the addon runs (top functions, cumulative).
"""

import base64
import contextlib
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
import warnings

from bench_common import machine, use_database

from odoo import api
from odoo.modules.registry import Registry

RUNS = int(os.environ.get("BENCH_RUNS", "10"))
PROFILE = os.environ.get("BENCH_PROFILE") == "1"
PROFILE_LINES = int(os.environ.get("BENCH_PROFILE_LINES", "60"))
SECRET = "1234"  # of the project's TEST keys (scripts/setup/make_test_ca.py)


def load():
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f}"


class Bench:
    """The demo agency's users, keys and a 10-page draft, and the two ways to issue."""

    def __init__(self, env):
        from odoo.addons.vn_document_outbound.tools import demo_images

        self.env, self.cr, ref = env, env.cr, env.ref
        self.staff = ref("vn_document_base.user_staff_demo")
        self.head = ref("vn_document_base.user_department_head_demo")
        self.clerk = ref("vn_document_base.user_clerk_demo")
        self.signer = ref("vn_document_base.user_agency_head_demo")
        keys = env["vn.signing.key"].search([])
        self.signer_key = keys.filtered(
            lambda k: k.user_id == self.signer and k.usage == "personal"
        )[:1]
        self.agency_keys = {
            kind: keys.filtered(
                lambda k, kind=kind: k.user_id == self.clerk and k.kind == kind
            )[:1]
            for kind in ("pkcs12", "pkcs11")
        }
        self.pdf = demo_images.demo_pdf("Benchmark: quyết định mười trang", pages=10)
        self.profile = cProfile.Profile() if PROFILE else None

    def to_sign(self):
        """A document at "to sign" (its prepared file made by the workflow), inside a
        savepoint the run rolls back to."""
        ref = self.env.ref
        self.cr.execute("SAVEPOINT bench")
        doc = (
            self.env["vn.document.outgoing"]
            .with_user(self.staff)
            .create(
                {
                    "subject": "Benchmark",
                    "document_type_id": ref(
                        "vn_document_base.vn_document_type_quyet_dinh"
                    ).id,
                    "drafting_department_id": ref(
                        "vn_document_base.hr_department_kt_demo"
                    ).id,
                    "signer_id": self.signer.id,
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
        )
        doc._vn_add_version("qd.pdf", self.pdf, "final")
        doc.action_send_to_head()
        doc.with_user(self.head).action_approve_content()
        doc.with_user(self.clerk).action_approve_format()
        self.env.flush_all()
        return doc

    def rollback(self):
        self.env.flush_all()
        self.cr.execute("ROLLBACK TO SAVEPOINT bench")
        self.env.invalidate_all()

    # -- the engine alone ----------------------------------------------------------
    def engine_keys(self, kind):
        """Callables giving a context manager that yields a pyHanko signer, as
        benchmark_signing.py: PKCS#12 loaded once, a token session per signature."""
        from odoo.addons.vn_document_outbound.tools.signing import keys

        def p12(key):
            data = base64.b64decode(key.sudo().pkcs12_file)
            signer = keys.load_pkcs12_signer(data, SECRET)
            return lambda: contextlib.nullcontext(signer)

        def token(key):
            return lambda: keys.pkcs11_signer(
                key.pkcs11_module, key.token_label, key.key_label, SECRET
            )

        agency = self.agency_keys[kind]
        return p12(self.signer_key), (p12 if kind == "pkcs12" else token)(agency)

    def prepare(self, doc):
        """ms of the engine's preparation of the final text (signature block and
        fields), which ``action_approve_format`` does before the timed addon path;
        benchmark_signing.py (and issue 15's figures) count it in the engine."""
        from odoo.addons.vn_document_outbound.tools.signing import layout

        block = layout.SignatureBlock(
            doc.signer_id._vn_signature_block_lines(), doc.signer_id.name
        )
        final = doc.final_version_id.file_id.attachment_id.sudo().raw
        started = time.perf_counter()
        layout.prepare_for_signing(final, block, seal_diameter_mm=35.0)
        return (time.perf_counter() - started) * 1000

    def engine(self, doc, signer_key, agency_key):
        """The library calls of ``_vn_sign`` + ``_vn_issue``, without Odoo."""
        from odoo.addons.vn_document_outbound.tools.signing import sign

        company = doc.company_id
        image = base64.b64decode(doc.signer_id.vn_signature_image)
        seal = base64.b64decode(company.vn_seal_image)
        prepared = doc.signing_file_id.attachment_id.sudo().raw
        started = time.perf_counter()
        with signer_key() as signer:
            signed = sign.sign_as_signer(prepared, signer, image, "Ký", company.name)
        filled = sign.fill_number_and_date(
            signed, "Số: 01/QĐ-UBND", "Phường Bến Thành, ngày 02 tháng 12 năm 2026"
        )
        with agency_key() as agency:
            sign.sign_as_agency(filled, agency, seal, "Ban hành", company.name)
        return (time.perf_counter() - started) * 1000

    # -- through the addon ---------------------------------------------------------
    def addon(self, doc, agency_key):
        started = time.perf_counter()
        with self.profiled():
            doc.with_user(self.signer)._vn_sign(self.signer_key, SECRET)
            doc.with_user(self.clerk)._vn_issue(agency_key, SECRET)
            self.env.flush_all()
        elapsed = (time.perf_counter() - started) * 1000
        assert doc.state == "issued" and doc.legal_value == "original", (
            doc.issued_file_id.legal_value_reason
        )
        return elapsed

    @contextlib.contextmanager
    def profiled(self):
        if self.profile is None:
            yield
            return
        self.profile.enable()
        try:
            yield
        finally:
            self.profile.disable()

    def pairs(self, kind):
        """(engine ms, addon ms, prepare ms) for RUNS documents, interleaved, after a
        warm-up."""
        signer_key, agency_key = self.engine_keys(kind)
        samples = []
        for index in range(RUNS + 1):
            doc = self.to_sign()
            prepare = self.prepare(doc)
            engine = self.engine(doc, signer_key, agency_key)
            addon = self.addon(doc, self.agency_keys[kind])
            self.rollback()
            if index:
                samples.append((engine, addon, prepare))
        return samples

    def validation(self):
        """Median ms of the file checks' validation of an issued file (2 signatures)."""
        doc = self.to_sign()
        self.addon(doc, self.agency_keys["pkcs12"])
        data = doc.issued_file_id.attachment_id.sudo().raw
        checker = self.env["vn.file.check"]
        samples = []
        for _i in range(RUNS):
            started = time.perf_counter()
            signatures = checker._check_pdf("qd.pdf", data)["signatures"]
            samples.append((time.perf_counter() - started) * 1000)
            assert len(signatures) == 2 and all(s["is_valid"] for s in signatures)
        self.rollback()
        return statistics.median(samples)


def report(label, samples):
    engine = statistics.median(s[0] for s in samples)
    addon = statistics.median(s[1] for s in samples)
    with_prepare = statistics.median(s[0] + s[2] for s in samples)
    pair_ratio = statistics.median(s[1] / s[0] for s in samples)
    print(
        f"  {label:<20} engine {engine:7.1f} ms   addon {addon:7.1f} ms   "
        f"ratio {addon / engine:4.2f} (median of pair ratios {pair_ratio:4.2f});"
        f" engine + prepare {with_prepare:7.1f} ms, ratio {addon / with_prepare:4.2f}"
    )


def main(db):
    use_database(db)
    # Odoo's own deprecation warnings (werkzeug) print a stack per call: not ours
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    registry = Registry(db)
    with registry.cursor() as cr:
        env = api.Environment(
            cr, api.SUPERUSER_ID, {"tracking_disable": True, "lang": "vi_VN"}
        )
        bench = Bench(env)
        print(f"Machine: {machine()}; before: {load()}")
        results = [
            ("PKCS#12 keys", bench.pairs("pkcs12")),
            ("agency key on token", bench.pairs("pkcs11")),
        ]
        validate = bench.validation()
        cr.rollback()
    print(
        f"10-page PDF, {RUNS} interleaved pairs per key kind after one warm-up"
        f" (after: {load()}):"
    )
    print(
        "  engine = signer signature + number/date + agency signature on the prepared"
        " file (tools/signing, in memory)"
    )
    print(
        "  addon  = _vn_sign + _vn_issue (keys opened, file checks, storage, number,"
        " trails, delivery)"
    )
    print(
        "  prepare = the signature block and fields added to the final text (done by"
        " action_approve_format, before)"
    )
    for label, samples in results:
        report(label, samples)
    print(f"  validate the issued file (both signatures) {validate:8.1f} ms")
    if bench.profile is not None:
        out = io.StringIO()
        stats = pstats.Stats(bench.profile, stream=out).strip_dirs()
        stats.sort_stats("cumulative").print_stats(PROFILE_LINES)
        stats.sort_stats("tottime").print_stats(PROFILE_LINES // 2)
        print(out.getvalue())


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "vn_edoc_demo"))
