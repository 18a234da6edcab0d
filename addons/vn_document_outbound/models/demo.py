# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import logging
import os

from odoo import api, fields, models

from ..tools import demo_images

_logger = logging.getLogger(__name__)
DEMO_PASSPHRASE = "1234"  # of the project's TEST keys (scripts/setup/make_test_ca.py)


class VnDocumentOutgoing(models.Model):
    _inherit = "vn.document.outgoing"

    @api.model
    def _vn_demo_load(self):
        """Demo data only: a seal, a signature, TEST keys from $VN_PKI_DIR and outgoing
        documents at several steps, moved there by the workflow itself."""
        ref = self.env.ref
        company = self.env.company
        clerk, staff = (
            ref("vn_document_base.user_clerk_demo"),
            ref("vn_document_base.user_staff_demo"),
        )
        head, signer = (
            ref("vn_document_base.user_department_head_demo"),
            ref("vn_document_base.user_agency_head_demo"),
        )
        company.write(
            {
                "vn_seal_image": base64.b64encode(demo_images.seal_png(company.name)),
                "vn_place_name": company.vn_place_name or "Phường Bến Thành",
            }
        )
        signer.write(
            {
                "vn_signing_authority": "none",
                "vn_signing_title": "Chủ tịch",
                "vn_signature_image": base64.b64encode(
                    demo_images.signature_png(signer.name)
                ),
            }
        )
        self.env["ir.config_parameter"].sudo().set_param(
            "vn_document_outbound.format_checker_id", clerk.id
        )
        pki = os.environ.get("VN_PKI_DIR", "")
        keys = (
            self._vn_demo_keys(pki, clerk, signer)
            if os.path.exists(os.path.join(pki, "signer.p12"))
            else None
        )
        if not keys:
            _logger.warning(
                "Test PKI not found (VN_PKI_DIR=%s): demo has no signing keys", pki
            )
        department = ref("vn_document_base.hr_department_kt_demo")
        pdf = demo_images.demo_pdf
        specs = [
            ("Thông báo lịch tiếp công dân tháng 12", "thong_bao", "issued"),
            ("Kế hoạch tổ chức Ngày Chuyển đổi số năm 2026", "ke_hoach", "to_sign"),
            (
                "V/v báo cáo tình hình thực hiện thủ tục hành chính quý IV",
                "cong_van",
                "head_review",
            ),
            (
                "Quyết định về việc thành lập Tổ công tác chuyển đổi số",
                "quyet_dinh",
                "draft",
            ),
        ]
        Outgoing = self.with_context(tracking_disable=True)
        for subject, doc_type, target in specs:
            doc = Outgoing.with_user(staff).create(
                {
                    "subject": subject,
                    "document_type_id": ref(
                        f"vn_document_base.vn_document_type_{doc_type}"
                    ).id,
                    "drafting_department_id": department.id,
                    "signer_id": signer.id,
                    "delivery_ids": [
                        fields.Command.create(
                            {
                                "kind": "internal",
                                "department_id": ref(
                                    "vn_document_base.hr_department_vhxh_demo"
                                ).id,
                            }
                        ),
                        fields.Command.create(
                            {
                                "kind": "external",
                                "partner_id": ref(
                                    "vn_document_base.res_partner_so_tu_phap_demo"
                                ).id,
                            }
                        ),
                        fields.Command.create(
                            {
                                "kind": "paper",
                                "partner_id": ref(
                                    "vn_document_base.res_partner_ubnd_hcm_demo"
                                ).id,
                            }
                        ),
                    ],
                }
            )
            doc.with_user(staff)._vn_add_version(
                "du-thao.pdf", pdf(pages=2, text=subject), "final"
            )
            if target == "draft":
                continue
            doc.with_user(staff).action_send_to_head()
            if target == "head_review":
                continue
            doc.with_user(head).action_approve_content()
            doc.with_user(clerk).action_approve_format()
            if target == "to_sign" or not keys:
                continue
            doc.with_user(signer)._vn_sign(keys["signer"], DEMO_PASSPHRASE)
            doc.with_user(clerk)._vn_issue(keys["agency"], DEMO_PASSPHRASE)

    @api.model
    def _vn_demo_keys(self, pki, clerk, signer):
        Key = self.env["vn.signing.key"]

        def p12(name, user, usage, file_name):
            with open(os.path.join(pki, file_name), "rb") as f:
                key = Key.create(
                    {
                        "name": name,
                        "user_id": user.id,
                        "usage": usage,
                        "kind": "pkcs12",
                        "pkcs12_file": base64.b64encode(f.read()),
                    }
                )
            key.check_secret = DEMO_PASSPHRASE
            return key

        keys = {
            "signer": p12(
                "Chữ ký số của Chủ tịch (TEST)", signer, "personal", "signer.p12"
            ),
            "agency": p12(
                "Chữ ký số của cơ quan (TEST)", clerk, "agency", "agency.p12"
            ),
        }
        token = Key.create(
            {
                "name": "Token của cơ quan (SoftHSM, TEST)",
                "user_id": clerk.id,
                "usage": "agency",
                "kind": "pkcs11",
                "token_label": "vn-edoc-test",
                "key_label": "agency",
            }
        )
        if os.environ.get("SOFTHSM2_CONF"):
            token.check_secret = DEMO_PASSPHRASE
        return keys
