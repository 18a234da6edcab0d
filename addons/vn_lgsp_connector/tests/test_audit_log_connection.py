# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from cryptography.hazmat.primitives.serialization import (
    BestAvailableEncryption,
    pkcs12,
)

from odoo.tests import tagged

from odoo.addons.vn_document_base.tests import pki
from odoo.addons.vn_document_base.tests.common import VnDocumentCase
from odoo.addons.vn_document_base.tests.test_audit_log import AuditLogMixin

PIN = "Pin-Bi-Mat-2468"
SECRET = "lgsp-secret-9f3a"
CLIENT_SECRET = "oauth-client-7c1e"


@tagged("post_install", "-at_install")
class TestAuditLogKeysAndConnection(AuditLogMixin, VnDocumentCase):
    """Issue 14: signing keys and the LGSP connection are audit-logged with their old
    and new values; the key file, its PIN and the platform secrets never are."""

    def test_signing_key_is_logged_without_key_file_or_pin(self):
        ca = pki.build_pki()
        p12 = pkcs12.serialize_key_and_certificates(
            b"signer",
            ca["signer"]["key"],
            ca["signer"]["cert"],
            None,
            BestAvailableEncryption(PIN.encode()),
        )
        p12_b64 = base64.b64encode(p12).decode()
        admin = self.users["admin"]
        key = (
            self.env["vn.signing.key"]
            .with_user(admin)
            .create(
                {
                    "name": "Khóa của Chủ tịch",
                    "user_id": self.users["agency_head"].id,
                    "usage": "personal",
                    "kind": "pkcs12",
                    "pkcs12_file": p12_b64,
                }
            )
        )
        self.assertTrue(self.logs(key, "create"))
        key.write({"check_secret": PIN})  # opens the key, records its certificate
        self.assertTrue(key.certificate_fingerprint)
        self.assertEqual(
            self.changed(key, "certificate_fingerprint"),
            (False, key.certificate_fingerprint),
        )
        key.write({"name": "Khóa của Chủ tịch UBND"})
        self.assertEqual(
            self.changed(key, "name"), ("Khóa của Chủ tịch", "Khóa của Chủ tịch UBND")
        )
        logged = self.logs(key, "create") | self.logs(key, "write")
        self.assertNotIn("pkcs12_file", logged.line_ids.field_id.mapped("name"))
        self.assertNotIn("check_secret", logged.line_ids.field_id.mapped("name"))
        self.assert_secret_never_logged(PIN)
        self.assert_secret_never_logged(p12_b64[:40])

    def test_lgsp_connection_is_logged_without_secrets(self):
        admin = self.users["admin"]
        profile = (
            self.env["vn.lgsp.profile"]
            .with_user(admin)
            .create(
                {
                    "name": "HCM LGSP",
                    "endpoint": "https://lgsp.example.gov.vn",
                    "system_id": "sys-a",
                    "secret": SECRET,
                }
            )
        )
        self.assertTrue(self.logs(profile, "create"))
        profile.write(
            {
                "endpoint": "https://lgsp2.example.gov.vn",
                "client_secret": CLIENT_SECRET,
            }
        )
        self.assertEqual(
            self.changed(profile, "endpoint"),
            ("https://lgsp.example.gov.vn", "https://lgsp2.example.gov.vn"),
        )
        credential = self.env["vn.lgsp.credential"].search(
            [("profile_id", "=", profile.id)]
        )
        self.assertTrue(self.logs(credential, "create"))
        self.assert_secret_never_logged(SECRET)
        self.assert_secret_never_logged(CLIENT_SECRET)
        self.assertEqual(profile._client().secret, SECRET)
