# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import os
import unittest

from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.vn_document_base.tests import pdf_fixtures, pki
from odoo.addons.vn_document_base.tests.common import VnDocumentCase

from ..tools import demo_images

PASSPHRASE = pki.PASSPHRASE  # of the tests' PKCS#12 files and token


def pki_path(name):
    """Path of a file of the tests' PKI (vn_document_base/tests/pki.py): root.pem..."""
    return os.path.join(pki.pki_dir(), name)


def read_pki(name):
    with open(pki_path(name), "rb") as f:
        return f.read()


class OutgoingSetup:
    """An agency ready to issue: the tests' PKI trusted, a signer with a PKCS#12 key
    and a signature image, a records clerk holding the agency key on the SoftHSM
    token, a drafting unit with its head, a seal, and register books numbered per
    type. Needs ``cls.users``."""

    @classmethod
    def _setup_agency(cls):
        missing = pki.softhsm_missing()
        if missing:
            raise unittest.SkipTest(f"SoftHSM2 {missing}: no token for the agency key")
        token = pki.softhsm_token()
        env = cls.env
        env["vn.trusted.root"].search([]).active = False
        env["vn.trusted.root"].create(
            {
                "name": "Test root (on disk)",
                "certificate": base64.b64encode(read_pki("root.pem")),
                "crl": base64.b64encode(read_pki("crl.pem")),
            }
        )
        cls.company.write(
            {
                "vn_seal_image": base64.b64encode(
                    demo_images.seal_png(cls.company.name)
                ),
                "vn_seal_diameter_mm": 35.0,
                "vn_place_name": "Phường Bến Thành",
            }
        )
        cls.staff = cls.users["staff"]
        cls.head_of_unit = cls.users["department_head"]
        cls.signer = cls.users["agency_head"]
        cls.clerk = cls.users["clerk"]
        cls.reviewer = new_test_user(
            env,
            login="vn_test_reviewer",
            groups="vn_document_base.group_vn_document_staff",
            lang="vi_VN",
            tz="Asia/Ho_Chi_Minh",
        )
        cls.outsider = new_test_user(
            env,
            login="vn_test_outsider",
            groups="vn_document_base.group_vn_document_staff",
            lang="vi_VN",
            tz="Asia/Ho_Chi_Minh",
        )
        cls.signer.write(
            {
                "name": "Nguyễn Văn An",
                "vn_signing_authority": "KT",
                "vn_signing_principal": "Chủ tịch",
                "vn_signing_title": "Phó Chủ tịch",
                "vn_signature_image": base64.b64encode(
                    demo_images.signature_png("Nguyễn Văn An")
                ),
            }
        )
        cls.department = env["hr.department"].create(
            {"name": "Văn phòng", "vn_short_name": "VP"}
        )
        head_employee = env["hr.employee"].create(
            {
                "name": cls.head_of_unit.name,
                "user_id": cls.head_of_unit.id,
                "department_id": cls.department.id,
            }
        )
        env["hr.employee"].create(
            {
                "name": cls.staff.name,
                "user_id": cls.staff.id,
                "department_id": cls.department.id,
            }
        )
        cls.department.manager_id = head_employee
        env["ir.config_parameter"].sudo().set_param(
            "vn_document_outbound.format_checker_id", cls.clerk.id
        )
        cls.decision = env.ref("vn_document_base.vn_document_type_quyet_dinh")
        cls.letter = env.ref("vn_document_base.vn_document_type_cong_van")
        Book = env["vn.register.book"]
        cls.book_decision = Book.create(
            {
                "name": "Sổ văn bản đi - Quyết định",
                "kind": "outgoing",
                "document_type_ids": [Command.set(cls.decision.ids)],
            }
        )
        cls.book_letter = Book.create(
            {
                "name": "Sổ văn bản đi - Công văn",
                "kind": "outgoing",
                "document_type_ids": [Command.set(cls.letter.ids)],
            }
        )
        if not Book.search([("kind", "=", "incoming")]):
            Book.create({"name": "Sổ văn bản đến", "kind": "incoming"})
        Book.search([("kind", "=", "copy")]).active = False
        cls.book_copy = Book.create({"name": "Sổ bản sao", "kind": "copy"})
        Key = env["vn.signing.key"]
        cls.signer_key = Key.create(
            {
                "name": "Chữ ký số của Phó Chủ tịch",
                "user_id": cls.signer.id,
                "usage": "personal",
                "kind": "pkcs12",
                "pkcs12_file": base64.b64encode(read_pki("signer.p12")),
            }
        )
        cls.signer_key.with_context(vn_signing_secret=PASSPHRASE).action_check_key()
        cls.agency_token_key = Key.create(
            {
                "name": "Chữ ký số của cơ quan (token)",
                "user_id": cls.clerk.id,
                "usage": "agency",
                "kind": "pkcs11",
                "pkcs11_module": token["module"],
                "token_label": token["label"],
                "key_label": "agency",
            }
        )
        cls.agency_token_key.with_context(
            vn_signing_secret=PASSPHRASE
        ).action_check_key()
        cls.agency_p12_key = Key.create(
            {
                "name": "Chữ ký số của cơ quan (tệp)",
                "user_id": cls.clerk.id,
                "usage": "agency",
                "kind": "pkcs12",
                "pkcs12_file": base64.b64encode(read_pki("agency.p12")),
            }
        )
        cls.agency_p12_key.with_context(vn_signing_secret=PASSPHRASE).action_check_key()
        cls.external_agency = env["res.partner"].create(
            {"name": "Sở Nội vụ", "is_company": True, "vn_organ_code": "000.00.96.H29"}
        )
        cls.final_pdf = pdf_fixtures.make_pdf(
            pages=2, text="Quyết định về việc giao chỉ tiêu kế hoạch năm 2027"
        )
        cls.annex_pdf = pdf_fixtures.make_pdf(pages=1, text="Phụ lục: danh sách đơn vị")


class OutgoingCase(OutgoingSetup, VnDocumentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_agency()

    # ------------------------------------------------------------------
    def new_draft(self, doc_type=None, **values):
        doc = (
            self.env["vn.document.outgoing"]
            .with_user(self.staff)
            .create(
                dict(
                    {
                        "document_type_id": (doc_type or self.decision).id,
                        "subject": "Quyết định giao chỉ tiêu kế hoạch năm 2027",
                        "drafting_department_id": self.department.id,
                        "signer_id": self.signer.id,
                        "delivery_ids": [
                            Command.create(
                                {
                                    "kind": "internal",
                                    "department_id": self.department.id,
                                }
                            ),
                            Command.create(
                                {
                                    "kind": "external",
                                    "partner_id": self.external_agency.id,
                                }
                            ),
                            Command.create(
                                {"kind": "email", "email": "so-noi-vu@example.com"}
                            ),
                            Command.create(
                                {"kind": "paper", "partner_id": self.external_agency.id}
                            ),
                        ],
                    },
                    **values,
                )
            )
        )
        return doc

    def bring_to_signing(self, doc, with_annex=True):
        """Upload, approve content and format: the document waits for the signer."""
        doc.with_user(self.staff)._vn_add_version(
            "du-thao.pdf", self.final_pdf, "final"
        )
        if with_annex:
            doc.with_user(self.staff)._vn_add_version(
                "phu-luc.pdf", self.annex_pdf, "attachment"
            )
        doc.with_user(self.staff).action_send_to_head()
        doc.with_user(self.head_of_unit).action_approve_content()
        doc.with_user(self.clerk).action_approve_format()
        self.assertEqual(doc.state, "to_sign")
        return doc

    def sign_and_issue(self, doc, agency_key=None):
        doc.with_user(self.signer)._vn_sign(self.signer_key, PASSPHRASE)
        return doc.with_user(self.clerk)._vn_issue(
            agency_key or self.agency_token_key, PASSPHRASE
        )

    def raw(self, stored_file):
        return stored_file.attachment_id.sudo().raw
