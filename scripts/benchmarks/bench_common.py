# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the benchmark scripts share: medians and the description of the machine."""

import os
import platform
import statistics
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def use_database(db):
    """Configure this process's Odoo for ``db`` with the repository's odoo.conf and the
    suite's addons (``VN_ADDONS_PATH`` if the caller set it)."""
    from odoo.tools import config

    addons = os.environ.get("VN_ADDONS_PATH") or os.path.join(ROOT, "addons")
    config.parse_config(
        ["-c", os.path.join(ROOT, "odoo.conf"), "--addons-path", addons, "-d", db]
    )


def connect_from_env(db):
    """A psycopg2 connection to ``db`` from the PG* environment (the generators that
    write with plain SQL, without Odoo)."""
    import psycopg2

    return psycopg2.connect(
        dbname=db,
        user=os.environ.get("PGUSER", "vn_edoc"),
        host=os.environ.get("PGHOST", "127.0.0.1"),
        password=os.environ.get("PGPASSWORD"),
    )


def median_ms(func, runs):
    """Median wall time of ``func`` in ms over ``runs`` calls, after a warm-up call."""
    func()
    samples = []
    for _i in range(runs):
        started = time.perf_counter()
        func()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def machine():
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in open("/proc/cpuinfo")
            if "model name" in line
        ),
        "?",
    )
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}"


def signed_image_pdf(pixels):
    """A one-page PDF holding an incompressible image of ``pixels`` x ``pixels``
    (820: about 2 MB, 580: about 1 MB), signed by a person then by the agency with the
    in-process test PKI."""
    import io

    from PIL import Image
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    from odoo.addons.vn_document_base.tests import pdf_fixtures, pki

    image = Image.frombytes("RGB", (pixels, pixels), os.urandom(pixels * pixels * 3))
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    pdf.drawImage(ImageReader(image), 50, 200, 500, 500)
    pdf.showPage()
    pdf.save()
    ca = pki.build_pki()
    data = pdf_fixtures.add_signature_fields(buf.getvalue(), ["Sig1", "Sig2"])
    data = pdf_fixtures.sign_pdf(data, ca["signer"], ca["root"], "Sig1")
    return pdf_fixtures.sign_pdf(data, ca["agency"], ca["root"], "Sig2")


def trust_only_this_runs_root(env):
    """Make this process's test PKI root the only trusted root of the scratch database
    ``env`` (superuser). Each process makes a new test PKI; every other root is
    archived (earlier runs' and the demo's, whose CRL names the same distribution
    point and would make the revocation status undecidable), so the validation sees
    one root as an agency's few would."""
    import base64
    import hashlib

    from cryptography.hazmat.primitives import serialization

    from odoo.addons.vn_document_base.tests import pki

    root = pki.build_pki()["root"]["cert"]
    fingerprint = hashlib.sha256(
        root.public_bytes(serialization.Encoding.DER)
    ).hexdigest()
    Roots = env["vn.trusted.root"]
    Roots.search([("fingerprint", "!=", fingerprint)]).active = False
    if not Roots.search([("fingerprint", "=", fingerprint)]):
        pem = root.public_bytes(serialization.Encoding.PEM)
        Roots.create({"name": "Benchmark root", "certificate": base64.b64encode(pem)})


def benchmark_clerk(env, login, name):
    """The benchmark's records clerk ``login`` (created once)."""
    clerk = env["res.users"].search([("login", "=", login)])
    if not clerk:
        group = env.ref("vn_document_base.group_vn_document_clerk")
        clerk = env["res.users"].create(
            {"name": name, "login": login, "group_ids": [(6, 0, group.ids)]}
        )
    return clerk
