# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, new_test_user, tagged

from .common import OutgoingSetup

ROLES = {
    "staff": ("tour_out_staff", "Chuyên viên Tour", "group_vn_document_staff"),
    "department_head": (
        "tour_out_head",
        "Trưởng phòng Tour",
        "group_vn_document_department_head",
    ),
    "agency_head": (
        "tour_out_signer",
        "Lãnh đạo Tour",
        "group_vn_document_agency_head",
    ),
    "clerk": ("tour_out_clerk", "Văn thư Tour", "group_vn_document_clerk"),
    "follow_up": ("tour_out_follow", "Theo dõi Tour", "group_vn_document_follow_up"),
}


def tour_users(env):
    """One Vietnamese user per role, its password its login."""
    return {
        role: new_test_user(
            env,
            login=login,
            name=name,
            groups=f"vn_document_base.{group}",
            lang="vi_VN",
            tz="Asia/Ho_Chi_Minh",
        )
        for role, (login, name, group) in ROLES.items()
    }


@tagged("post_install", "-at_install")
class TestOutgoingTour(OutgoingSetup, HttpCase):
    """R-OUT1, R-OUT5 on screen: the drafter drafts and sends on, the head of the unit
    approves the content, the checker the format, the signer signs with a PKCS#12 key,
    the clerk issues."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.write({"vn_organ_code": "000.07.41.H29", "vn_short_name": "UBND"})
        cls.users = tour_users(cls.env)
        cls._setup_agency()
        cls.agency_token_key.active = (
            False  # the clerk signs with the agency's PKCS#12 file here
        )

    def test_draft_to_issue(self):
        url = "/odoo/action-vn_document_outbound.vn_document_outgoing_action"
        self.start_tour(url, "vn_outgoing_drafter_tour", login="tour_out_staff")
        doc = self.env["vn.document.outgoing"].search(
            [("subject", "=", "Tour: Quyết định giao chỉ tiêu 2027")]
        )
        self.assertEqual(doc.drafter_id, self.staff)
        doc.with_user(self.staff)._vn_add_version("qd.pdf", self.final_pdf, "final")
        doc.with_user(self.staff).write(
            {
                "delivery_ids": [
                    (0, 0, {"kind": "internal", "department_id": self.department.id})
                ]
            }
        )
        self.start_tour(url, "vn_outgoing_send_tour", login="tour_out_staff")
        self.assertEqual(doc.state, "head_review")
        self.start_tour(url, "vn_outgoing_content_tour", login="tour_out_head")
        self.start_tour(url, "vn_outgoing_format_tour", login="tour_out_clerk")
        self.assertEqual(doc.state, "to_sign")
        self.start_tour(url, "vn_outgoing_sign_tour", login="tour_out_signer")
        self.assertEqual(doc.state, "signed")
        self.start_tour(url, "vn_outgoing_issue_tour", login="tour_out_clerk")
        self.assertEqual(doc.state, "issued")
        self.assertEqual(doc.number_symbol, "01/QĐ-UBND")
        self.assertEqual(doc.legal_value, "original")

    def test_files_over_http_follow_the_document(self):
        """A draft's files are downloaded by the people working on it, not by others
        (R-SEC3)."""
        doc = (
            self.env["vn.document.outgoing"]
            .with_user(self.staff)
            .create(
                {
                    "document_type_id": self.decision.id,
                    "subject": "Dự thảo mật",
                    "signer_id": self.signer.id,
                }
            )
        )
        version = doc.with_user(self.staff)._vn_add_version(
            "du-thao.pdf", self.final_pdf, "draft"
        )
        url = f"/vn_document/file/{version.file_id.id}"
        self.authenticate("tour_out_follow", "tour_out_follow")
        self.assertEqual(
            self.url_open(url).status_code, 200, "follow-up officers see every document"
        )
        outsider = new_test_user(
            self.env,
            login="tour_out_outsider",
            groups="vn_document_base.group_vn_document_staff",
        )
        self.authenticate(outsider.login, outsider.login)
        self.assertIn(self.url_open(url).status_code, (403, 404))
        self.authenticate("tour_out_staff", "tour_out_staff")
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, self.final_pdf)


@tagged("post_install", "-at_install")
class TestOutgoingPhoneTour(OutgoingSetup, HttpCase):
    """On a phone: the drafts waiting for me as cards, a draft's form, approving it."""

    browser_size = "375x667"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.users = tour_users(cls.env)
        cls._setup_agency()
        cls.doc = (
            cls.env["vn.document.outgoing"]
            .with_user(cls.staff)
            .create(
                {
                    "document_type_id": cls.decision.id,
                    "subject": "Điện thoại: Quyết định giao chỉ tiêu 2027",
                    "drafting_department_id": cls.department.id,
                    "signer_id": cls.signer.id,
                }
            )
        )
        cls.doc.with_user(cls.staff)._vn_add_version("qd.pdf", cls.final_pdf, "final")
        cls.doc.with_user(cls.staff).action_send_to_head()

    def test_phone(self):
        url = "/odoo/action-vn_document_outbound.vn_document_outgoing_action"
        self.start_tour(url, "vn_outgoing_phone_tour", login="tour_out_head")
        self.assertEqual(self.doc.state, "format_check")
