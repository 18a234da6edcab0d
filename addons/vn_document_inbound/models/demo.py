# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import os
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import file_open

# Documents for one-click registration (issue 16), made by
# scripts/benchmarks/generate_reading_corpus.py --demo: a công văn signed under the test
# root in demo_root.pem, a scanned quyết định and a scanned giấy mời.
READING_DEMO = "vn_document_inbound/demo/reading"


class VnDocumentIncoming(models.Model):
    _inherit = "vn.document.incoming"

    @api.model
    def _vn_demo_load(self):
        """Demo data only: paper documents at each step of the incoming workflow."""
        ref = self.env.ref
        clerk = ref("vn_document_base.user_clerk_demo")
        head = ref("vn_document_base.user_agency_head_demo")
        today = fields.Date.context_today(self)
        common = {
            "channel": "paper",
            "register_book_id": ref(
                "vn_document_base.vn_register_book_incoming_demo"
            ).id,
            "paper_holder_id": clerk.id,
        }
        Incoming = self.with_user(clerk).with_context(tracking_disable=True)
        specs = [
            (
                "Quyết định về việc giao chỉ tiêu kế hoạch phát triển kinh tế - xã hội "
                "năm 2027",
                "quyet_dinh",
                "res_partner_ubnd_hcm_demo",
                "1520",
                "QĐ-UBND",
                "hoa_toc",
                "done",
            ),
            (
                "Kế hoạch triển khai chuyển đổi số trong cơ quan nhà nước",
                "ke_hoach",
                "res_partner_so_khcn_demo",
                "318",
                "KH-SKHCN",
                "thuong",
                "in_progress",
            ),
            (
                "Công văn về việc rà soát thủ tục hành chính",
                "cong_van",
                "res_partner_so_tu_phap_demo",
                "77",
                "STP-KSTT",
                "khan",
                "submitted",
            ),
            (
                "Giấy mời dự hội nghị tổng kết công tác văn thư, lưu trữ",
                "giay_moi",
                "res_partner_ubnd_phuong_sai_gon_demo",
                "12",
                "GM-UBND",
                "thuong",
                "received",
            ),
        ]
        for subject, doc_type, sender, number, notation, urgency, state in specs:
            partner = ref(f"vn_document_base.{sender}")
            doc = Incoming.create(
                dict(
                    common,
                    subject=subject,
                    sender_id=partner.id,
                    organ_name=partner.name,
                    document_type_id=ref(
                        f"vn_document_base.vn_document_type_{doc_type}"
                    ).id,
                    code_number=number,
                    code_notation=notation,
                    issued_date=today - timedelta(days=3),
                    urgency_id=ref(
                        f"vn_document_base.vn_document_urgency_{urgency}"
                    ).id,
                )
            )
            if state == "received":
                continue
            doc.action_register()
            doc.action_submit(head)
            if state == "submitted":
                continue
            doc.with_user(head)._vn_assign(
                [
                    {
                        "role": "lead",
                        "department_id": ref(
                            "vn_document_base.hr_department_kt_demo"
                        ).id,
                        "deadline": self.env.company.vn_add_working_days(today, 5),
                    }
                ],
                "Phòng Kinh tế chủ trì, báo cáo kết quả.",
            )
            if state == "done":
                lead = doc.assignment_ids
                lead.sudo().write(
                    {
                        "state": "done",
                        "result": "Đã triển khai theo chỉ đạo.",
                        "done_date": fields.Datetime.now(),
                    }
                )
                doc.sudo()._vn_check_completion()

    @api.model
    def _vn_demo_load_reading(self):
        """Demo data only: three documents as they arrive, received but not
        registered, whose fields the suite reads (the scans once the OCR job has
        run), for the clerk to confirm or correct and register."""
        self._vn_demo_trust_reading_root()
        clerk = self.env.ref("vn_document_base.user_clerk_demo")
        Incoming = self.with_user(clerk).with_context(tracking_disable=True)
        arrivals = [
            ("cong_van_signed.pdf", "email", "Fwd: Công văn của Sở Nội vụ"),
            ("quyet_dinh_scan.pdf", "paper", "Quyết định (bản giấy, chờ đọc)"),
            ("giay_moi_scan.jpg", "paper", "Giấy mời (bản giấy, chờ đọc)"),
        ]
        for name, channel, subject in arrivals:
            with file_open(os.path.join(READING_DEMO, name), "rb") as handle:
                data = handle.read()
            upload = (
                self.env["ir.attachment"]
                .with_user(clerk)
                .create({"name": name, "raw": data, "res_model": self._name})
            )
            Incoming.create(
                {
                    "channel": channel,
                    "subject": subject,
                    "upload_ids": [(6, 0, upload.ids)],
                }
            )

    @api.model
    def _vn_demo_trust_reading_root(self):
        """The test root the demo's signed công văn was signed under (KHÔNG DÙNG
        THẬT), unless it is trusted already."""
        with file_open(os.path.join(READING_DEMO, "demo_root.pem"), "rb") as handle:
            pem = handle.read()
        Roots = self.env["vn.trusted.root"].sudo()
        new = Roots.new({"certificate": base64.b64encode(pem)})
        if not Roots.search([("fingerprint", "=", new.fingerprint)]):
            Roots.create(
                {
                    "name": "Test root of the reading demo (KHÔNG DÙNG THẬT)",
                    "certificate": base64.b64encode(pem),
                }
            )
