# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import io

from cryptography.hazmat.primitives import serialization

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from . import pdf_fixtures, pki
from .common import VnDocumentCase

PYHANKO_LOGGERS = (
    "pyhanko",
    "pyhanko_certvalidator",
    "odoo.addons.vn_document_base.models.vn_file_check",
)


@tagged("post_install", "-at_install")
class TestSignatureValidation(VnDocumentCase):
    """R-IN2, R-LV1 to R-LV5: each PDF signature validated by pyHanko against trusted
    roots."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pki = pki.build_pki()
        pem = cls.pki["root"]["cert"].public_bytes(serialization.Encoding.PEM)
        crl = cls.pki["crl"].public_bytes(serialization.Encoding.PEM)
        cls.env["vn.trusted.root"].search(
            []
        ).active = False  # only the test root counts
        cls.root = cls.env["vn.trusted.root"].create(
            {
                "name": "Test root",
                "certificate": base64.b64encode(pem),
                "crl": base64.b64encode(crl),
            }
        )
        cls.checker = cls.env["vn.file.check"].with_context(lang="vi_VN")
        cls.plain = pdf_fixtures.make_pdf()

    def check(self, data):
        return self.checker.check("van-ban.pdf", data)

    def sign(self, *names):
        pdf = pdf_fixtures.add_signature_fields(
            self.plain, [f"Sig{i}" for i in range(1, len(names) + 1)]
        )
        for index, name in enumerate(names, start=1):
            pdf = pdf_fixtures.sign_pdf(
                pdf, self.pki[name], self.pki["root"], field_name=f"Sig{index}"
            )
        return pdf

    def test_signer_and_agency_make_an_original(self):
        report = self.check(pdf_fixtures.make_two_signature_pdf())
        first, second = report["signatures"]
        self.assertTrue(first["is_valid"] and second["is_valid"])
        self.assertEqual(first["signer_name"], "Nguyễn Văn An")
        self.assertEqual(first["signer_kind"], "individual")
        self.assertEqual(second["signer_kind"], "organisation")
        self.assertEqual(second["organisation"], "Ủy ban nhân dân phường Bến Thành")
        self.assertIn("Test Root CA", first["issuer"])
        self.assertTrue(first["signing_time"])
        self.assertEqual(first["modification_level"], "FORM_FILLING")
        self.assertEqual(report["legal_value"], "original")

    @mute_logger(*PYHANKO_LOGGERS)
    def test_tampered_after_signing(self):
        report = self.check(
            pdf_fixtures.tamper_pdf(pdf_fixtures.make_two_signature_pdf())
        )
        self.assertFalse(any(s["is_valid"] for s in report["signatures"]))
        self.assertEqual(report["signatures"][0]["modification_level"], "OTHER")
        self.assertIn("sửa đổi sau khi ký", report["signatures"][0]["reason"])
        self.assertEqual(report["legal_value"], "reference")

    @mute_logger(*PYHANKO_LOGGERS)
    def test_untrusted_root(self):
        pdf = pdf_fixtures.sign_pdf(
            self.plain, self.pki["rogue_signer"], self.pki["rogue_root"]
        )
        (sig,) = self.check(pdf)["signatures"]
        self.assertTrue(sig["intact"])
        self.assertFalse(sig["trusted"])
        self.assertFalse(sig["is_valid"])
        self.assertIn("tin cậy", sig["reason"])

    @mute_logger(*PYHANKO_LOGGERS)
    def test_trust_comes_from_configuration(self):
        pdf = self.sign("signer", "agency")
        self.root.active = False
        self.assertFalse(any(s["is_valid"] for s in self.check(pdf)["signatures"]))
        self.root.active = True
        self.assertTrue(all(s["is_valid"] for s in self.check(pdf)["signatures"]))

    @mute_logger(*PYHANKO_LOGGERS)
    def test_revoked_certificate_from_local_crl(self):
        (sig,) = self.check(self.sign("revoked"))["signatures"]
        self.assertTrue(sig["revoked"])
        self.assertFalse(sig["is_valid"])
        self.assertIn("thu hồi", sig["reason"])

    def test_unsigned(self):
        report = self.check(self.plain)
        self.assertEqual(report["signatures"], [])
        self.assertEqual(report["legal_value"], "reference")

    def test_signed_by_an_individual_only(self):
        report = self.check(self.sign("signer"))
        self.assertTrue(report["signatures"][0]["is_valid"])
        self.assertEqual(report["legal_value"], "reference")

    def test_agency_signature_only_is_a_certified_copy(self):
        report = self.check(self.sign("agency"))
        self.assertEqual(report["legal_value"], "certified_copy")

    def test_signatures_stored_with_the_file(self):
        owner = self.env["res.partner"].create({"name": "Văn bản đến thử"})
        stored = self.env["vn.document.file"]._vn_store_checked(
            "qd.pdf", pdf_fixtures.make_two_signature_pdf(), owner
        )
        self.assertEqual(stored.legal_value, "original")
        self.assertEqual(stored.signature_ids.mapped("sequence"), [1, 2])
        self.assertTrue(all(stored.signature_ids.mapped("is_valid")))

    def test_trusted_root_must_be_a_ca(self):
        pem = self.pki["signer"]["cert"].public_bytes(serialization.Encoding.PEM)
        with self.assertRaises(ValidationError):
            self.env["vn.trusted.root"].create(
                {"name": "Not a CA", "certificate": base64.b64encode(pem)}
            )
        with self.assertRaises(ValidationError):
            self.env["vn.trusted.root"].create(
                {"name": "Junk", "certificate": base64.b64encode(b"junk")}
            )


@tagged("post_install", "-at_install")
class TestTestCertificateAuthority(VnDocumentCase):
    """The tests' CA (tests/pki.py, also scripts/setup/make_test_ca.py's): PKCS#12
    files and a SoftHSM token that sign."""

    def setUp(self):
        super().setUp()
        self.files = pki.pki_files()
        self.env["vn.trusted.root"].search(
            []
        ).active = False  # only the on-disk test root counts
        with open(self.files["root"], "rb") as f:
            self.env["vn.trusted.root"].create(
                {"name": "Test CA", "certificate": base64.b64encode(f.read())}
            )

    def _sign_and_validate(self, signer):
        """Sign a fresh PDF with ``signer`` and return the suite's verdict on it."""
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.sign import signers

        out = signers.sign_pdf(
            IncrementalPdfFileWriter(io.BytesIO(pdf_fixtures.make_pdf())),
            signers.PdfSignatureMetadata(field_name="Sig1", md_algorithm="sha256"),
            signer=signer,
        )
        (sig,) = self.env["vn.file.check"].check("signed.pdf", out.getvalue())[
            "signatures"
        ]
        return sig

    def test_pkcs12_signer(self):
        from pyhanko.sign import signers

        signer = signers.SimpleSigner.load_pkcs12(
            self.files["signer_p12"], passphrase=pki.PASSPHRASE.encode()
        )
        sig = self._sign_and_validate(signer)
        self.assertTrue(sig["is_valid"])
        self.assertEqual(sig["signer_kind"], "individual")

    def test_softhsm_token_signer(self):
        from pyhanko.config.pkcs11 import PKCS11SignatureConfig, TokenCriteria
        from pyhanko.sign.pkcs11 import PKCS11SigningContext

        missing = pki.softhsm_missing()
        if missing:
            self.skipTest(f"SoftHSM2 {missing}")
        token = pki.softhsm_token()
        config = PKCS11SignatureConfig(
            module_path=token["module"],
            token_criteria=TokenCriteria(label=token["label"]),
            cert_label="agency",
            key_label="agency",
            user_pin=token["pin"],
        )
        with PKCS11SigningContext(config) as signer:
            sig = self._sign_and_validate(signer)
        self.assertTrue(sig["is_valid"])
        self.assertEqual(sig["signer_kind"], "organisation")
