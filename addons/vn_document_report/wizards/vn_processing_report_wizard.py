# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Báo cáo tình hình giải quyết văn bản đến / văn bản đi (ND 30 Phụ lục VI Part V,
outputs 2 and 4; R-RP2): per unit or person, the documents of a period and how their
handling stands at the period's cutoff, as PDF and Excel."""

import unicodedata
from decimal import ROUND_HALF_UP, Decimal

import pytz

from odoo import _, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.vn_document_base.tools import register_xlsx
from odoo.addons.vn_document_base.tools.legal import vn_now

from ..models.vn_edoc_report import reports_on_agency
from ..tools import periods, processing_xlsx
from ..tools.facts import BUCKETS, INCOMING_BUCKET_SQL, VN_DATE_SQL

UNIT_HEAD_GROUP = "vn_document_base.group_vn_document_department_head"

# The drafting task of an outgoing document (alias ``o``) at the cutoff: done once
# issued, on time when issued (Vietnam date) on or before the drafting deadline or
# without one; open and overdue once the drafting deadline is before the cutoff's
# Vietnam date. A cancelled draft has no bucket (counted apart).
OUTGOING_BUCKET_SQL = f"""
CASE
    WHEN o.state = 'cancelled' THEN NULL
    WHEN o.issued_at IS NOT NULL AND o.issued_at < %(cutoff)s THEN
        CASE WHEN o.drafting_deadline IS NULL
                  OR {VN_DATE_SQL.format(col="o.issued_at")} <= o.drafting_deadline
             THEN 'done_on_time' ELSE 'done_late' END
    WHEN o.drafting_deadline < %(cutoff_day)s THEN 'open_overdue'
    ELSE 'open_in_time'
END"""

# One query per report: the documents of the period counted by key (unit or person)
# and bucket. {key} and {units} are chosen by the code, never by the client.
INCOMING_ROWS_SQL = f"""
SELECT d.{{key}} AS key, {INCOMING_BUCKET_SQL} AS bucket, count(*) AS total
  FROM vn_document_incoming d
 WHERE d.company_id = %(company)s
   AND d.registered_on >= %(start)s AND d.registered_on < %(end)s
   {{units}}
 GROUP BY 1, 2"""

OUTGOING_ROWS_SQL = f"""
SELECT o.{{key}} AS key, {OUTGOING_BUCKET_SQL} AS bucket, count(*) AS total
  FROM vn_document_outgoing o
 WHERE o.company_id = %(company)s
   AND o.create_date >= %(start)s AND o.create_date < %(end)s
   {{units}}
 GROUP BY 1, 2"""

KINDS = {
    "incoming": {
        "sql": INCOMING_ROWS_SQL,
        "alias": "d",
        "unit": "handling_department_id",
        "person": "handling_user_id",
        "title": "BÁO CÁO TÌNH HÌNH GIẢI QUYẾT VĂN BẢN ĐẾN",
        "received": "Tổng số văn bản tiếp nhận",
        "no_unit": "Chưa giao đơn vị xử lý",
        "no_person": "Chưa giao người xử lý",
        "file": "bao-cao-tinh-hinh-giai-quyet-van-ban-den",
        "notes": [
            "Tổng số văn bản tiếp nhận: văn bản đến được đăng ký (vào sổ) trong kỳ "
            "báo cáo, tính theo giờ Việt Nam; đơn vị, cá nhân là đơn vị, người chủ "
            "trì giải quyết.",
            "Đã giải quyết trước hạn, đúng hạn: hoàn thành trước thời điểm tính số "
            "liệu, vào hoặc trước hạn giải quyết có hiệu lực khi hoàn thành (văn bản "
            "không có hạn giải quyết được tính là đúng hạn); trễ hạn: hoàn thành sau "
            "hạn đó.",
            "Đang giải quyết trong hạn: chưa hoàn thành tại thời điểm tính số liệu, "
            "hạn giải quyết chưa qua hoặc không có hạn; quá hạn: chưa hoàn thành, "
            "hạn giải quyết trước ngày tính số liệu.",
        ],
        "excluded": "Không tính văn bản bị thu hồi trước thời điểm tính số liệu và "
        "văn bản đã trả lại nơi gửi: {} văn bản.",
    },
    "outgoing": {
        "sql": OUTGOING_ROWS_SQL,
        "alias": "o",
        "unit": "drafting_department_id",
        "person": "drafter_id",
        "title": "BÁO CÁO TÌNH HÌNH GIẢI QUYẾT VĂN BẢN ĐI",
        "received": "Tổng số văn bản giao soạn thảo",
        "no_unit": "Chưa xác định đơn vị soạn thảo",
        "no_person": "Chưa xác định người soạn thảo",
        "file": "bao-cao-tinh-hinh-giai-quyet-van-ban-di",
        "notes": [
            "Tổng số văn bản giao soạn thảo: dự thảo văn bản đi được tạo trong kỳ "
            "báo cáo, tính theo giờ Việt Nam; đơn vị, cá nhân là đơn vị soạn thảo, "
            "người soạn thảo.",
            "Đã giải quyết: văn bản đã ban hành trước thời điểm tính số liệu; trước "
            "hạn, đúng hạn khi ngày ban hành không sau hạn soạn thảo (hoặc không có "
            "hạn soạn thảo); trễ hạn khi ban hành sau hạn soạn thảo.",
            "Đang giải quyết: chưa ban hành tại thời điểm tính số liệu; quá hạn khi "
            "hạn soạn thảo trước ngày tính số liệu, trong hạn trong các trường hợp "
            "còn lại.",
        ],
        "excluded": "Không tính dự thảo đã hủy: {} văn bản.",
    },
}
RATE_NOTE = "Tỷ lệ (%) tính trên tổng số văn bản, làm tròn đến 2 chữ số thập phân."


def rate(count, total):
    """``count`` as a percentage of ``total``, rounded half up to 2 decimals (as the
    spreadsheet's ROUND does); 0 when there is nothing to count."""
    if not total:
        return 0.0
    value = Decimal(count * 100) / Decimal(total)
    return float(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def vn_number(value):
    """A rate as Vietnamese write it: decimal comma, 2 decimals."""
    return f"{value:.2f}".replace(".", ",")


def sort_key(name):
    """A Vietnamese name as sorted in a list: without its accents ("Đ" with "D")."""
    plain = unicodedata.normalize("NFD", name.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in plain if not unicodedata.combining(c)).lower()


def _default_period():
    return periods.last_complete_quarter(vn_now().date())


class VnProcessingReportWizard(models.TransientModel):
    """The processing-status reports of incoming and outgoing documents (R-RP2)."""

    _name = "vn.processing.report.wizard"
    _description = "Processing status report"

    kind = fields.Selection(
        [("incoming", "Incoming documents"), ("outgoing", "Outgoing documents")],
        string="Documents",
        required=True,
        default="incoming",
    )
    period_kind = fields.Selection(
        [
            ("quarter", "Quarter"),
            ("half", "Half-year"),
            ("year", "Year"),
            ("custom", "Dates"),
        ],
        string="Period",
        required=True,
        default="quarter",
    )
    year = fields.Integer(required=True, default=lambda self: _default_period()[0])
    quarter = fields.Selection(
        [("1", "I"), ("2", "II"), ("3", "III"), ("4", "IV")],
        default=lambda self: str(_default_period()[1]),
    )
    half = fields.Selection(
        [("1", "First half"), ("2", "Second half")], string="Half-year", default="1"
    )
    date_from = fields.Date(string="From date")
    date_to = fields.Date(string="To date")
    group_by = fields.Selection(
        [("unit", "Unit"), ("person", "Person")],
        string="Rows",
        required=True,
        default="unit",
    )
    company_id = fields.Many2one(
        "res.company",
        string="Agency",
        required=True,
        default=lambda self: self.env.company,
    )
    department_ids = fields.Many2many(
        "hr.department",
        string="Units",
        domain="[('company_id', 'in', (company_id, False))]",
        help="Empty: every unit you may report on.",
    )

    # ------------------------------------------------------------------
    # Period and scope
    # ------------------------------------------------------------------
    def _period(self):
        """(first day, last day) of the chosen period."""
        self.ensure_one()
        if self.period_kind != "custom" and not 1900 <= self.year <= 9999:
            raise UserError(_("Enter a valid year."))
        number = {"quarter": self.quarter, "half": self.half}.get(self.period_kind)
        if self.period_kind in ("quarter", "half") and not number:
            raise UserError(_("Choose the quarter or the half-year."))
        try:
            return periods.bounds(
                self.period_kind,
                year=self.year,
                number=int(number or 0),
                date_from=self.date_from,
                date_to=self.date_to,
            )
        except ValueError as error:
            raise UserError(
                _("Enter both dates, the first on or before the second.")
            ) from error

    def _scope(self):
        """The units the report covers and whether it is the whole agency, as the
        user may see them: heads of agency, follow-up officers and the document
        administrator report on the agency, a head of unit on the units he manages;
        anyone else is refused."""
        self.ensure_one()
        user = self.env.user
        if self.company_id not in user.company_ids:
            raise AccessError(_("You may only report on your own agency."))
        Department = self.env["hr.department"].sudo()
        chosen = self.department_ids.sudo()
        if chosen.filtered(lambda u: u.company_id not in (self.company_id, False)):
            raise AccessError(_("These units are not of the chosen agency."))
        if self.env.su or reports_on_agency(user):
            if chosen:
                return chosen, False
            units = Department.search(
                [("company_id", "in", (self.company_id.id, False))]
            )
            return units, True
        managed = Department._vn_managed_by(user, self.company_id)
        if not user.has_group(UNIT_HEAD_GROUP) or not managed:
            raise AccessError(
                _(
                    "Only heads of agency, follow-up officers, the document "
                    "administrator and heads of unit may report on the handling of "
                    "documents."
                )
            )
        if chosen - managed:
            raise AccessError(_("You may only report on the units you manage."))
        return chosen or managed, False

    # ------------------------------------------------------------------
    # Figures
    # ------------------------------------------------------------------
    def _counts(self, units, agency, window):
        """{key: {bucket: count}} by one grouped query; key None for the documents
        without a unit (or person)."""
        spec = KINDS[self.kind]
        key = spec["unit"] if self.group_by == "unit" else spec["person"]
        where = "" if agency else f"AND {spec['alias']}.{spec['unit']} = ANY(%(units)s)"
        query = spec["sql"].format(key=key, units=where)
        self.env.flush_all()
        self.env.cr.execute(
            query, dict(window, company=self.company_id.id, units=units.ids)
        )
        counts = {}
        for key_id, bucket, total in self.env.cr.fetchall():
            counts.setdefault(key_id, dict.fromkeys((*BUCKETS, None), 0))[bucket] = (
                total
            )
        return counts

    def _row_keys(self, units, counts):
        """(id, label) of every row in order: every unit of the scope (zeros
        included) or every person of those units, then those the documents name,
        then the documents without one."""
        spec = KINDS[self.kind]
        named = [k for k in counts if k]
        if self.group_by == "unit":
            records = units | self.env["hr.department"].sudo().browse(named)
            rows = [(r.id, r.complete_name or "") for r in records]
            missing = spec["no_unit"]
        else:
            employees = (
                self.env["hr.employee"]
                .sudo()
                .search([("department_id", "in", units.ids), ("user_id", "!=", False)])
            )
            records = employees.user_id | self.env["res.users"].sudo().browse(named)
            rows = [(r.id, r.name or "") for r in records]
            missing = spec["no_person"]
        rows.sort(key=lambda row: (sort_key(row[1]), row[1]))
        if None in counts:
            rows.append((None, missing))
        return rows

    def _report_values(self):
        """Everything the PDF and the workbook show. The access check is here: both
        outputs go through it."""
        self.ensure_one()
        units, agency = self._scope()
        date_from, date_to = self._period()
        window = self.env["vn.report.facts"]._vn_window(date_from, date_to)
        counts = self._counts(units, agency, window)
        empty = dict.fromkeys((*BUCKETS, None), 0)
        rows = []
        for key_id, label in self._row_keys(units, counts):
            figures = counts.get(key_id, empty)
            row = {
                "label": label,
                "received": sum(figures[b] for b in BUCKETS),
                **{b: figures[b] for b in BUCKETS},
            }
            rows.append(row)
        total = {"label": "Tổng cộng"}
        for field in ("received", *BUCKETS):
            total[field] = sum(row[field] for row in rows)
        for row in (*rows, total):
            for bucket in BUCKETS:
                row[f"{bucket}_rate"] = rate(row[bucket], row["received"])
        spec = KINDS[self.kind]
        excluded = sum(figures[None] for figures in counts.values())
        cutoff_local = pytz.utc.localize(window["cutoff"]).astimezone(periods.VN_TZ)
        generated = vn_now()
        company = self.company_id.sudo()
        return {
            "company": company,
            "title": spec["title"],
            "period": periods.period_label(self.period_kind, date_from, date_to),
            "date_from": date_from,
            "date_to": date_to,
            "row_heading": "Đơn vị" if self.group_by == "unit" else "Cá nhân",
            "received_heading": spec["received"],
            "rows": rows,
            "total": total,
            "cutoff": "{} ngày {}".format(
                cutoff_local.strftime("%H:%M"), cutoff_local.strftime("%d/%m/%Y")
            ),
            "generated_at": generated.strftime("%H:%M ngày %d/%m/%Y"),
            "generated_by": self.env.user.name,
            "place_date": "{}, ngày {:02d} tháng {:02d} năm {}".format(
                company.city or "..........",
                generated.day,
                generated.month,
                generated.year,
            ),
            "notes": [
                *spec["notes"],
                RATE_NOTE,
                spec["excluded"].format(excluded),
            ],
            "excluded": excluded,
            "file": "{}-{}-{}".format(
                spec["file"], date_from.isoformat(), date_to.isoformat()
            ),
            "vn_number": vn_number,
        }

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------
    def action_print_pdf(self):
        """The report as PDF (the template computes the figures, checking access)."""
        self.ensure_one()
        self._scope()
        self._period()
        return self.env.ref(
            "vn_document_report.action_report_vn_processing"
        ).report_action(self)

    def action_export_xlsx(self):
        """The report as an Excel workbook, rates and totals as formulas."""
        self.ensure_one()
        values = self._report_values()
        data = processing_xlsx.processing_workbook(values)
        return register_xlsx.download_action(self, f"{values['file']}.xlsx", data)
