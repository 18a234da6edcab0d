# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from cryptography.hazmat.primitives import serialization

from odoo.tests import tagged

from . import pdf_fixtures, pki
from .common import VnDocumentCase


@tagged("post_install", "-at_install")
class TestValidationMaterialCache(VnDocumentCase):
    """The trusted roots are parsed once per process, yet every change of them counts
    for the next validation (issue 15)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pki = pki.build_pki()
        cls.env["vn.trusted.root"].search([]).active = False
        cls.signed_pdf = pdf_fixtures.make_two_signature_pdf()

    def pem(self, name):
        return base64.b64encode(
            self.pki[name]["cert"].public_bytes(serialization.Encoding.PEM)
        )

    def check(self):
        return self.env["vn.file.check"].check("qd.pdf", self.signed_pdf)

    def test_a_new_archived_or_changed_root_counts_at_once(self):
        Roots = self.env["vn.trusted.root"]
        self.assertEqual(self.check()["legal_value"], "reference")  # cached: no root
        root = Roots.create({"name": "Test root", "certificate": self.pem("root")})
        self.assertEqual(self.check()["legal_value"], "original")
        root.active = False
        self.assertEqual(self.check()["legal_value"], "reference")
        root.active = True
        self.assertEqual(self.check()["legal_value"], "original")
        # the same transaction, the same write date: replaced by another CA
        other = pki._make_root(
            "Other root", "Other CA", self.pki["root"]["cert"].not_valid_before_utc
        )
        root.certificate = base64.b64encode(
            other["cert"].public_bytes(serialization.Encoding.PEM)
        )
        self.assertEqual(self.check()["legal_value"], "reference")

    def test_a_change_by_another_worker_counts_without_a_signal(self):
        """Another worker's change reaches this one through the roots' state read in
        this transaction, not only through the cache signal."""
        root = self.env["vn.trusted.root"].create(
            {"name": "Test root", "certificate": self.pem("root")}
        )
        self.assertEqual(self.check()["legal_value"], "original")
        # what another worker's commit looks like here: no ORM call, no cache clearing
        self.env.cr.execute(
            "UPDATE vn_trusted_root SET active = FALSE WHERE id = %s", [root.id]
        )
        self.assertEqual(self.check()["legal_value"], "reference")
