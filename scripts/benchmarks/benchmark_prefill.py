# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""From upload to a pre-filled form (issue 16): the clerk's browser uploads a signed
2 MB PDF (an ND 30 letter with a scanned appendix), then the form's onchange checks
it (type, malware, signatures) and reads number, date, type, subject, agency and
signer into the empty fields. Each run is a new PDF (clamd remembers clean files);
everything is rolled back."""

import io
import os
import statistics
import sys
import time

from bench_common import (
    benchmark_clerk,
    machine,
    trust_only_this_runs_root,
    use_database,
)

from odoo import api
from odoo.modules.registry import Registry

RUNS = int(os.environ.get("BENCH_RUNS", "15"))
CLERK_LOGIN = "benchmark_prefill_clerk"


def load():
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def build_pdf(pixels=820):
    """The ND 30 letter of the inbound tests, then a page of incompressible image
    (about 2 MB), signed by a person then by the agency (test PKI)."""
    import pikepdf
    from PIL import Image
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    from odoo.addons.vn_document_base.tests import pdf_fixtures, pki
    from odoo.addons.vn_document_inbound.tests.test_reading import nd30_pdf

    image = Image.frombytes("RGB", (pixels, pixels), os.urandom(pixels * pixels * 3))
    buf = io.BytesIO()
    appendix = canvas.Canvas(buf, pagesize=A4)
    appendix.drawImage(ImageReader(image), 50, 200, 500, 500)
    appendix.showPage()
    appendix.save()
    with pikepdf.open(io.BytesIO(nd30_pdf())) as letter, pikepdf.open(buf) as extra:
        letter.pages.extend(extra.pages)
        out = io.BytesIO()
        letter.save(out)
    ca = pki.build_pki()
    data = pdf_fixtures.add_signature_fields(out.getvalue(), ["Sig1", "Sig2"])
    data = pdf_fixtures.sign_pdf(data, ca["signer"], ca["root"], "Sig1")
    return pdf_fixtures.sign_pdf(data, ca["agency"], ca["root"], "Sig2")


def prepare(registry):
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        trust_only_this_runs_root(env)
        return benchmark_clerk(env, CLERK_LOGIN, "Benchmark prefill clerk").id


SPEC = {
    name: {}
    for name in (
        "upload_ids",
        "code_number",
        "code_notation",
        "issued_date",
        "subject",
        "organ_name",
        "signer_name",
        "signer_position",
        "page_count",
        "reading_result",
    )
}
SPEC["document_type_id"] = {"fields": {"display_name": {}}}
SPEC["urgency_id"] = {"fields": {"display_name": {}}}
SPEC["sender_id"] = {"fields": {"display_name": {}}}


def one_run(registry, clerk_id, pdf):
    """Upload then onchange, as the web client calls them; times in ms."""
    with registry.cursor() as cr:
        env = api.Environment(cr, clerk_id, {"lang": "vi_VN", "tz": "Asia/Ho_Chi_Minh"})
        started = time.perf_counter()
        upload = env["ir.attachment"].create(
            {"name": "cong-van.pdf", "raw": pdf, "res_model": "vn.document.incoming"}
        )
        uploaded = time.perf_counter()
        result = env["vn.document.incoming"].onchange(
            {"upload_ids": [(6, 0, upload.ids)]}, ["upload_ids"], SPEC
        )
        done = time.perf_counter()
        value = result["value"]
        if value.get("code_number") != "15":
            sys.exit(f"the form was not pre-filled: {value}")
        cr.rollback()
    return (uploaded - started) * 1000, (done - uploaded) * 1000


def main(db):
    use_database(db)
    registry = Registry(db)
    clerk_id = prepare(registry)
    pdfs = [build_pdf() for _i in range(RUNS + 1)]
    size = len(pdfs[0]) / 1048576
    print(f"machine: {machine()}; {load()}; database {db}")
    print(f"{RUNS} runs, a new signed {size:.1f} MB PDF (2 pages, text + image) each")
    one_run(registry, clerk_id, pdfs[0])  # warm-up
    uploads, onchanges, totals = [], [], []
    for pdf in pdfs[1:]:
        upload_ms, onchange_ms = one_run(registry, clerk_id, pdf)
        uploads.append(upload_ms)
        onchanges.append(onchange_ms)
        totals.append(upload_ms + onchange_ms)
    print(f"upload (attachment create): median {statistics.median(uploads):.0f} ms")
    print(
        "onchange (checks + reading into the form): median "
        f"{statistics.median(onchanges):.0f} ms"
    )
    totals.sort()
    p95 = totals[min(len(totals) - 1, round(0.95 * (len(totals) - 1)))]
    print(
        f"upload to a pre-filled form: median {statistics.median(totals):.0f} ms, "
        f"p95 {p95:.0f} ms"
    )
    print(load())


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "vn_edoc_bench_prefill")
