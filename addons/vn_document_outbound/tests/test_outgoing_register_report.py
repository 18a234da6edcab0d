# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
import re
from datetime import date, datetime

import openpyxl
from PyPDF2 import PdfReader

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.vn_document_base.tests.common import VnDocumentCase

REGISTER_TITLES = [
    "Số, ký hiệu văn bản",
    "Ngày tháng văn bản",
    "Tên loại và trích yếu nội dung văn bản",
    "Người ký",
    "Nơi nhận văn bản",
    "Đơn vị, người nhận bản lưu",
    "Số lượng bản",
    "Ngày chuyển",
    "Ký nhận",
    "Ghi chú",
]
SYMBOLS = [
    "01/QĐ-UBND",
    "02/QĐ-UBND",
    "03/QĐ-UBND",
    "04/QĐ-UBND",
    "20/QĐ-UBND",
    "100/QĐ-UBND",
]
POSTAL_TITLES = [
    "Ngày chuyển",
    "Số, ký hiệu văn bản",
    "Nơi nhận văn bản",
    "Số lượng bì",
    "Ký nhận và dấu bưu điện",
    "Ghi chú",
]


def flat(text):
    """Text without white space: PDF extraction and HTML indentation break lines
    anywhere."""
    return re.sub(r"\s+", "", text)


@tagged("post_install", "-at_install")
class TestOutgoingRegisterReport(VnDocumentCase):
    """R-OUT4: the outgoing register book (ND 30 Phụ lục IV: cover and 10 columns) and
    the postal dispatch register (6 columns), as PDF and Excel, by period or number
    range."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.book = cls.env["vn.register.book"].create(
            {"name": "Sổ văn bản đi (thử)", "kind": "outgoing"}
        )
        cls.decision = cls.env.ref("vn_document_base.vn_document_type_quyet_dinh")
        cls.post_office_addressee = cls.env["res.partner"].create(
            {"name": "Sở Nội vụ", "is_company": True}
        )
        cls.users["agency_head"].name = "Trần Thị Bình"
        cls.company.vn_managing_body = "Ủy ban nhân dân Thành phố Hồ Chí Minh"
        # Created out of number order, so the order of the book cannot come from the
        # ids.
        cls.doc100 = cls.issue(
            "100", date(2025, 12, 1), "Về kế hoạch năm 2026", [("paper", None)]
        )
        cls.doc03 = cls.issue(
            "03",
            date(2025, 3, 10),
            "Về việc thu hồi đất",
            [("paper", datetime(2025, 3, 11, 3, 0))],
            state="recalled",
            recall_reason="Sai thẩm quyền",
        )
        cls.doc01 = cls.issue(
            "01",
            date(2025, 3, 3),
            "Về việc thành lập Tổ công tác",
            # 18:30 UTC is 01:30 on 5 March in Ho Chi Minh City
            [
                ("paper", datetime(2025, 3, 4, 18, 30)),
                ("email", datetime(2025, 3, 6, 2, 0)),
            ],
            description="Lưu hồ sơ công tác",
        )
        cls.doc04 = cls.issue(
            "04",
            date(2025, 3, 12),
            "Về việc thu hồi đất (thay thế)",
            [("email", None)],
            replaces_id=cls.doc03.id,
        )
        cls.doc20 = cls.issue("20", date(2025, 6, 2), "Về việc tổ chức Ngày hội", [])
        cls.doc02 = cls.issue(
            "02",
            date(2025, 3, 5),
            "Đính chính Quyết định số 01/QĐ-UBND",
            [],
            corrects_id=cls.doc01.id,
        )
        cls.other_year = cls.issue(
            "01",
            date(2024, 12, 30),
            "Năm trước",
            [("paper", datetime(2024, 12, 30, 2, 0))],
        )
        cls.env["vn.document.outgoing"].create(
            {"document_type_id": cls.decision.id, "subject": "Dự thảo"}
        )

    @classmethod
    def issue(cls, number, day, subject, deliveries, state="issued", **values):
        """An issued (or recalled) document as _vn_issue leaves it, without files or
        signatures."""
        lines = []
        for kind, _sent in deliveries:
            line = {
                "kind": kind,
                "partner_id": cls.post_office_addressee.id,
                "envelope_count": 2,
                "postal_receipt": "RR123456789VN",
            }
            if kind == "email":
                line = {"kind": kind, "email": "vanthu@sonoivu.example.gov.vn"}
            lines.append(Command.create(line))
        doc = (
            cls.env["vn.document.outgoing"]
            .sudo()
            .create(
                dict(
                    {
                        "document_type_id": cls.decision.id,
                        "subject": subject,
                        "archive_holder": "Văn phòng; Phòng Kinh tế",
                        "delivery_ids": lines,
                    },
                    **{
                        k: v
                        for k, v in values.items()
                        if k in ("replaces_id", "corrects_id", "description")
                    },
                )
            )
        )
        # One write: once the state is issued the content is frozen (R-OUT9).
        doc.sudo().write(
            dict(
                {
                    "register_book_id": cls.book.id,
                    "code_number": number,
                    "number_symbol": f"{number}/QĐ-UBND",
                    "issued_date": day,
                    "issued_at": datetime.combine(day, datetime.min.time()),
                    "signed_by_id": cls.users["agency_head"].id,
                    "signature_block": "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
                },
                **{k: v for k, v in values.items() if k == "recall_reason"},
                state=state,
            )
        )
        for line, (_kind, sent) in zip(doc.delivery_ids, deliveries, strict=True):
            if sent:
                line.sudo().write({"sent_on": sent, "state": "sent"})
        return doc

    def wizard(self, user="clerk", **values):
        return (
            self.env["vn.outgoing.register.report.wizard"]
            .with_user(self.users[user])
            .create(dict({"register_book_id": self.book.id, "year": 2025}, **values))
        )

    def xlsx_sheet(self, wizard):
        action = wizard.action_export_xlsx()
        self.assertEqual(action["type"], "ir.actions.act_url")
        attachment = self.env["ir.attachment"].browse(
            int(action["url"].split("/")[3].split("?")[0])
        )
        return openpyxl.load_workbook(io.BytesIO(attachment.raw)).active

    # ------------------------------------------------------------------
    # The outgoing register book
    # ------------------------------------------------------------------
    def test_register_columns_and_rows(self):
        """R-OUT4: 10 columns of ND 30, rows in number order (as numbers: 20 before
        100), one year's book."""
        values = self.wizard()._report_values("register")
        self.assertEqual([c[1] for c in values["columns"]], REGISTER_TITLES)
        self.assertEqual([r["symbol"] for r in values["rows"]], SYMBOLS)
        self.assertEqual((values["first_number"], values["last_number"]), ("01", "100"))
        self.assertEqual(
            (values["first_date"], values["last_date"]),
            (date(2025, 3, 3), date(2025, 12, 1)),
        )
        first = values["rows"][0]
        self.assertEqual(first["issued_date"], "03/03/2025")
        self.assertEqual(
            first["type_subject"], "Quyết định - Về việc thành lập Tổ công tác"
        )
        self.assertEqual(first["signer"], "Trần Thị Bình, PHÓ CHỦ TỊCH")
        self.assertEqual(
            first["recipients"], "Sở Nội vụ; vanthu@sonoivu.example.gov.vn"
        )
        self.assertEqual(first["archive_holder"], "Văn phòng; Phòng Kinh tế")
        self.assertEqual(first["amount"], 2)
        # Ngày chuyển: the earliest dispatch, as a local date (18:30 UTC on 4 March = 5
        # March).
        self.assertEqual(first["sent_date"], "05/03/2025")
        self.assertEqual(first["signature"], "")
        self.assertEqual(values["rows"][3]["sent_date"], "")  # nothing dispatched yet
        self.assertEqual(values["company"], self.company)

    def test_register_notes(self):
        """R-OUT4: Ghi chú carries the notes, replacement, correction and recall
        (R-OUT6, R-OUT8), in Vietnamese even when printed by a user whose interface is
        in English (a printed register is legal)."""
        rows = {
            r["symbol"]: r
            for r in self.wizard()
            .with_context(lang="en_US")
            ._report_values("register")["rows"]
        }
        self.assertEqual(
            rows["01/QĐ-UBND"]["note"],
            "Lưu hồ sơ công tác; Được đính chính bằng 02/QĐ-UBND",
        )
        self.assertEqual(rows["02/QĐ-UBND"]["note"], "Đính chính 01/QĐ-UBND")
        self.assertTrue(rows["03/QĐ-UBND"]["note"].endswith("Sai thẩm quyền"))
        self.assertNotIn("Recalled", rows["03/QĐ-UBND"]["note"])
        self.assertEqual(rows["04/QĐ-UBND"]["note"], "Thay thế 03/QĐ-UBND")
        self.assertEqual(rows["100/QĐ-UBND"]["note"], "")

    def test_register_ranges(self):
        """R-OUT4: by number range (compared as numbers), by period, by year; nothing
        matching is an error."""

        def symbols(**values):
            return [
                r["symbol"]
                for r in self.wizard(**values)._report_values("register")["rows"]
            ]

        # As text, "100" lies between "03" and "20" and sorts before "20".
        self.assertEqual(
            symbols(number_from=3, number_to=20),
            ["03/QĐ-UBND", "04/QĐ-UBND", "20/QĐ-UBND"],
        )
        self.assertEqual(symbols(number_from=5), ["20/QĐ-UBND", "100/QĐ-UBND"])
        self.assertEqual(
            symbols(date_from=date(2025, 3, 5), date_to=date(2025, 3, 10)),
            ["02/QĐ-UBND", "03/QĐ-UBND"],
        )
        self.assertEqual(symbols(year=2024), ["01/QĐ-UBND"])
        for values in (
            {"number_from": 101},
            {"year": 2023},
            {"date_from": date(2025, 12, 2)},
        ):
            with self.subTest(values=values), self.assertRaises(UserError):
                self.wizard(**values).action_print_pdf()
            with self.subTest(values=values), self.assertRaises(UserError):
                self.wizard(**values).action_export_xlsx()

    def test_register_local_date_without_time_zone(self):
        """R-OUT4: without a time zone, Ngày chuyển is the date in Ho Chi Minh City."""
        self.users["clerk"].tz = False
        rows = self.wizard().with_context(tz=False)._report_values("register")["rows"]
        self.assertEqual(rows[0]["sent_date"], "05/03/2025")
        rows = self.wizard().with_context(tz="UTC")._report_values("register")["rows"]
        self.assertEqual(rows[0]["sent_date"], "04/03/2025")

    def test_register_xlsx(self):
        """R-OUT4: the Excel copy has the title, the 10 column titles and one row per
        document in number order."""
        sheet = self.xlsx_sheet(self.wizard())
        self.assertEqual(sheet["A1"].value, "SỔ ĐĂNG KÝ VĂN BẢN ĐI")
        self.assertEqual(sheet["A2"].value, f"{self.company.name} - Năm 2025")
        self.assertEqual(
            [sheet.cell(4, c).value for c in range(1, 11)], REGISTER_TITLES
        )
        self.assertEqual(sheet.max_column, 10)
        self.assertEqual(sheet.max_row, 4 + len(SYMBOLS))
        self.assertEqual(
            [sheet.cell(r, 1).value for r in range(5, 5 + len(SYMBOLS))], SYMBOLS
        )
        self.assertEqual(sheet["B5"].value, "03/03/2025")
        self.assertEqual(sheet["G5"].value, 2)
        self.assertEqual(sheet["H5"].value, "05/03/2025")
        self.assertIsNone(sheet["H8"].value)
        self.assertIn("04/QĐ-UBND", sheet["J7"].value)
        self.assertIn("Sai thẩm quyền", sheet["J7"].value)
        self.assertIn("03/QĐ-UBND", sheet["J8"].value)

    def test_register_html_and_pdf(self):
        """R-OUT4: the printed book: cover (agency, year, dates, numbers, volume) then
        the table."""
        wizard = self.wizard(volume="02")
        report = self.env["ir.actions.report"].with_user(self.users["clerk"])
        html = flat(
            report._render_qweb_html(
                "vn_document_outbound.action_report_vn_outgoing_register", wizard.ids
            )[0].decode()
        )
        for expected in (
            "Ủy ban nhân dân Thành phố Hồ Chí Minh",
            self.company.name,
            "SỔ ĐĂNG KÝ VĂN BẢN ĐI",
            "Năm 2025",
            "Từ ngày 03/03/2025 đến ngày 01/12/2025",
            "Từ số 01 đến số 100",
            "Quyển số 02",
            "(10)",
            "Trần Thị Bình, PHÓ CHỦ TỊCH",
            "Sai thẩm quyền",
            *REGISTER_TITLES,
        ):
            with self.subTest(expected=expected):
                self.assertIn(flat(expected), html)
        self.assertLess(html.index("01/QĐ-UBND"), html.index("02/QĐ-UBND"))
        self.assertLess(html.index("20/QĐ-UBND"), html.index("100/QĐ-UBND"))
        # wkhtmltopdf would fetch the stylesheets from this very server, whose request
        # thread waits for the registry the test holds: point it at a closed port (no
        # styles, same text).
        self.env["ir.config_parameter"].set_param("report.url", "http://127.0.0.1:9")
        pdf, report_type = report.with_context(
            force_report_rendering=True
        )._render_qweb_pdf(
            "vn_document_outbound.action_report_vn_outgoing_register", wizard.ids
        )
        self.assertEqual(report_type, "pdf")
        text = flat(
            "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
        )
        for expected in (
            "SỔ ĐĂNG KÝ VĂN BẢN ĐI",
            "Từ số 01 đến số 100",
            "Quyển số 02",
            "100/QĐ-UBND",
            "Đơn vị, người nhận bản lưu",
            "Ký nhận",
        ):
            with self.subTest(expected=expected):
                self.assertIn(flat(expected), text)

    def test_print_button(self):
        """R-OUT4: the Print PDF button gives the report of the chosen register."""
        action = self.wizard().action_print_pdf()
        self.assertEqual(
            action["report_name"], "vn_document_outbound.report_vn_outgoing_register"
        )
        action = self.wizard(report_kind="postal").action_print_pdf()
        self.assertEqual(
            action["report_name"], "vn_document_outbound.report_vn_outgoing_postal"
        )

    # ------------------------------------------------------------------
    # The postal dispatch register
    # ------------------------------------------------------------------
    def test_postal_register(self):
        """R-OUT4: Sổ gửi văn bản đi bưu điện lists the posted paper copies by local
        date, 6 columns."""
        values = (
            self.wizard(report_kind="postal")
            .with_context(lang="en_US")
            ._report_values()
        )
        self.assertEqual([c[1] for c in values["columns"]], POSTAL_TITLES)
        self.assertEqual(
            values["rows"],
            [
                {
                    "sent_date": "05/03/2025",
                    "symbol": "01/QĐ-UBND",
                    "recipient": "Sở Nội vụ",
                    "envelopes": 2,
                    "receipt": "RR123456789VN",
                    "note": "",
                },
                {
                    "sent_date": "11/03/2025",
                    "symbol": "03/QĐ-UBND",
                    "recipient": "Sở Nội vụ",
                    "envelopes": 2,
                    "receipt": "RR123456789VN",
                    "note": "Recalled: Sai thẩm quyền",
                },
            ],
        )
        self.assertEqual(
            (values["first_date"], values["last_date"]),
            (date(2025, 3, 5), date(2025, 3, 11)),
        )
        # The period is in local dates: sent at 18:30 UTC on 4 March is 5 March.
        rows = self.wizard(
            report_kind="postal", date_from=date(2025, 3, 5), date_to=date(2025, 3, 5)
        )._report_values()["rows"]
        self.assertEqual([r["symbol"] for r in rows], ["01/QĐ-UBND"])
        with self.assertRaises(UserError):
            self.wizard(
                report_kind="postal", date_to=date(2025, 3, 4)
            ).action_export_xlsx()
        rows = self.wizard(report_kind="postal", year=2024)._report_values()["rows"]
        self.assertEqual([r["sent_date"] for r in rows], ["30/12/2024"])

    def test_postal_register_xlsx_and_html(self):
        """R-OUT4: the postal dispatch register as Excel and as the printed book."""
        wizard = self.wizard(report_kind="postal", volume="01")
        sheet = self.xlsx_sheet(wizard)
        self.assertEqual(sheet["A1"].value, "SỔ GỬI VĂN BẢN ĐI BƯU ĐIỆN")
        self.assertEqual([sheet.cell(4, c).value for c in range(1, 7)], POSTAL_TITLES)
        self.assertEqual(sheet.max_column, 6)
        self.assertEqual(sheet.max_row, 6)
        self.assertEqual(
            [sheet.cell(5, c).value for c in range(1, 6)],
            ["05/03/2025", "01/QĐ-UBND", "Sở Nội vụ", 2, "RR123456789VN"],
        )
        self.assertIn("Sai thẩm quyền", sheet["F6"].value)
        html = flat(
            self.env["ir.actions.report"]
            .with_user(self.users["clerk"])
            ._render_qweb_html(
                "vn_document_outbound.action_report_vn_outgoing_postal", wizard.ids
            )[0]
            .decode()
        )
        for expected in (
            "SỔ GỬI VĂN BẢN ĐI BƯU ĐIỆN",
            "Từ ngày 05/03/2025 đến ngày 11/03/2025",
            "Quyển số 01",
            "RR123456789VN",
            *POSTAL_TITLES,
        ):
            with self.subTest(expected=expected):
                self.assertIn(flat(expected), html)
        self.assertNotIn("Từsố", html)

    # ------------------------------------------------------------------
    # Who prints
    # ------------------------------------------------------------------
    def test_access(self):
        """R-OUT4: the records clerk and the follow-up officer print the registers;
        staff do not."""
        self.assertEqual(
            len(self.wizard("follow_up")._report_values("register")["rows"]),
            len(SYMBOLS),
        )
        with self.assertRaises(AccessError):
            self.wizard("staff")
