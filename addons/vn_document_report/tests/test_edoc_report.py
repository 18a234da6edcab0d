# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The quarterly e-document report (R-RP1): every figure and formula of the workbook
against a data set whose expected figures are written out below, document by
document; the edges of the period in Vietnam time; recalls and replacements; a unit
without documents; an empty period; versions; the schedule; sending; and the doors a
role must not pass."""

import base64
import datetime
import io
from unittest.mock import patch

import openpyxl

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from .common import ReportSetup, day, no_commit, utc
from .workbook_content import WorkbookContent

Q3 = (day("2026-07-01"), day("2026-09-30"))
# The columns of "Tổng hợp" by their Vietnamese headings (group, heading), as the
# Department reads them.
HEADINGS = {
    "out_total": ("Văn bản đi", "Tổng số"),
    "out_signed": ("Văn bản đi", "Ký số hợp lệ"),
    "out_electronic": ("Văn bản đi", "Điện tử hoàn toàn"),
    "out_both": ("Văn bản đi", "Điện tử kèm bản giấy"),
    "out_paper": ("Văn bản đi", "Chỉ bản giấy"),
    "out_lgsp": ("Văn bản đi", "Qua HCM LGSP"),
    "out_electronic_rate": ("Văn bản đi", "Tỷ lệ điện tử hoàn toàn (%)"),
    "out_signed_rate": ("Văn bản đi", "Tỷ lệ ký số (%)"),
    "out_replacements": ("Văn bản đi", "Văn bản thay thế (không tính)"),
    "in_total": ("Văn bản đến", "Tổng số"),
    "in_lgsp": ("Văn bản đến", "Qua HCM LGSP"),
    "in_other_electronic": ("Văn bản đến", "Điện tử khác"),
    "in_paper": ("Văn bản đến", "Bản giấy"),
    "in_valid_signature": ("Văn bản đến", "Chữ ký số hợp lệ"),
    "in_electronic_rate": ("Văn bản đến", "Tỷ lệ điện tử (%)"),
    "in_recalled": ("Văn bản đến", "Bị thu hồi (không tính)"),
    "h_total": ("Giải quyết văn bản đến có hạn", "Có hạn giải quyết"),
    "h_on_time": ("Giải quyết văn bản đến có hạn", "Đã giải quyết đúng, trước hạn"),
    "h_late": ("Giải quyết văn bản đến có hạn", "Đã giải quyết trễ hạn"),
    "h_open": ("Giải quyết văn bản đến có hạn", "Đang giải quyết trong hạn"),
    "h_overdue": ("Giải quyết văn bản đến có hạn", "Đang giải quyết quá hạn"),
    "h_on_time_rate": ("Giải quyết văn bản đến có hạn", "Tỷ lệ đúng hạn (%)"),
    "x_unanswered": ("Liên thông", 'Chưa nhận "đã đến" sau 3 ngày làm việc'),
    "x_refused": ("Liên thông", "Bị từ chối"),
    "x_recalled": ("Liên thông", "Văn bản đi bị thu hồi"),
    "u_active": ("Sử dụng hệ thống", "Tài khoản hoạt động"),
    "u_enabled": ("Sử dụng hệ thống", "Tổng tài khoản"),
    "u_rate": ("Sử dụng hệ thống", "Tỷ lệ hoạt động (%)"),
}
COUNTS = [k for k in HEADINGS if not k.endswith("_rate") and k != "h_total"]


def rate(numerator, denominator):
    return numerator / denominator if denominator else 0


def expected_rates(f):
    """The test's own arithmetic of the rate and sum columns."""
    return {
        "out_electronic_rate": rate(f["out_electronic"], f["out_total"]),
        "out_signed_rate": rate(f["out_signed"], f["out_total"]),
        "in_electronic_rate": rate(
            f["in_lgsp"] + f["in_other_electronic"], f["in_total"]
        ),
        "h_total": f["h_on_time"] + f["h_late"] + f["h_open"] + f["h_overdue"],
        "h_on_time_rate": rate(f["h_on_time"], f["h_on_time"] + f["h_late"]),
        "u_rate": rate(f["u_active"], f["u_enabled"]),
    }


@tagged("post_install", "-at_install")
class TestEdocReport(WorkbookContent, ReportSetup, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_report_units()
        unit, unit2 = cls.unit, cls.unit2
        valid = (("organisation", True), ("individual", True))
        # Incoming, each with what the test expects of it (unit, figures).
        cls.expected = {unit.id: {}, unit2.id: {}, None: {}}

        def expect(unit_id, *keys):
            for key in keys:
                figures = cls.expected[unit_id]
                figures[key] = figures.get(key, 0) + 1

        # The first minute of the quarter (Vietnam time) is in it.
        cls._incoming(
            "2026-07-01 00:00",
            unit,
            "lgsp",
            "2026-07-10",
            done="2026-07-09 10:00",
            signatures=valid,
        )
        expect(unit.id, "in_total", "in_lgsp", "in_valid_signature", "h_on_time")
        # The last minute of the quarter is in it; open, deadline after the cutoff.
        cls.last_minute = cls._incoming("2026-09-30 23:59", unit, "email", "2026-10-05")
        expect(unit.id, "in_total", "in_other_electronic", "h_open")
        # One minute before, one minute after: other quarters.
        cls._incoming("2026-06-30 23:59", unit, "paper")
        cls._incoming("2026-10-01 00:00", unit2, "lgsp")
        # Done after its deadline; one of its two signatures does not validate.
        cls._incoming(
            "2026-08-01 09:00",
            unit2,
            "paper",
            "2026-08-10",
            done="2026-08-15 09:00",
            signatures=(("organisation", True), ("individual", False)),
        )
        expect(unit2.id, "in_total", "in_paper", "h_late")
        # Open and its deadline was the quarter's last day: overdue at the cutoff.
        cls.overdue = cls._incoming("2026-08-02 09:00", unit2, "internal", "2026-09-30")
        expect(unit2.id, "in_total", "in_other_electronic", "h_overdue")
        # Completed after the cutoff: still overdue for this quarter.
        cls._incoming(
            "2026-08-03 09:00",
            unit2,
            "lgsp",
            "2026-09-20",
            done="2026-10-05 09:00",
        )
        expect(unit2.id, "in_total", "in_lgsp", "h_overdue")
        # Recalled in the quarter: shown apart.
        cls._incoming("2026-08-04 09:00", unit, "lgsp", recalled="2026-09-01 09:00")
        expect(unit.id, "in_recalled")
        # Recalled after the cutoff: counted as it was at the cutoff (no deadline).
        cls._incoming("2026-08-05 09:00", unit, "lgsp", recalled="2026-10-10 09:00")
        expect(unit.id, "in_total", "in_lgsp")
        # No handling unit yet.
        cls._incoming("2026-09-15 09:00", None, "email")
        expect(None, "in_total", "in_other_electronic")
        # Completed at 23:30 (Vietnam) on its deadline day: on time.
        cls._incoming(
            "2026-07-20 09:00",
            unit,
            "lgsp",
            "2026-07-25",
            done="2026-07-25 23:30",
        )
        expect(unit.id, "in_total", "in_lgsp", "h_on_time")
        # Returned to the sender after registration: received, not handled.
        cls._incoming("2026-07-05 09:00", unit2, "paper", state="returned")
        expect(unit2.id, "in_total", "in_paper")

        # Outgoing: (kind, sent, received, refused) per copy.
        first = cls._outgoing(
            "2026-07-01 00:00",
            unit,
            [
                ("external", "2026-07-01 01:00", "2026-07-02 08:00", None),
                ("email", "2026-07-01 01:00", None, None),
            ],
        )
        expect(unit.id, "out_total", "out_signed", "out_electronic", "out_lgsp")
        cls._outgoing(
            "2026-09-30 23:59",
            unit,
            [("external", "2026-09-30 23:59", None, None), ("paper", None, None, None)],
        )
        expect(unit.id, "out_total", "out_signed", "out_both", "out_lgsp")
        cls._outgoing("2026-08-03 09:00", unit2, [("paper", None, None, None)])
        expect(unit2.id, "out_total", "out_signed", "out_paper")
        # Sent on Tuesday 4 August: the third working day after is Friday 7; the
        # arrival came on the 12th (late); the other copy was refused.
        cls._outgoing(
            "2026-08-04 09:00",
            unit2,
            [
                ("external", "2026-08-04 09:00", "2026-08-12 09:00", None),
                ("external", "2026-08-04 09:00", None, "2026-08-05 09:00"),
            ],
            signatures=(("organisation", True),),
        )
        expect(unit2.id, "out_total", "out_lgsp", "x_unanswered", "x_refused")
        cls._outgoing("2026-08-10 09:00", unit, recalled="2026-09-01 09:00")
        expect(unit.id, "x_recalled")
        cls._outgoing("2026-08-11 09:00", unit, replaces=first)
        expect(unit.id, "out_replacements")
        cls._outgoing("2026-06-30 23:59", unit2)
        cls._outgoing(
            "2026-08-20 09:00",
            unit,
            [("internal", "2026-08-20 09:00", "2026-08-20 10:00", None)],
            recalled="2026-10-05 09:00",
        )
        expect(unit.id, "out_total", "out_signed", "out_electronic")

        # Use: logins in the quarter (and one before it).
        for role, when in (
            ("staff", "2026-07-15"),
            ("department_head", "2026-06-30"),
            ("follow_up", "2026-09-30"),
        ):
            cls._sql(
                "INSERT INTO vn_user_login_day (user_id, company_id, day) "
                "VALUES (%s, %s, %s)",
                (cls.users[role].id, cls.company.id, when),
            )
        cls.env["vn.system.outage"].create(
            [
                {
                    "start": utc("2026-08-01 08:00"),
                    "end": utc("2026-08-01 10:30"),
                    "description": "Mất kết nối cơ sở dữ liệu",
                },
                {
                    "start": utc("2026-06-30 08:00"),
                    "end": utc("2026-06-30 09:00"),
                    "description": "Quý trước",
                },
            ]
        )
        # Every account exists since before the quarter.
        cls._sql("UPDATE res_users SET create_date = '2026-01-01'", ())
        cls.Report = cls.env["vn.edoc.report"]

    def _generate(self, user=None, departments=None, dates=Q3, kind="quarter"):
        env = self.env(user=user) if user else self.env
        return (
            env["vn.edoc.report"]
            ._vn_generate(
                self.company,
                kind,
                *dates,
                departments or env["hr.department"],
            )
            .sudo()
        )

    def _accounts(self, unit):
        """Enabled staff accounts of ``unit`` and those with a login in Q3, by the
        test's own search."""
        staff = self.env.ref("vn_document_base.group_vn_document_staff")
        users = staff.all_user_ids.filtered(
            lambda u: (
                u.active
                and not u.share
                and u.company_id == self.company
                and (u.employee_ids[:1].department_id.id or None) == unit
            )
        )
        logins = self.env["vn.user.login.day"].search(
            [("user_id", "in", users.ids), ("day", ">=", Q3[0]), ("day", "<=", Q3[1])]
        )
        return len(logins.user_id), len(users)

    def _book(self, report):
        data = base64.b64decode(report.workbook_id.datas)
        formulas = openpyxl.load_workbook(io.BytesIO(data))
        values = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        return formulas, values

    def _columns(self, sheet):
        """{key: column index} found by the headings of rows 8 and 9."""
        found, group = {}, None
        for col in range(1, sheet.max_column + 1):
            group = sheet.cell(8, col).value or group
            heading = sheet.cell(9, col).value
            for key, (g, h) in HEADINGS.items():
                if (group, heading) == (g, h):
                    found[key] = col
        self.assertEqual(set(found), set(HEADINGS), "every indicator has its column")
        return found

    def _rows(self, sheet):
        rows = {}
        for row in range(10, sheet.max_row + 1):
            name = sheet.cell(row, 2).value
            if name:
                rows[name] = row
        return rows

    def test_every_figure_and_formula_of_the_summary(self):
        """R-RP1: each unit's figures, the total row's sums and the rates are the
        expected ones; totals and rates are formulas."""
        report = self._generate()
        formulas, values = self._book(report)
        self.assertEqual(
            formulas.sheetnames,
            ["Tổng hợp", "VB đi", "VB đến", "Liên thông", "Sự cố", "Ghi chú"],
        )
        summary, cached = formulas["Tổng hợp"], values["Tổng hợp"]
        columns = self._columns(summary)
        rows = self._rows(summary)
        names = {
            self.unit.id: self.unit.complete_name,
            self.unit2.id: self.unit2.complete_name,
            None: "Chưa xác định đơn vị",
        }
        for unit_id, name in names.items():
            active, enabled = self._accounts(unit_id)
            figures = dict.fromkeys(COUNTS, 0)
            figures.update(self.expected[unit_id], u_active=active, u_enabled=enabled)
            figures.update(expected_rates(figures))
            row = rows[name]
            for key, col in columns.items():
                self.assertAlmostEqual(
                    cached.cell(row, col).value,
                    figures[key],
                    msg=f"{name}: {key}",
                )
                formula = summary.cell(row, col).value
                if key.endswith("_rate") or key == "h_total":
                    self.assertTrue(str(formula).startswith("="), f"{key}: {formula}")
                    self.assertIn(str(row), formula)
                else:
                    self.assertIsInstance(formula, int, f"{name}: {key}")
        # The unit without documents has its row, all zero but its accounts.
        empty = rows[self.empty_unit.complete_name]
        for key in ("out_total", "in_total", "h_total", "x_refused"):
            self.assertEqual(cached.cell(empty, columns[key]).value, 0)
        # The total row sums the rows above it, by formula.
        total = rows["Tổng cộng"]
        first, last = min(rows.values()), total - 1
        for key in COUNTS:
            col = columns[key]
            letter = summary.cell(total, col).column_letter
            self.assertEqual(
                summary.cell(total, col).value,
                f"=SUM({letter}{first}:{letter}{last})",
            )
            self.assertEqual(
                cached.cell(total, col).value,
                sum(cached.cell(r, col).value or 0 for r in range(first, last + 1)),
            )
        totals = {key: cached.cell(total, columns[key]).value for key in COUNTS}
        for key, value in expected_rates(totals).items():
            self.assertAlmostEqual(cached.cell(total, columns[key]).value, value)
            self.assertTrue(summary.cell(total, columns[key]).value.startswith("="))
        self.assertEqual(totals["in_total"], 9)
        self.assertEqual(totals["out_total"], 5)
        # Outages of the quarter: one, 2.5 hours; by formula over the detail sheet.
        outage_row = total + 2
        self.assertEqual(cached.cell(outage_row, 3).value, 1)
        self.assertIn("COUNTA", summary.cell(outage_row, 3).value)
        self.assertAlmostEqual(cached.cell(outage_row + 1, 3).value, 2.5)
        self.assertEqual(report.in_total, 9)
        self.assertEqual(report.out_total, 5)

    def test_workbook_content_is_unchanged(self):
        """Issue 15: the workbook made faster has the content it had before, cell
        by cell, on this data (tests/data/workbook_q3.json)."""
        self._assert_workbook_content()

    def test_detail_sheets_lie_behind_the_figures(self):
        """R-RP1: the detail sheets list the documents counted (and those shown
        apart), with their register columns, channel, signature verdict and status."""
        report = self._generate()
        _formulas, values = self._book(report)
        incoming = values["VB đến"]
        headings = [c.value for c in incoming[8]]
        self.assertIn("Số đến", headings)
        self.assertIn("Chữ ký số", headings)
        self.assertIn("Tình trạng giải quyết tại thời điểm chốt", headings)
        listed = [r for r in incoming.iter_rows(min_row=9, values_only=True) if r[0]]
        # 9 counted + 1 recalled in the quarter, not the two from other quarters.
        self.assertEqual(len(listed), 10)
        status = headings.index("Tình trạng giải quyết tại thời điểm chốt")
        note = headings.index("Ghi chú")
        self.assertEqual(
            sum(1 for r in listed if r[status] == "Đang giải quyết quá hạn"), 2
        )
        self.assertEqual(
            sum(1 for r in listed if (r[note] or "").startswith("Bị thu hồi")), 1
        )
        outgoing = values["VB đi"]
        rows = [r for r in outgoing.iter_rows(min_row=9, values_only=True) if r[0]]
        self.assertEqual(len(rows), 7)  # 5 counted, one recalled, one replacement
        exchange = values["Liên thông"]
        rows = [r for r in exchange.iter_rows(min_row=9, values_only=True) if r[0]]
        # Copies sent through the platform before the cutoff: 2 + 2.
        self.assertEqual(len(rows), 4)
        notes = values["Ghi chú"]
        defined = [r[1] for r in notes.iter_rows(min_row=9, values_only=True) if r[1]]
        for _key, (_group, heading) in HEADINGS.items():
            self.assertIn(heading, defined)
        summary = _formulas["Tổng hợp"]
        self.assertEqual(summary.freeze_panes, "C10")
        self.assertEqual(summary.page_setup.orientation, "landscape")
        self.assertEqual(str(summary.page_setup.paperSize), "9")
        self.assertIn(self.company.vn_organ_code, summary["A3"].value)
        self.assertIn("Quý III năm 2026", summary["A4"].value)

    def test_a_past_period_does_not_move(self):
        """R-RP1: what happens after the cutoff (a completion, a recall, a late
        arrival confirmation) leaves the quarter's figures as they were."""
        first = self._generate()
        self._sql(
            "UPDATE vn_document_incoming SET state = 'done', done_on = now() "
            "WHERE id = %s",
            (self.overdue.id,),
        )
        self._sql(
            "UPDATE vn_document_incoming SET state = 'recalled', recalled_on = now() "
            "WHERE id = %s",
            (self.last_minute.id,),
        )
        second = self._generate()
        self.assertEqual(second.version, first.version + 1)
        one = self._book(first)[1]["Tổng hợp"]
        two = self._book(second)[1]["Tổng hợp"]
        for row in range(10, one.max_row + 1):
            for col in range(3, one.max_column + 1):
                self.assertEqual(one.cell(row, col).value, two.cell(row, col).value)

    def test_versions_are_kept_side_by_side(self):
        """R-RP1: regenerating makes a new version with its own workbook; the old one
        stays as it was."""
        first = self._generate()
        data = first.workbook_id.datas
        second = self._generate()
        self.assertEqual((first.version, second.version), (1, 2))
        self.assertNotEqual(first.workbook_id, second.workbook_id)
        self.assertEqual(first.workbook_id.datas, data)
        # Another scope is another series.
        mine = self._generate(departments=self.unit)
        self.assertEqual(mine.version, 1)

    def test_empty_period(self):
        """R-RP1: a period without documents gives a workbook of zeros, not an
        error."""
        report = self._generate(
            dates=(day("2020-01-01"), day("2020-01-31")), kind="custom"
        )
        _formulas, values = self._book(report)
        summary = values["Tổng hợp"]
        rows = self._rows(summary)
        columns = self._columns(summary)
        total = rows["Tổng cộng"]
        for key in ("out_total", "in_total", "h_on_time_rate", "out_signed_rate"):
            self.assertEqual(summary.cell(total, columns[key]).value, 0)
        self.assertIn("Từ ngày 01/01/2020 đến ngày 31/01/2020", summary["A4"].value)

    def test_units_selected(self):
        """R-RP1: a report on one unit has only that unit's row and documents."""
        report = self._generate(departments=self.unit2)
        _formulas, values = self._book(report)
        rows = self._rows(values["Tổng hợp"])
        self.assertIn(self.unit2.complete_name, rows)
        self.assertNotIn(self.unit.complete_name, rows)
        self.assertNotIn("Chưa xác định đơn vị", rows)
        listed = [
            r for r in values["VB đến"].iter_rows(min_row=9, values_only=True) if r[0]
        ]
        self.assertEqual(len(listed), 4)

    def test_wizard_default_is_the_last_complete_quarter(self):
        """R-RP1: the wizard proposes the last quarter that ended (Vietnam date)."""
        with patch(
            "odoo.addons.vn_document_report.wizards.vn_edoc_report_wizard.vn_now",
            return_value=datetime.datetime(2027, 1, 1, 6, 0),
        ):
            wizard = self.env["vn.edoc.report.wizard"].create({})
        self.assertEqual((wizard.year, wizard.quarter), (2026, "4"))
        wizard = (
            self.env["vn.edoc.report.wizard"]
            .with_user(self.users["agency_head"])
            .create({"period_kind": "half", "year": 2026, "half": "2"})
        )
        action = wizard.action_generate()
        report = self.Report.browse(action["res_id"])
        self.assertEqual(
            (report.date_from, report.date_to), (day("2026-07-01"), day("2026-12-31"))
        )

    # ------------------------------------------------------------------
    # Access
    # ------------------------------------------------------------------
    def test_a_head_of_unit_reports_on_his_unit_only(self):
        """R-RP1: a head of unit gets his unit's report, not the agency's nor another
        unit's; staff cannot report at all."""
        head = self.users["department_head"]
        wizard = self.env["vn.edoc.report.wizard"].with_user(head).create({})
        self.assertEqual(wizard.department_ids, self.unit)
        mine = self.Report.browse(wizard.action_generate()["res_id"])
        self.assertEqual(mine.department_ids, self.unit)
        with self.assertRaises(AccessError):
            self._generate(user=head)
        with self.assertRaises(AccessError):
            self._generate(user=head, departments=self.unit | self.unit2)
        with self.assertRaises(AccessError):
            self._generate(user=self.users["staff"], departments=self.unit)
        with self.assertRaises(AccessError):
            self.env["vn.edoc.report.wizard"].with_user(self.users["staff"]).create({})
        # Nor does a head of agency name another agency's unit.
        other = self.env["res.company"].create({"name": "Cơ quan khác"})
        foreign = self.env["hr.department"].create(
            {"name": "Phòng của cơ quan khác", "company_id": other.id}
        )
        with self.assertRaises(AccessError):
            self._generate(user=self.users["agency_head"], departments=foreign)
        with self.assertRaises(AccessError):
            self.env["vn.edoc.report"].with_user(
                self.users["agency_head"]
            )._vn_generate(other, "quarter", *Q3)

    def test_reports_and_workbooks_are_read_only_and_scoped(self):
        """R-RP1: nobody writes, creates or deletes a report; a head of unit does not
        read the agency's report nor its workbook."""
        agency = self._generate(user=self.users["admin"])
        head = self.users["department_head"]
        Report = self.Report.with_user(head)
        self.assertFalse(Report.search([("id", "=", agency.id)]))
        with self.assertRaises(AccessError):
            Report.browse(agency.id).read(["name"])
        with self.assertRaises(AccessError):
            agency.workbook_id.with_user(head).read(["datas"])
        for role in ("admin", "agency_head", "follow_up"):
            user = self.users[role]
            self.assertTrue(
                self.Report.with_user(user).search([("id", "=", agency.id)])
            )
            with self.assertRaises(AccessError):
                self.Report.with_user(user).browse(agency.id).write({"version": 9})
            with self.assertRaises(AccessError):
                self.Report.with_user(user).create(
                    {
                        "name": "Giả",
                        "company_id": self.company.id,
                        "period_kind": "quarter",
                        "date_from": Q3[0],
                        "date_to": Q3[1],
                    }
                )
            with self.assertRaises(AccessError):
                self.Report.with_user(user).browse(agency.id).unlink()
            with self.assertRaises(AccessError):
                self.env["ir.attachment"].with_user(user).create(
                    {
                        "name": "khac.xlsx",
                        "raw": b"x",
                        "res_model": "vn.edoc.report",
                        "res_id": agency.id,
                    }
                )
            with self.assertRaises(AccessError):
                agency.workbook_id.with_user(user).write({"raw": b"forged"})

    # ------------------------------------------------------------------
    # Schedule and sending
    # ------------------------------------------------------------------
    def test_scheduled_once_after_the_quarter_with_an_activity(self):
        """R-RP1: on the first working day after the quarter the report is made once
        per agency and the document administrator is asked to check and send it."""
        Report = self.Report.sudo()
        base = "odoo.addons.vn_document_report.models.vn_edoc_report.vn_now"
        with no_commit(self.env), patch(base) as now:
            # Wednesday 30 September: the quarter has not ended.
            now.return_value = datetime.datetime(2026, 9, 30, 23, 0)
            Report._cron_quarterly_report()
            self.assertFalse(
                Report.search([("automatic", "=", True), ("date_to", "=", Q3[1])])
            )
            # Thursday 1 October is the first working day after 30 September.
            now.return_value = datetime.datetime(2026, 10, 1, 7, 0)
            Report._cron_quarterly_report()
            Report._cron_quarterly_report()
        made = Report.search(
            [
                ("automatic", "=", True),
                ("company_id", "=", self.company.id),
                ("date_to", "=", Q3[1]),
            ]
        )
        self.assertEqual(len(made), 1)
        self.assertEqual((made.date_from, made.date_to), Q3)
        activity = made.activity_ids.filtered(
            lambda a: a.user_id == self.users["admin"]
        )
        self.assertTrue(activity)

    def test_sending_makes_a_draft_outgoing_document(self):
        """R-RP1: sending makes a draft outgoing document to the Department with the
        workbook attached; only the document administrator sends."""
        report = self._generate(user=self.users["admin"])
        with self.assertRaises(AccessError):
            report.with_user(self.users["follow_up"]).action_send()
        with self.assertRaises(UserError):
            report.with_user(self.users["admin"]).action_send()
        self.env["res.partner"].create(
            {
                "name": "Sở Khoa học và Công nghệ",
                "is_company": True,
                "vn_organ_code": "000.00.21.H29",
            }
        )
        self.company.vn_report_recipient_code = "000.00.21.H29"
        report.with_user(self.users["admin"]).action_send()
        outgoing = report.outgoing_id
        self.assertEqual(outgoing.state, "draft")
        self.assertEqual(outgoing.drafter_id, self.users["admin"])
        self.assertEqual(
            outgoing.delivery_ids.partner_id.vn_organ_code, "000.00.21.H29"
        )
        attached = outgoing.version_ids.filtered(lambda v: v.kind == "attachment")
        self.assertEqual(attached.file_id.name, report.workbook_id.name)
        self.assertEqual(report.state, "sent")

    def test_the_channel_counted_follows_the_recipients(self):
        """R-RP2: the stored channel of an outgoing document follows its recipients;
        the drafter cannot set it (create or write)."""
        staff = self.users["staff"]
        Outgoing = self.env["vn.document.outgoing"].with_user(staff)
        values = {"subject": "Kênh gửi", "document_type_id": self.doc_type.id}
        with self.assertRaises(AccessError):
            Outgoing.create(dict(values, vn_report_channel="lgsp"))
        doc = Outgoing.create(values)
        with self.assertRaises(AccessError):
            doc.write({"vn_report_channel": "lgsp"})
        self.assertEqual(doc.vn_report_channel, "electronic")
        post = self.env["res.partner"].create(
            {"name": "Sở Tư pháp", "is_company": True}
        )
        self.env["vn.document.delivery"].with_user(staff).create(
            {"document_id": doc.id, "kind": "paper", "partner_id": post.id}
        )
        self.assertEqual(doc.vn_report_channel, "paper")
