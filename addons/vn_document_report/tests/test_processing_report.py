# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
import re
from datetime import date, datetime, timedelta
from typing import NamedTuple

import openpyxl
from PyPDF2 import PdfReader

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.vn_document_base.tests.common import VnDocumentCase
from odoo.addons.vn_document_base.tools.legal import vn_now

YEAR = 2015  # far from any demo data: the period holds only what the test seeds
BUCKETS = ("done_on_time", "done_late", "open_in_time", "open_overdue")
TITLE_IN = "BÁO CÁO TÌNH HÌNH GIẢI QUYẾT VĂN BẢN ĐẾN"
TITLE_OUT = "BÁO CÁO TÌNH HÌNH GIẢI QUYẾT VĂN BẢN ĐI"


def vn(year, month, day, hour=9, minute=0):
    """A Vietnam wall-clock time as Odoo stores it (naive UTC, Vietnam is UTC+7 all
    year)."""
    return datetime(year, month, day, hour, minute) - timedelta(hours=7)


def flat(text):
    return re.sub(r"\s+", "", text)


class In(NamedTuple):
    """An incoming document as the workflow left it."""

    unit: str | None
    person: str | None
    registered: datetime
    expect: str | None
    state: str = "in_progress"
    done: datetime | None = None
    done_deadline: date | None = None
    deadline: date | None = None
    recalled: datetime | None = None


class Out(NamedTuple):
    """An outgoing document's drafting as the workflow left it."""

    unit: str
    person: str
    created: datetime
    expect: str | None
    state: str = "draft"
    issued: datetime | None = None
    deadline: date | None = None


def expected_rows(seeds, key):
    """{row key: {"received", bucket...}} by the test's own rule: each seed names its
    expected bucket (None: not counted, "out": outside the period)."""
    rows = {}
    for seed in seeds:
        if seed.expect in (None, "out"):
            continue
        row = rows.setdefault(
            getattr(seed, key), dict.fromkeys(("received", *BUCKETS), 0)
        )
        row["received"] += 1
        row[seed.expect] += 1
    return rows


def pct(count, total):
    return round(100 * count / total, 2) if total else 0


@tagged("post_install", "-at_install")
class TestProcessingReport(VnDocumentCase):
    """R-RP2: the processing-status reports of incoming and outgoing documents (ND 30
    Phụ lục VI Part V, outputs 2 and 4) per unit and person, as PDF and Excel, counted
    from stored facts at the period's cutoff, and only for who may see the units."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        for model in ("vn_document_incoming", "vn_document_outgoing"):
            column = "registered_on" if "incoming" in model else "create_date"
            env.cr.execute(
                f"SELECT count(*) FROM {model} WHERE {column} < %s",
                (datetime(YEAR + 2, 1, 1),),
            )
            assert env.cr.fetchone()[0] == 0, "the test's years must be empty"
        cls.unit_a = env["hr.department"].create({"name": "Phòng Kinh tế"})
        cls.unit_b = env["hr.department"].create({"name": "Phòng Văn hóa"})
        cls.unit_c = env["hr.department"].create({"name": "Phòng Tư pháp"})
        cls.head = cls.users["department_head"]
        cls.head.name = "Lê Văn Trưởng"
        head_employee = env["hr.employee"].create(
            {
                "name": cls.head.name,
                "user_id": cls.head.id,
                "department_id": cls.unit_a.id,
            }
        )
        cls.unit_a.manager_id = head_employee
        cls.people = {}
        for key, name, unit in (
            ("p1", "Nguyễn Văn An", cls.unit_a),
            ("p2", "Trần Thị Bình", cls.unit_a),
            ("p3", "Phạm Văn Cường", cls.unit_b),
        ):
            user = new_test_user(
                env,
                login=f"vn_test_report_{key}",
                name=name,
                groups="vn_document_base.group_vn_document_staff",
            )
            env["hr.employee"].create(
                {"name": name, "user_id": user.id, "department_id": unit.id}
            )
            cls.people[key] = user
        cls.other_company = env["res.company"].create({"name": "Sở Tài chính (thử)"})
        cls.incoming = cls._seed_incoming()
        cls.outgoing = cls._seed_outgoing()

    # ------------------------------------------------------------------
    # Seeds: facts written as the workflow would have written them
    # ------------------------------------------------------------------
    @classmethod
    def _unit(cls, key):
        return {"A": cls.unit_a, "B": cls.unit_b, None: None}[key]

    @classmethod
    def _seed_incoming(cls):
        y, d = YEAR, date
        seeds = [
            # Each seed: unit, person, registered (Vietnam time), the bucket expected
            # at the end of Q1 ("out": not in the period, None: not counted), facts.
            In("A", "p1", vn(y, 1, 5), "done_on_time", "done", vn(y, 1, 10),
               d(y, 1, 15)),
            In("A", "p1", vn(y, 2, 1), "done_late", "done", vn(y, 2, 20), d(y, 2, 15)),
            In("A", "p2", vn(y, 3, 1), "open_in_time", deadline=d(y, 4, 10)),
            # a deadline on the period's last day has passed at its end
            In("A", "p2", vn(y, 3, 10), "open_overdue", deadline=d(y, 3, 31)),
            # 23:59 on the quarter's last day: in; completed after the cutoff: open
            In("A", "p1", vn(y, 3, 31, 23, 59), "open_in_time", "done", vn(y, 4, 2),
               d(y, 4, 5), d(y, 4, 5)),
            # 00:00 on the next quarter's first day: out
            In("A", "p1", vn(y, 4, 1, 0, 0), "out"),
            # 00:00 on the quarter's first day: in; done without a deadline: on time
            In("B", "p3", vn(y, 1, 1, 0, 0), "done_on_time", "done", vn(y, 1, 2)),
            # 23:59 on the previous quarter's last day: out
            In("B", "p3", vn(y - 1, 12, 31, 23, 59), "out"),
            # recalled before the cutoff, returned: not counted
            In("A", "p2", vn(y, 2, 10), None, "recalled", deadline=d(y, 2, 20),
               recalled=vn(y, 3, 1)),
            In("A", "p2", vn(y, 2, 11), None, "returned"),
            # recalled after the cutoff: counted as it stood; no deadline: in time
            In("B", "p3", vn(y, 2, 12), "open_in_time", "recalled",
               recalled=vn(y, 4, 5)),
            # registered, not assigned yet: no unit, no person
            In(None, None, vn(y, 1, 20), "open_in_time", "registered"),
            # done without a deadline in force (the later deadline is not it)
            In("B", "p3", vn(y, 3, 2), "done_on_time", "done", vn(y, 3, 20), None,
               d(y, 3, 10)),
            # done at 23:30 on the deadline (Vietnam): on time; at 00:10 the day after
            # (still the deadline's date in UTC): late
            In("B", "p3", vn(y, 3, 3), "done_on_time", "done", vn(y, 3, 15, 23, 30),
               d(y, 3, 15), d(y, 3, 15)),
            In("B", "p3", vn(y, 3, 4), "done_late", "done", vn(y, 3, 16, 0, 10),
               d(y, 3, 15), d(y, 3, 15)),
            # the unit's, no person yet
            In("A", None, vn(y, 3, 5), "open_overdue", deadline=d(y, 3, 20)),
        ]  # fmt: skip
        Incoming = cls.env["vn.document.incoming"]
        for index, seed in enumerate(seeds):
            doc = Incoming.create(
                {"subject": f"Văn bản đến thử {index}", "channel": "paper"}
            )
            cls.env.cr.execute(
                """UPDATE vn_document_incoming
                      SET registered_on = %s, state = %s, done_on = %s,
                          done_deadline = %s, deadline = %s, recalled_on = %s,
                          handling_department_id = %s, handling_user_id = %s
                    WHERE id = %s""",
                (
                    seed.registered,
                    seed.state,
                    seed.done,
                    seed.done_deadline,
                    seed.deadline,
                    seed.recalled,
                    cls._unit(seed.unit).id if seed.unit else None,
                    cls.people[seed.person].id if seed.person else None,
                    doc.id,
                ),
            )
        # another agency's document in the period: never counted
        doc = Incoming.create(
            {"subject": "Văn bản của cơ quan khác", "channel": "paper"}
        )
        cls.env.cr.execute(
            """UPDATE vn_document_incoming
                  SET registered_on = %s, state = 'in_progress', company_id = %s,
                      handling_department_id = %s
                WHERE id = %s""",
            (vn(y, 2, 2), cls.other_company.id, cls.unit_a.id, doc.id),
        )
        cls.env.invalidate_all()
        return seeds

    @classmethod
    def _seed_outgoing(cls):
        y, d = YEAR, date
        seeds = [
            # unit, person, created (Vietnam time), expected bucket, state, issued,
            # drafting deadline
            Out("A", "p1", vn(y, 1, 10), "done_on_time", "issued", vn(y, 1, 20, 10, 0),
                d(y, 1, 20)),
            # issued 00:30 the day after the deadline (Vietnam), the deadline's date
            # in UTC: late
            Out("A", "p1", vn(y, 1, 10), "done_late", "issued", vn(y, 1, 21, 0, 30),
                d(y, 1, 20)),
            Out("A", "p2", vn(y, 3, 31, 23, 59), "open_in_time"),
            Out("A", "p2", vn(y, 2, 1), "open_overdue", "review", None, d(y, 3, 15)),
            Out("B", "p3", vn(y, 2, 1), None, "cancelled", None, d(y, 3, 1)),
            Out("B", "p3", vn(y, 4, 1, 0, 0), "out"),
            # issued after the cutoff: still open, within its deadline
            Out("B", "p3", vn(y, 1, 1, 0, 0), "open_in_time", "issued", vn(y, 4, 2),
                d(y, 4, 30)),
            # issued then recalled: the drafting was done, on time (no deadline)
            Out("B", "p3", vn(y, 3, 1), "done_on_time", "recalled", vn(y, 3, 2)),
            Out("B", "p3", vn(y - 1, 12, 31, 23, 59), "out"),
        ]  # fmt: skip
        doc_type = cls.env.ref("vn_document_base.vn_document_type_quyet_dinh")
        Outgoing = cls.env["vn.document.outgoing"]
        for index, seed in enumerate(seeds):
            doc = Outgoing.create(
                {
                    "subject": f"Dự thảo thử {index}",
                    "document_type_id": doc_type.id,
                    "drafter_id": cls.people[seed.person].id,
                    "drafting_department_id": cls._unit(seed.unit).id,
                }
            )
            cls.env.cr.execute(
                """UPDATE vn_document_outgoing
                      SET create_date = %s, state = %s, issued_at = %s,
                          drafting_deadline = %s
                    WHERE id = %s""",
                (seed.created, seed.state, seed.issued, seed.deadline, doc.id),
            )
        cls.env.invalidate_all()
        return seeds

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def wizard(self, user="follow_up", **values):
        values = dict(
            {"period_kind": "quarter", "year": YEAR, "quarter": "1"}, **values
        )
        return (
            self.env["vn.processing.report.wizard"]
            .with_user(self.users[user])
            .create(values)
        )

    def labels(self):
        return {
            "A": self.unit_a.name,
            "B": self.unit_b.name,
            "C": self.unit_c.name,
            "p1": self.people["p1"].name,
            "p2": self.people["p2"].name,
            "p3": self.people["p3"].name,
            "head": self.head.name,
        }

    def assert_rows(self, values, expected, missing_label):
        """Every expected row (by its label) has the expected figures and rates; the
        total row sums them."""
        labels = {**self.labels(), None: missing_label}
        rows = {row["label"]: row for row in values["rows"]}
        for key, figures in expected.items():
            with self.subTest(row=key):
                row = rows[labels[key]]
                for field in ("received", *BUCKETS):
                    self.assertEqual(row[field], figures[field], field)
                for bucket in BUCKETS:
                    self.assertEqual(
                        row[f"{bucket}_rate"],
                        pct(figures[bucket], figures["received"]),
                    )
        for field in ("received", *BUCKETS):
            self.assertEqual(
                values["total"][field],
                sum(figures[field] for figures in expected.values()),
            )

    def workbook(self, wizard):
        action = wizard.action_export_xlsx()
        self.assertEqual(action["type"], "ir.actions.act_url")
        attachment = self.env["ir.attachment"].browse(
            int(action["url"].split("/")[3].split("?")[0])
        )
        self.assertEqual(attachment.res_model, "vn.processing.report.wizard")
        self.assertEqual(attachment.res_id, wizard.id)
        return (
            openpyxl.load_workbook(io.BytesIO(attachment.raw)).active,
            openpyxl.load_workbook(io.BytesIO(attachment.raw), data_only=True).active,
        )

    # ------------------------------------------------------------------
    # Figures
    # ------------------------------------------------------------------
    def test_incoming_by_unit(self):
        """R-RP2: incoming documents per unit for the whole agency: the period's
        edges at 23:59 and 00:00 Vietnam time, done late by Vietnam date, recalled
        before the cutoff and returned ones left out, a unit without documents at
        zero, the documents not yet assigned on their own row."""
        values = self.wizard()._report_values()
        expected = expected_rows(self.incoming, "unit")
        expected["C"] = dict.fromkeys(("received", *BUCKETS), 0)
        self.assert_rows(values, expected, "Chưa giao đơn vị xử lý")
        self.assertEqual(values["total"]["received"], 12)
        self.assertEqual(values["excluded"], 2)
        self.assertEqual(values["title"], TITLE_IN)
        self.assertEqual(values["period"], f"Quý I năm {YEAR}")
        self.assertEqual(values["cutoff"], f"00:00 ngày 01/04/{YEAR}")
        self.assertIn("văn bản đã trả lại nơi gửi: 2 văn bản.", values["notes"][-1])
        self.assertEqual(values["rows"][-1]["label"], "Chưa giao đơn vị xử lý")

    def test_incoming_by_person(self):
        """R-RP2: incoming documents per person; those with a unit but no person yet
        on their own row; the unit's people without documents at zero."""
        values = self.wizard(group_by="person")._report_values()
        expected = expected_rows(self.incoming, "person")
        expected["head"] = dict.fromkeys(("received", *BUCKETS), 0)
        self.assert_rows(values, expected, "Chưa giao người xử lý")

    def test_outgoing_by_unit_and_person(self):
        """R-RP2: the drafting of outgoing documents started in the period, per unit
        and per person: issued on or before the drafting deadline (Vietnam date) is on
        time, issued after the cutoff is still open, cancelled drafts left out."""
        wizard = self.wizard(kind="outgoing")
        values = wizard._report_values()
        expected = expected_rows(self.outgoing, "unit")
        expected["C"] = dict.fromkeys(("received", *BUCKETS), 0)
        self.assert_rows(values, expected, "Chưa xác định đơn vị soạn thảo")
        self.assertEqual(values["total"]["received"], 6)
        self.assertEqual(values["excluded"], 1)
        self.assertEqual(values["title"], TITLE_OUT)
        wizard.group_by = "person"
        self.assert_rows(
            wizard._report_values(),
            expected_rows(self.outgoing, "person"),
            "Chưa xác định người soạn thảo",
        )

    def test_empty_period(self):
        """R-RP2: a period without documents gives every unit at zero, rates 0."""
        values = self.wizard(period_kind="year", year=YEAR - 2)._report_values()
        self.assertEqual(values["period"], f"Năm {YEAR - 2}")
        labels = {row["label"] for row in values["rows"]}
        self.assertLessEqual(
            {self.unit_a.name, self.unit_b.name, self.unit_c.name}, labels
        )
        for row in (*values["rows"], values["total"]):
            self.assertEqual(row["received"], 0)
            self.assertEqual(row["done_on_time_rate"], 0)

    def test_periods(self):
        """R-RP2: half-year and custom dates in Vietnam time; the default period is
        the last complete quarter."""
        half = self.wizard(period_kind="half", half="1")._report_values()
        self.assertEqual(half["period"], f"6 tháng đầu năm {YEAR}")
        # the half-year holds the 00:00 document of 1/4 too, and at its end the one
        # recalled on 5/4 is out: 12 + 1 - 1
        self.assertEqual(half["total"]["received"], 12)
        self.assertEqual(half["excluded"], 3)
        custom = self.wizard(
            period_kind="custom",
            date_from=date(YEAR, 3, 31),
            date_to=date(YEAR, 3, 31),
        )._report_values()
        self.assertEqual(custom["total"]["received"], 1)
        with self.assertRaises(UserError):
            self.wizard(
                period_kind="custom", date_from=date(YEAR, 3, 31)
            )._report_values()
        default = (
            self.env["vn.processing.report.wizard"]
            .with_user(self.users["follow_up"])
            .create({})
        )
        today = vn_now().date()
        self.assertEqual(
            (default.year, int(default.quarter)),
            (today.year, (today.month - 1) // 3)
            if today.month > 3
            else (today.year - 1, 4),
        )

    # ------------------------------------------------------------------
    # Access
    # ------------------------------------------------------------------
    def test_department_head_sees_his_unit_only(self):
        """R-RP2: a head of unit reports on the unit he manages and its people; asking
        for another unit, directly or mixed with his, is refused by the server."""
        values = self.wizard("department_head")._report_values()
        self.assertEqual([row["label"] for row in values["rows"]], [self.unit_a.name])
        expected = expected_rows(self.incoming, "unit")
        self.assert_rows(values, {"A": expected["A"]}, "")
        people = self.wizard("department_head", group_by="person")._report_values()
        expected = expected_rows([s for s in self.incoming if s.unit == "A"], "person")
        expected["head"] = dict.fromkeys(("received", *BUCKETS), 0)
        self.assert_rows(people, expected, "Chưa giao người xử lý")
        self.assertNotIn(self.people["p3"].name, {r["label"] for r in people["rows"]})
        for units in (self.unit_b, self.unit_a | self.unit_b):
            wizard = self.wizard("department_head", department_ids=units.ids)
            with self.assertRaises(AccessError):
                wizard._report_values()
            with self.assertRaises(AccessError):
                wizard.action_export_xlsx()
            with self.assertRaises(AccessError):
                wizard.action_print_pdf()

    def test_agency_roles_choose_units(self):
        """R-RP2: heads of agency, follow-up officers and the administrator report on
        any unit of the agency; chosen units only."""
        expected = expected_rows(self.incoming, "unit")
        for role in ("agency_head", "follow_up", "admin"):
            with self.subTest(role=role):
                values = self.wizard(
                    role, department_ids=(self.unit_b | self.unit_c).ids
                )._report_values()
                self.assertEqual(
                    [row["label"] for row in values["rows"]],
                    [self.unit_c.name, self.unit_b.name],
                )
                self.assertEqual(values["total"]["received"], expected["B"]["received"])

    def test_refused(self):
        """R-RP2: a staff member cannot report (neither the wizard nor its methods on
        someone else's wizard); a head managing no unit, another agency: refused."""
        with self.assertRaises(AccessError):
            self.wizard("staff")
        wizard = self.env["vn.processing.report.wizard"].create(
            {"period_kind": "quarter", "year": YEAR, "quarter": "1"}
        )
        for method in ("_report_values", "action_export_xlsx", "action_print_pdf"):
            with self.subTest(method=method), self.assertRaises(AccessError):
                getattr(wizard.with_user(self.users["staff"]), method)()
        self.unit_a.manager_id = False
        with self.assertRaises(AccessError):
            self.wizard("department_head")._report_values()
        with self.assertRaises(AccessError):
            self.wizard("follow_up", company_id=self.other_company.id)._report_values()

    # ------------------------------------------------------------------
    # Outputs
    # ------------------------------------------------------------------
    def test_workbook(self):
        """R-RP2: the workbook holds every figure; rates are formulas over the
        received count, totals SUM formulas, their cached values right."""
        wizard = self.wizard()
        formulas, cached = self.workbook(wizard)
        self.assertEqual(cached["A3"].value, TITLE_IN)
        self.assertEqual(cached["A4"].value, f"Quý I năm {YEAR}")
        self.assertEqual(cached["B8"].value, "Đơn vị")
        self.assertEqual(cached["D8"].value, "Đã giải quyết")
        self.assertEqual(cached["H9"].value, "Trong hạn")
        self.assertEqual(cached["E10"].value, "Tỷ lệ (%)")
        self.assertEqual(formulas.freeze_panes, "C11")
        self.assertEqual(formulas.page_setup.orientation, "landscape")
        self.assertEqual(str(formulas.page_setup.paperSize), "9")
        expected = expected_rows(self.incoming, "unit")
        expected["C"] = dict.fromkeys(("received", *BUCKETS), 0)
        labels = {**self.labels(), None: "Chưa giao đơn vị xử lý"}
        by_label = {
            cached.cell(r, 2).value: r
            for r in range(11, cached.max_row + 1)
            if cached.cell(r, 2).value
        }
        for key, figures in expected.items():
            r = by_label[labels[key]]
            with self.subTest(row=key):
                self.assertEqual(cached.cell(r, 3).value, figures["received"])
                for position, bucket in enumerate(BUCKETS):
                    col = 4 + 2 * position
                    letter = openpyxl.utils.get_column_letter(col)
                    self.assertEqual(cached.cell(r, col).value, figures[bucket])
                    self.assertEqual(
                        formulas.cell(r, col + 1).value,
                        f"=IF($C{r}=0,0,ROUND({letter}{r}*100/$C{r},2))",
                    )
                    self.assertEqual(
                        cached.cell(r, col + 1).value,
                        pct(figures[bucket], figures["received"]),
                    )
        total = by_label["Tổng cộng"]
        self.assertEqual(formulas.cell(total, 3).value, f"=SUM(C11:C{total - 1})")
        self.assertEqual(cached.cell(total, 3).value, 12)
        for position, bucket in enumerate(BUCKETS):
            col = 4 + 2 * position
            letter = openpyxl.utils.get_column_letter(col)
            count = sum(f[bucket] for f in expected.values())
            self.assertEqual(
                formulas.cell(total, col).value, f"=SUM({letter}11:{letter}{total - 1})"
            )
            self.assertEqual(cached.cell(total, col).value, count)
            self.assertTrue(str(formulas.cell(total, col + 1).value).startswith("=IF("))
            self.assertEqual(cached.cell(total, col + 1).value, pct(count, 12))
        # every data row's figures add up to its received count
        for r in range(11, total):
            self.assertEqual(
                sum(cached.cell(r, 4 + 2 * p).value for p in range(4)),
                cached.cell(r, 3).value,
            )

    def test_pdf(self):
        """R-RP2: the PDF report in Vietnamese whatever the user's language: national
        header, title, period, the table and its footnote."""
        self.users["follow_up"].lang = "en_US"
        wizard = self.wizard()
        action = wizard.action_print_pdf()
        self.assertEqual(action["type"], "ir.actions.report")
        Report = self.env["ir.actions.report"].with_user(self.users["follow_up"])
        html = Report._render_qweb_html(
            "vn_document_report.action_report_vn_processing", wizard.ids
        )[0].decode()
        for expected in (
            TITLE_IN,
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            f"Quý I năm {YEAR}",
            "Trước hạn, đúng hạn",
            "Đang giải quyết",
            self.unit_a.name,
            "16,67",  # 1 of the 6 documents of Phòng Kinh tế
            "Tổng cộng",
            "Ghi chú",
        ):
            with self.subTest(expected=expected):
                self.assertIn(flat(expected), flat(html))
        # wkhtmltopdf would fetch the stylesheets from this very server, whose request
        # thread waits for the registry the test holds: point it at a closed port.
        self.env["ir.config_parameter"].set_param("report.url", "http://127.0.0.1:9")
        pdf, report_type = Report.with_context(
            force_report_rendering=True
        )._render_qweb_pdf(
            "vn_document_report.action_report_vn_processing",
            self.wizard(kind="outgoing").ids,
        )
        self.assertEqual(report_type, "pdf")
        text = flat(
            "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
        )
        self.assertIn(flat(TITLE_OUT), text)

    def test_pdf_refused_to_a_head_for_another_unit(self):
        """R-RP2: the report route renders through the same check."""
        wizard = self.wizard("department_head", department_ids=self.unit_b.ids)
        with self.assertRaises(AccessError):
            self.env["ir.actions.report"].with_user(
                self.users["department_head"]
            )._render_qweb_html(
                "vn_document_report.action_report_vn_processing", wizard.ids
            )
