#!/usr/bin/env python3
# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Give a test database one stored original signed by a person and the agency (and
the test root that makes it valid) and a number taken in a register book, so its
restore drill validates a signed PDF again and compares a last number. Test
databases only: the test PKI is not a real one.

    seed_original.py [odoo options] DB
"""

import base64
import hashlib
import sys


def main(argv):
    from odoo.tools import config

    config.parse_config(argv[:-1])
    db = argv[-1]
    from cryptography.hazmat.primitives import serialization

    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry

    from odoo.addons.vn_document_base.tests import pdf_fixtures, pki

    with Registry(db).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        ca = pki.build_pki()
        pem = ca["root"]["cert"].public_bytes(serialization.Encoding.PEM)
        # the test PKI is new in each process: its root too
        env["vn.trusted.root"].create(
            {"name": "Restore drill test root", "certificate": base64.b64encode(pem)}
        )
        pdf = pdf_fixtures.make_two_signature_pdf()
        facts = env["vn.file.check"]._check_pdf("drill-signed.pdf", pdf)
        owner = env["res.partner"].create({"name": "Restore drill test document"})
        stored = env["vn.document.file"]._vn_store(
            "drill-signed.pdf",
            pdf,
            owner,
            {
                "mimetype": "application/pdf",
                "size": len(pdf),
                "sha256": hashlib.sha256(pdf).hexdigest(),
                "scan_engine": "none (test seed)",
                "page_count": facts["page_count"],
                "legal_value": facts["legal_value"],
                "legal_value_reason": facts["legal_value_reason"],
                "signatures": facts["signatures"],
            },
        )
        assert stored.legal_value == "original", stored.legal_value_reason
        book = env["vn.register.book"].create(
            {"name": "Restore drill test book", "kind": "incoming"}
        )
        book._take_number()
        cr.commit()
        print(stored.attachment_id.store_fname)


if __name__ == "__main__":
    main(sys.argv[1:])
