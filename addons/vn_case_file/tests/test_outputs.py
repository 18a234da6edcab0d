# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
import hashlib
import io
import re

import openpyxl
from freezegun import freeze_time
from lxml import etree
from PyPDF2 import PdfReader

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.vn_document_base.tests import pdf_fixtures
from odoo.addons.vn_document_base.tests.common import VnDocumentCase

from ..tools.file_xml import NAMESPACE

NS = {"h": NAMESPACE}
YEAR = 2031


def squash(text):
    """Text without its white space (HTML line breaks, PDF extraction)."""
    if isinstance(text, bytes):
        text = text.decode()
    return re.sub(r"\s+", "", text)


@tagged("post_install", "-at_install")
class TestCaseFileOutputs(VnDocumentCase):
    """R-CF1: the outputs of case files (ND 30 Phụ lục VI Part V outputs 5 and 6,
    III.4.g): the printed forms of Phụ lục V, their Excel copies, the whole file as
    one PDF and as XML."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        # wkhtmltopdf would fetch the stylesheets from this very server, whose request
        # thread waits for the registry the test holds: point it at a closed port.
        env["ir.config_parameter"].set_param("report.url", "http://127.0.0.1:9")
        cls.company.write({"vn_managing_body": "Ủy ban nhân dân Thành phố Hồ Chí Minh"})
        cls.unit = env["hr.department"].create({"name": "Phòng Tổ chức cán bộ"})
        cls.other_unit = env["hr.department"].create({"name": "Phòng Kinh tế"})
        cls.staff = cls.users["staff"]
        cls.head = cls.users["department_head"]
        for user, title in ((cls.staff, "Chuyên viên"), (cls.head, "Trưởng phòng")):
            env["hr.employee"].create(
                {
                    "name": user.name,
                    "user_id": user.id,
                    "department_id": cls.unit.id,
                    "job_title": title,
                }
            )
        permanent = env.ref("vn_case_file.vn_retention_period_01")
        twenty = env.ref("vn_case_file.vn_retention_period_05")
        cls.plan = env["vn.file.plan"].create(
            {
                "year": YEAR,
                "decision_ref": "Quyết định số 12/QĐ-UBND ngày 05/01/2031",
            }
        )
        Heading = env["vn.file.plan.heading"]
        major = Heading.create(
            {
                "plan_id": cls.plan.id,
                "name": "Tổ chức cán bộ",
                "code": "TCCB",
                "sequence": 1,
                "department_id": cls.unit.id,
            }
        )
        minor = Heading.create(
            {"plan_id": cls.plan.id, "name": "Tuyển dụng", "parent_id": major.id}
        )
        second = Heading.create(
            {"plan_id": cls.plan.id, "name": "Kinh tế", "code": "KT", "sequence": 2}
        )
        Item = env["vn.file.plan.item"]
        cls.item = Item.create(
            {
                "plan_id": cls.plan.id,
                "heading_id": major.id,
                "title": "Hồ sơ kiện toàn tổ chức bộ máy năm 2031",
                "retention_id": permanent.id,
                "responsible_id": cls.staff.id,
                "note": "Ghi chú mẫu",
            }
        )
        Item.create(
            {
                "plan_id": cls.plan.id,
                "heading_id": minor.id,
                "title": "Hồ sơ tuyển dụng công chức năm 2031",
                "retention_id": twenty.id,
                "responsible_id": cls.staff.id,
            }
        )
        Item.create(
            {
                "plan_id": cls.plan.id,
                "heading_id": second.id,
                "title": "Báo cáo kinh tế - xã hội năm 2031",
                "retention_id": twenty.id,
                "responsible_id": cls.head.id,
            }
        )
        cls.plan.with_user(cls.users["clerk"]).action_submit()
        # Approved as the service would.
        cls.plan.write(
            {"state": "approved", "approved_by_id": cls.users["agency_head"].id}
        )

        # The file, built by its creator from two working papers (2 and 3 pages).
        # Opened in the plan's year (a plan is in force from 1 January).
        with freeze_time(f"{YEAR}-01-10"):
            cls.case = (
                env["vn.case.file"].with_user(cls.staff)._vn_open_from_plan(cls.item)
            )
        cls.case.write({"language": "Tiếng Việt"})
        Paper = env["vn.working.paper"].with_user(cls.staff)
        cls.paper_own_unit = Paper._vn_take_upload(
            {
                "subject": "Tờ trình về việc kiện toàn tổ chức bộ máy",
                "doc_date": datetime.date(YEAR, 2, 3),
                "code_number": "12",
                "code_notation": "TTr-TCCB",
                "organ_name": "Phòng Tổ chức cán bộ",
            },
            "to-trinh.pdf",
            pdf_fixtures.make_pdf(pages=2, text="Tờ trình kiện toàn"),
        )
        cls.paper_other_unit = Paper._vn_take_upload(
            {
                "subject": "Báo cáo rà soát biên chế",
                "doc_date": datetime.date(YEAR, 1, 15),
                "code_number": "7",
                "code_notation": "BC-KT",
                "organ_name": "Phòng Kinh tế",
                "department_id": cls.other_unit.id,
            },
            "bao-cao.pdf",
            pdf_fixtures.make_pdf(pages=3, text="Báo cáo rà soát"),
        )
        cls.case.vn_attach(cls.paper_own_unit | cls.paper_other_unit)
        cls.Report = env["ir.actions.report"]

    # ------------------------------------------------------------------
    def html(self, report, records, user=None):
        Report = self.Report.with_user(user) if user else self.Report
        html = Report._render_qweb_html(report, records.ids)[0].decode()
        return squash(re.sub(r"<[^>]+>", "", html))

    def assert_in_html(self, expected, html):
        for text in expected:
            self.assertIn(squash(text), html)

    def attachment_of(self, action):
        self.assertEqual(action["type"], "ir.actions.act_url")
        return self.env["ir.attachment"].browse(
            int(action["url"].split("/")[3].split("?")[0])
        )

    def trail_count(self):
        """Lines of the file's trail (their text follows the translations)."""
        return self.env["vn.document.trail"].search_count(
            [("res_model", "=", "vn.case.file"), ("res_id", "=", self.case.id)]
        )

    # ------------------------------------------------------------------
    def test_file_plan_report(self):
        """R-CF1, Phụ lục VI Part V output 5: the file plan in the form of ND 30 Phụ
        lục V (national header, title, decision, five columns, headings numbered Roman
        and Arabic, footer counts)."""
        html = self.html(
            "vn_case_file.action_report_vn_file_plan", self.plan, user=self.staff
        )
        self.assert_in_html(
            [
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc",
                f"DANH MỤC HỒ SƠ CỦA {self.company.name.upper()} NĂM {YEAR}",
                "(Ban hành kèm theo Quyết định số 12/QĐ-UBND ngày 05/01/2031)",
                "Số và ký hiệu hồ sơ",
                "Tên đề mục và tiêu đề hồ sơ",
                "Thời hạn bảo quản",
                "Người lập hồ sơ",
                "I. TỔ CHỨC CÁN BỘ",
                "1. Tuyển dụng",
                "II. KINH TẾ",
                "01.TCCB",
                "Hồ sơ kiện toàn tổ chức bộ máy năm 2031",
                "Vĩnh viễn",
                "Ghi chú mẫu",
                "Bản Danh mục hồ sơ này có 3 hồ sơ, bao gồm: 1 hồ sơ bảo quản vĩnh "
                "viễn; 2 hồ sơ bảo quản có thời hạn.",
            ],
            html,
        )
        # Headings then their files, in the plan's order.
        order = [
            html.index(squash(t))
            for t in (
                "I. TỔ CHỨC CÁN BỘ",
                "Hồ sơ kiện toàn tổ chức bộ máy",
                "1. Tuyển dụng",
                "Hồ sơ tuyển dụng công chức",
                "II. KINH TẾ",
                "Báo cáo kinh tế - xã hội",
            )
        ]
        self.assertEqual(order, sorted(order))
        pdf, kind = self.Report.with_context(
            force_report_rendering=True
        )._render_qweb_pdf("vn_case_file.action_report_vn_file_plan", self.plan.ids)
        self.assertEqual(kind, "pdf")
        reader = PdfReader(io.BytesIO(pdf))
        text = squash("".join(page.extract_text() for page in reader.pages))
        self.assertIn(squash("DANH MỤC HỒ SƠ"), text)
        box = reader.pages[0].mediabox
        self.assertGreater(float(box.width), float(box.height))  # landscape

    def test_catalogue_and_cover(self):
        """R-CF1, Phụ lục VI Part V output 6: the Mục lục văn bản, tài liệu of a file
        (documents by date, their pages numbered on through the file) and its cover."""
        html = self.html(
            "vn_case_file.action_report_vn_case_file_catalogue",
            self.case,
            user=self.staff,
        )
        self.assert_in_html(
            [
                "MỤC LỤC VĂN BẢN, TÀI LIỆU",
                f"Số, ký hiệu hồ sơ: 01.TCCB Năm: {YEAR}",
                "Tên loại và trích yếu nội dung văn bản",
                "Tờ số/Trang số",
                "7/BC-KT",
                "15/01/2031",
                "1-3",
                "12/TTr-TCCB",
                "03/02/2031",
                "4-5",
            ],
            html,
        )
        self.assertLess(html.index("7/BC-KT"), html.index("12/TTr-TCCB"))
        cover = self.html(
            "vn_case_file.action_report_vn_case_file_cover", self.case, user=self.staff
        )
        self.assert_in_html(
            [
                self.company.name.upper(),
                "Số và ký hiệu hồ sơ: 01.TCCB",
                "HỒ SƠ",
                "Hồ sơ kiện toàn tổ chức bộ máy năm 2031",
                "Từ ngày 15/01/2031 đến ngày 03/02/2031",
                "Gồm 2 văn bản, 5 tờ/trang",
                "Thời hạn bảo quản: Vĩnh viễn",
                f"Người lập hồ sơ: {self.staff.name}",
            ],
            cover,
        )

    def test_file_list_and_handover_forms(self):
        """R-CF1, Phụ lục VI Part V output 6: the Mục lục hồ sơ (of a selection and of a
        handover) and the Biên bản giao nhận tài liệu of ND 30 Phụ lục V."""
        html = self.html(
            "vn_case_file.action_report_vn_case_file_list", self.case, user=self.staff
        )
        self.assert_in_html(
            [
                "MỤC LỤC HỒ SƠ",
                "Tổng số hồ sơ: 1 (bằng chữ: Một)",
                "Số, ký hiệu hồ sơ",
                "Thời gian tài liệu",
                "15/01/2031 - 03/02/2031",
                "Số tờ/Số trang",
            ],
            html,
        )
        handover = self.env["vn.case.file.handover"].create(
            {
                "name": "Hồ sơ Phòng Tổ chức cán bộ năm 2031",
                "department_id": self.unit.id,
                "case_file_ids": [(6, 0, self.case.ids)],
            }
        )
        handover.write(
            {
                "state": "received",
                "submitted_by_id": self.staff.id,
                "submitted_on": datetime.datetime(2032, 3, 2, 3, 0),
                "received_by_id": self.head.id,
                "received_on": datetime.datetime(2032, 3, 2, 20, 0),
            }
        )
        catalogue = self.html(
            "vn_case_file.action_report_vn_handover_catalogue", handover
        )
        self.assert_in_html(
            [
                "MỤC LỤC HỒ SƠ, TÀI LIỆU NỘP LƯU",
                "Tên khối tài liệu: Hồ sơ Phòng Tổ chức cán bộ năm 2031",
                "Tổng số hồ sơ: 1 (bằng chữ: Một)",
                "01.TCCB",
                "Vĩnh viễn",
            ],
            catalogue,
        )
        record = self.html("vn_case_file.action_report_vn_handover_record", handover)
        self.assert_in_html(
            [
                "BIÊN BẢN",
                "Căn cứ Nghị định số 30/2020/NĐ-CP",
                f"Căn cứ Danh mục hồ sơ năm {YEAR}",
                # 20:00 UTC on 2 March is 3 March in Vietnam.
                "ngày 03 tháng 03 năm 2032",
                "BÊN GIAO: Phòng Tổ chức cán bộ",
                f"Ông (bà): {self.staff.name}",
                "Chức vụ công tác/chức danh: Chuyên viên",
                "BÊN NHẬN: Lưu trữ cơ quan",
                f"Ông (bà): {self.head.name}",
                "1. Tên khối tài liệu giao nộp: Hồ sơ Phòng Tổ chức cán bộ năm 2031",
                "2. Thời gian của tài liệu: 15/01/2031 - 03/02/2031",
                "Tổng số hồ sơ: 1; Tổng số tệp tin trong hồ sơ: 2",
                "4. Tình trạng tài liệu giao nộp:",
                "5. Mục lục hồ sơ, tài liệu nộp lưu kèm theo.",
                "Biên bản được lập thành hai bản; mỗi bên giữ một bản.",
                "ĐẠI DIỆN BÊN GIAO",
                "ĐẠI DIỆN BÊN NHẬN",
            ],
            record,
        )
        sheet = openpyxl.load_workbook(
            io.BytesIO(self.attachment_of(handover.action_export_catalogue_xlsx()).raw)
        ).active
        self.assertEqual(sheet["A2"].value, "MỤC LỤC HỒ SƠ, TÀI LIỆU NỘP LƯU")
        values = [cell.value for row in sheet.iter_rows() for cell in row]
        self.assertIn("01.TCCB", values)
        self.assertIn("Tổng số hồ sơ: 1 (bằng chữ: Một)", values)

    def test_excel_catalogues(self):
        """R-CF1, Phụ lục VI Part V output 6: the catalogue of the documents of a file
        and the catalogue of the selected files in Excel; the exports are logged."""
        case = self.case.with_user(self.staff)
        trail = self.trail_count()
        attachment = self.attachment_of(case.action_export_catalogue_xlsx())
        self.assertEqual(
            (attachment.res_model, attachment.res_id), (case._name, case.id)
        )
        sheet = openpyxl.load_workbook(
            io.BytesIO(attachment.with_user(self.staff).raw)
        ).active
        self.assertEqual(sheet["A2"].value, "MỤC LỤC VĂN BẢN, TÀI LIỆU")
        self.assertIn("01.TCCB", sheet["A3"].value)
        first = int(re.sub(r"\D", "", sheet.freeze_panes))
        self.assertEqual(
            [sheet.cell(first, c).value for c in (1, 2, 6)], [1, "7/BC-KT", "1-3"]
        )
        self.assertEqual(sheet.cell(first, 3).value.date(), datetime.date(YEAR, 1, 15))
        self.assertEqual(sheet.cell(first + 1, 6).value, "4-5")
        listing = self.attachment_of(case.action_export_file_list_xlsx())
        self.assertFalse(listing.res_id)
        sheet = openpyxl.load_workbook(io.BytesIO(listing.raw)).active
        self.assertEqual(sheet["A2"].value, "MỤC LỤC HỒ SƠ")
        values = [cell.value for row in sheet.iter_rows() for cell in row]
        self.assertIn("Hồ sơ kiện toàn tổ chức bộ máy năm 2031", values)
        self.assertIn("15/01/2031 - 03/02/2031", values)
        self.assertEqual(self.trail_count(), trail + 2)

    def test_export_pdf(self):
        """R-CF1, Phụ lục VI III.4.g: the whole file as one PDF (cover, catalogue, then
        every original in order), the originals untouched, the download private."""
        originals = self.case.line_ids.original_file_id
        before = {
            f.id: hashlib.sha256(f.attachment_id.raw).hexdigest() for f in originals
        }
        trail = self.trail_count()
        action = self.case.with_user(self.staff).action_export_pdf()
        attachment = self.attachment_of(action)
        self.assertFalse(attachment.res_model)
        self.assertEqual(attachment.create_uid, self.staff)
        reader = PdfReader(io.BytesIO(attachment.raw))
        Report = self.Report.with_context(force_report_rendering=True)
        front = sum(
            len(
                PdfReader(
                    io.BytesIO(Report._render_qweb_pdf(ref, self.case.ids)[0])
                ).pages
            )
            for ref in (
                "vn_case_file.action_report_vn_case_file_cover",
                "vn_case_file.action_report_vn_case_file_catalogue",
            )
        )
        self.assertEqual(len(reader.pages), front + 3 + 2)
        text = [squash(page.extract_text()) for page in reader.pages]
        self.assertIn(squash("HỒ SƠ"), text[0])
        # The documents in DocOrdinal order: the report of 15/01 (3 pages), then the
        # submission of 03/02 (2 pages).
        self.assertIn(squash("Báo cáo rà soát"), text[front])
        self.assertIn(squash("Tờ trình kiện toàn"), text[front + 3])
        # III.6.k: every page, cover to last original, carries the print mark once
        mark = self.Report.with_user(self.staff)._vn_print_mark_text()
        for page in text:
            self.assertIn(squash(mark[:-5]), page)  # up to the minute
        after = {
            f.id: hashlib.sha256(f.attachment_id.raw).hexdigest() for f in originals
        }
        self.assertEqual(before, after)
        # The merged file holds the originals: nobody else fetches it.
        with self.assertRaises(AccessError):
            attachment.with_user(self.users["agency_head"]).check_access("read")
        self.assertEqual(self.trail_count(), trail + 1)
        logs = self.env["vn.document.access.log"].search(
            [("action", "=", "export"), ("user_id", "=", self.staff.id)]
        )
        self.assertEqual(
            set(logs.mapped("res_id")),
            {self.paper_own_unit.id, self.paper_other_unit.id},
        )

    def test_export_pdf_needs_every_document(self):
        """R-CF1, Phụ lục VI III.4.g: being in a file never widens who may open a
        document; a user who may read the file but not one of its documents cannot
        export it as PDF (the XML metadata, the file's own catalogue, he may)."""
        case = self.case.with_user(self.head)
        self.assertTrue(case.has_access("read"))
        self.assertTrue(self.paper_own_unit.with_user(self.head).has_access("read"))
        self.assertFalse(self.paper_other_unit.with_user(self.head).has_access("read"))
        trail = self.trail_count()
        with self.assertRaises(AccessError) as caught:
            case.action_export_pdf()
        message = str(caught.exception)
        self.assertIn("7/BC-KT", message)
        self.assertIn("Báo cáo rà soát biên chế", message)
        self.assertNotIn("TTr-TCCB", message)
        self.assertEqual(self.trail_count(), trail)
        self.attachment_of(case.action_export_xml())

    def test_export_xml(self):
        """R-CF1, Phụ lục VI III.4.g: the metadata of the file (Mục III) and of every
        document in order, with each original's name and SHA-256, as XML."""
        trail = self.trail_count()
        attachment = self.attachment_of(
            self.case.with_user(self.staff).action_export_xml()
        )
        self.assertTrue(attachment.name.endswith(".xml"))
        root = etree.fromstring(attachment.raw)
        self.assertEqual(
            root.findtext("h:FileCode/h:OrganId", namespaces=NS), "000.07.41.H29"
        )
        self.assertEqual(
            root.findtext("h:FileCode/h:FileCatalog", namespaces=NS), "2031"
        )
        self.assertEqual(
            root.findtext("h:FileCode/h:FileNotation", namespaces=NS), "01.TCCB"
        )
        self.assertEqual(
            root.findtext("h:Title", namespaces=NS),
            "Hồ sơ kiện toàn tổ chức bộ máy năm 2031",
        )
        for name, value in (
            ("Maintenance", "Vĩnh viễn"),
            ("Rights", "Công khai"),
            ("Creator", self.staff.name),
            ("Language", "Tiếng Việt"),
            ("StartDate", "15/01/2031"),
            ("EndDate", "03/02/2031"),
            ("DocTotal", "2"),
            ("PageTotal", "5"),
        ):
            self.assertEqual(root.findtext(f"h:{name}", namespaces=NS), value, name)
        docs = root.findall("h:Documents/h:Document", namespaces=NS)
        self.assertEqual(
            [d.findtext("h:CodeNumber", namespaces=NS) for d in docs], ["7", "12"]
        )
        first = docs[0]
        original = self.paper_other_unit.main_file_id
        self.assertEqual(first.findtext("h:DocOrdinal", namespaces=NS), "1")
        self.assertEqual(first.findtext("h:CodeNotation", namespaces=NS), "BC-KT")
        self.assertEqual(first.findtext("h:IssuedDate", namespaces=NS), "15/01/2031")
        self.assertEqual(first.findtext("h:OrganName", namespaces=NS), "Phòng Kinh tế")
        self.assertEqual(first.findtext("h:PageAmount", namespaces=NS), "3")
        self.assertEqual(first.findtext("h:FileName", namespaces=NS), original.name)
        self.assertEqual(first.findtext("h:Sha256", namespaces=NS), original.sha256)
        self.assertEqual(self.trail_count(), trail + 1)
