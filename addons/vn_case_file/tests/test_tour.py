# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.vn_document_base.tests import pdf_fixtures


@tagged("post_install", "-at_install")
class TestCaseFileTour(HttpCase):
    """R-CF1, R-CF2 on screen (Phụ lục VI III.4.a-c, III.5.c, Part V output 5): staff
    opens a file from the plan, adds an incoming and an outgoing document, closes
    it; the clerk prints the catalogue; the archive receives the handover and
    downloads the package."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        env.company.vn_organ_code = "000.00.01.H29"
        common = {"lang": "vi_VN", "tz": "Asia/Ho_Chi_Minh"}
        cls.staff = new_test_user(
            env,
            login="tour_cf_staff",
            name="Chuyên viên Hồ sơ",
            groups="vn_document_base.group_vn_document_staff",
            **common,
        )
        cls.clerk = new_test_user(
            env,
            login="tour_cf_clerk",
            name="Văn thư Hồ sơ",
            groups="vn_document_base.group_vn_document_clerk",
            **common,
        )
        cls.archivist = new_test_user(
            env,
            login="tour_cf_archive",
            name="Lưu trữ Hồ sơ",
            groups="vn_case_file.group_vn_document_archivist",
            **common,
        )
        year = fields.Date.context_today(cls.env["res.users"]).year
        # The demo database has this year's plan already.
        plan = env["vn.file.plan"]._vn_plan_of(env.company, year) or env[
            "vn.file.plan"
        ].create({"year": year})
        heading = env["vn.file.plan.heading"].create(
            {"plan_id": plan.id, "name": "Tổng hợp", "code": "TH", "sequence": 0}
        )
        env["vn.file.plan.item"].create(
            {
                "plan_id": plan.id,
                "heading_id": heading.id,
                "title": "Hồ sơ tour chuyển đổi số",
                "retention_id": env.ref("vn_case_file.vn_retention_period_04").id,
                "responsible_id": cls.staff.id,
                "sequence": 0,
            }
        )
        plan.sudo().state = "approved"
        cls.incoming = cls._incoming_done()
        cls.outgoing = cls._outgoing_issued()

    @classmethod
    def _incoming_done(cls):
        env = cls.env
        book = env["vn.register.book"].create(
            {"name": "Sổ đến (hồ sơ)", "kind": "incoming"}
        )
        doc = env["vn.document.incoming"].create(
            {
                "subject": "Tour đến: Kế hoạch chuyển đổi số",
                "channel": "email",
                "register_book_id": book.id,
                "code_number": "318",
                "code_notation": "KH-SKHCN",
                "organ_name": "Sở Khoa học và Công nghệ",
                "issued_date": datetime.date.today() - datetime.timedelta(days=10),
            }
        )
        env["vn.document.file"]._vn_store_checked(
            "ke-hoach.pdf", pdf_fixtures.make_pdf(pages=2, text="Ke hoach"), doc
        )
        doc._adopt_main_file(doc.file_ids)
        doc.action_register()
        doc._vn_assign([{"role": "lead", "user_id": cls.staff.id}])
        doc.assignment_ids.write(
            {"state": "done", "result": "Xong.", "done_date": fields.Datetime.now()}
        )
        doc._vn_check_completion()
        return doc

    @classmethod
    def _outgoing_issued(cls):
        env = cls.env
        doc = env["vn.document.outgoing"].create(
            {
                "subject": "Tour đi: Báo cáo chuyển đổi số",
                "drafter_id": cls.staff.id,
                "document_type_id": env.ref(
                    "vn_document_base.vn_document_type_bao_cao"
                ).id,
                "delivery_ids": [
                    Command.create({"kind": "email", "email": "so@example.com"})
                ],
            }
        )
        stored = env["vn.document.file"]._vn_store_checked(
            "bao-cao.pdf", pdf_fixtures.make_pdf(pages=3, text="Bao cao"), doc
        )
        # The issue itself (signatures, number) is tested in the outbound addon.
        doc.write(
            {
                "state": "issued",
                "issued_file_id": stored.id,
                "issued_date": datetime.date.today() - datetime.timedelta(days=2),
                "code_number": "25",
                "number_symbol": "25/BC-UBND",
            }
        )
        return doc

    def test_case_file_tour(self):
        self.start_tour(
            "/odoo/action-vn_case_file.vn_file_plan_item_action",
            "vn_case_file_staff_tour",
            login="tour_cf_staff",
        )
        case = self.env["vn.case.file"].search(
            [("subject", "=", "Hồ sơ tour chuyển đổi số")]
        )
        self.assertEqual(case.state, "closed")
        self.assertEqual(case.doc_total, 2)
        self.assertEqual(case.page_total, 5)
        self.assertEqual(
            case.line_ids.sorted("ordinal").mapped("res_model"),
            ["vn.document.incoming", "vn.document.outgoing"],
        )
        self.start_tour(
            "/odoo/action-vn_case_file.vn_case_file_action",
            "vn_case_file_clerk_tour",
            login="tour_cf_clerk",
        )
        batch = (
            self.env["vn.case.file.handover"]
            .with_user(self.staff)
            .create({"name": "Tour nộp lưu", "case_file_ids": [Command.set(case.ids)]})
        )
        batch.action_submit()
        self.start_tour(
            "/odoo/action-vn_case_file.vn_case_file_handover_action_archive",
            "vn_case_file_archivist_tour",
            login="tour_cf_archive",
        )
        self.assertEqual(batch.state, "received")
        self.assertEqual(case.state, "handed_over")
        self.assertEqual(batch.received_by_id, self.archivist)
