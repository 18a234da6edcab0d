#!/usr/bin/env python3
# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Medians of issuing an outgoing document (pyHanko), PKCS#12 vs. PKCS#11 token.

Run with scripts/benchmarks/benchmark_signing.sh (no database needed). One run = prepare
+ signer signature + number/date + agency signature on a 10-page A4 PDF;
validation = both signatures against the test root and CRL (offline).
"""

import contextlib
import datetime
import os

from bench_common import machine, median_ms
from check_common import load_by_path

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TOOLS = os.path.join(ROOT, "addons", "vn_document_outbound", "tools")
PKI_DIR = os.environ.get("VN_PKI_DIR") or os.path.join(ROOT, ".run", "pki")
PKCS11_MODULE = os.environ.get("VN_PKCS11_MODULE", "/usr/lib/softhsm/libsofthsm2.so")
TOKEN_LABEL = "vn-edoc-test"
PIN = PASSPHRASE = "1234"
RUNS = int(os.environ.get("BENCH_RUNS", "10"))
PAGES = 10


ps = load_by_path("vn_pdf_signing", os.path.join(TOOLS, "pdf_signing.py"))
images = load_by_path("vn_demo_images", os.path.join(TOOLS, "demo_images.py"))
fixtures = load_by_path(
    "vn_pdf_fixtures",
    os.path.join(ROOT, "addons", "vn_document_base", "tests", "pdf_fixtures.py"),
)


def read(name):
    with open(os.path.join(PKI_DIR, name), "rb") as fh:
        return fh.read()


def issue(pdf, signer_key, agency_key, signature, seal):
    """The full signing of one document, as the Odoo flow does it.

    ``signer_key``/``agency_key`` are callables returning a context manager
    that yields a pyHanko signer (a token session is opened per signature).
    """
    block = ps.SignatureBlock(["KT. Chủ tịch", "Phó Chủ tịch"], "Nguyễn Văn An")
    prepared = ps.prepare_for_signing(pdf, block)
    with signer_key() as signer:
        signed = ps.sign_as_signer(prepared, signer, signature)
    filled = ps.fill_number_and_date(
        signed, "Số: 05/QĐ-UBND", "Phường Bến Thành, ngày 22 tháng 11 năm 2026"
    )
    with agency_key() as agency:
        return ps.sign_as_agency(filled, agency, seal)


def measure(label, pdf, signer_key, agency_key, signature, seal, trust):
    """(label, signing median ms, validation median ms, size) for one key store."""
    issued = issue(pdf, signer_key, agency_key, signature, seal)
    results = ps.validate(issued, *trust)
    assert [r["bottom_line"] for r in results] == [True, True], results
    sign_ms = median_ms(
        lambda: issue(pdf, signer_key, agency_key, signature, seal), RUNS
    )
    validate_ms = median_ms(lambda: ps.validate(issued, *trust), RUNS)
    return label, sign_ms, validate_ms, len(issued)


def in_memory(signer):
    return lambda: contextlib.nullcontext(signer)


def on_token(key_label):
    return lambda: ps.pkcs11_signer(PKCS11_MODULE, TOKEN_LABEL, key_label, PIN)


def main():
    import pyhanko

    pdf = fixtures.make_pdf(PAGES)
    signature = images.signature_png("Nguyễn Văn An")
    seal = images.seal_png("Ủy ban nhân dân phường Bến Thành")
    trust = ([read("root.der")], [read("crl.der")])
    load_ms = median_ms(
        lambda: ps.load_pkcs12_signer(read("signer.p12"), PASSPHRASE), RUNS
    )
    p12 = (
        in_memory(ps.load_pkcs12_signer(read("signer.p12"), PASSPHRASE)),
        in_memory(ps.load_pkcs12_signer(read("agency.p12"), PASSPHRASE)),
    )
    rows = [
        measure("PKCS#12 (.p12 in memory)", pdf, *p12, signature, seal, trust),
        measure(
            "PKCS#11 (SoftHSM2 token)",
            pdf,
            on_token("signer"),
            on_token("agency"),
            signature,
            seal,
            trust,
        ),
    ]

    def open_token():
        with on_token("signer")():
            pass

    session_ms = median_ms(open_token, RUNS)

    print(f"machine: {machine()}")
    print(
        f"pyHanko {pyhanko.__version__}; {PAGES}-page A4 PDF ({len(pdf)} bytes); "
        f"median of {RUNS} runs after one warm-up; {datetime.date.today()}"
    )
    print(
        f"{'key store':<28} {'full signing':>13} {'validate 2 sigs':>16}"
        f" {'issued size':>12}"
    )
    for label, sign_ms, validate_ms, size in rows:
        print(f"{label:<28} {sign_ms:>10.1f} ms {validate_ms:>13.1f} ms {size:>9} B")
    print(
        "full signing = prepare + signer signature + number/date + agency signature "
        "(token: one session per signature, included)"
    )
    print(
        f"load a .p12 (PBES2, 50000 rounds, not included): {load_ms:.1f} ms; "
        f"open token session + login + find key: {session_ms:.1f} ms"
    )


if __name__ == "__main__":
    main()
