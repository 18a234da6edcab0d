# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Document statistics of the dashboard (R-RP2, ND 30 Phụ lục VI III.6.a): one row per
registered incoming document and per issued outgoing document, judged as of now."""

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL

from ..tools.facts import INCOMING_BUCKET_SQL, VN_DATE_SQL
from ..tools.sql_views import replace_view

# The cutoff of the shared rule is now, as the query runs: a view has no parameters.
# (The statement's time, not the transaction's: a long transaction sees its own work.)
NOW_UTC_SQL = "(statement_timestamp() AT TIME ZONE 'UTC')"
TODAY_VN_SQL = "(statement_timestamp() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date"
INCOMING_DAY_SQL = VN_DATE_SQL.format(col="d.registered_on")
ISSUE_DAY_SQL = VN_DATE_SQL.format(col="o.issued_at")

# A registered incoming document is overdue (status ``open_overdue``) when it is not
# done by now, neither returned nor recalled, and its deadline is before today (never
# NULL: a document without deadline is not overdue). The same rule as the status,
# written as plain conditions on the table so that a filter on ``is_overdue`` reaches
# the index of open documents (it is pushed into the branches below; the outgoing
# branch, never overdue, is then skipped).
INCOMING_OVERDUE_SQL = f"""
    d.state <> 'returned'
    AND NOT (d.state = 'recalled' AND d.recalled_on IS NOT NULL
             AND d.recalled_on < {NOW_UTC_SQL})
    AND COALESCE(d.done_deadline, d.deadline) IS NOT NULL
    AND COALESCE(d.done_deadline, d.deadline) < {TODAY_VN_SQL}"""

# The incoming documents in two branches: not done by now (``done_on`` empty: the
# index of open documents serves them) and done after now (only a clock ahead of the
# database's; the index of ``done_on`` finds them). Documents done before now are
# never overdue.
INCOMING_BRANCH_SQL = f"""
    SELECT d.id * 2 AS id, 'incoming'::varchar AS direction, d.id AS res_id,
           {INCOMING_DAY_SQL} AS date, d.channel::varchar AS channel,
           d.handling_department_id AS department_id,
           d.handling_user_id AS user_id, d.company_id,
           COALESCE(b.bucket, CASE WHEN d.state = 'returned' THEN 'returned'
                                   ELSE 'recalled' END)::varchar AS status,
           ({{open}} AND {INCOMING_OVERDUE_SQL}) AS is_overdue
      FROM vn_document_incoming d
     CROSS JOIN LATERAL (SELECT %(bucket)s AS bucket) b
     WHERE d.registered_on IS NOT NULL AND {{where}}"""
INCOMING_OPEN_SQL = INCOMING_BRANCH_SQL.format(
    open="d.done_on IS NULL",
    where=f"(d.done_on IS NULL OR d.done_on < {NOW_UTC_SQL})",
)
INCOMING_DONE_LATER_SQL = INCOMING_BRANCH_SQL.format(
    open="TRUE", where=f"d.done_on >= {NOW_UTC_SQL}"
)

VIEW_SQL = f"""
SELECT s.*,
       (CASE s.status WHEN 'done_on_time' THEN 100
                      WHEN 'done_late' THEN 0 END)::float8 AS on_time_rate,
       1 AS nbr
  FROM (
{INCOMING_OPEN_SQL}
    UNION ALL
{INCOMING_DONE_LATER_SQL}
    UNION ALL
    SELECT o.id * 2 + 1, 'outgoing', o.id, {ISSUE_DAY_SQL},
           COALESCE(o.vn_report_channel, 'electronic'),
           o.drafting_department_id, o.drafter_id, o.company_id,
           (CASE WHEN o.state = 'recalled' AND o.recalled_on IS NOT NULL
                      AND o.recalled_on < %(now)s THEN 'recalled'
                 WHEN o.drafting_deadline IS NULL
                      OR {ISSUE_DAY_SQL} <= o.drafting_deadline THEN 'done_on_time'
                 ELSE 'done_late' END)::varchar,
           FALSE
      FROM vn_document_outgoing o
     WHERE o.issued_at IS NOT NULL
  ) s"""

STATUSES = [
    ("done_on_time", "Done on time"),
    ("done_late", "Done late"),
    ("open_in_time", "Open, within the deadline"),
    ("open_overdue", "Overdue"),
    ("recalled", "Recalled"),
    ("returned", "Returned"),
]
CHANNELS = [
    ("lgsp", "LGSP"),
    ("email", "E-mail"),
    ("internal", "Internal unit"),
    ("paper", "Paper"),
    ("electronic", "Electronic, other"),
]


class VnReportDocumentStat(models.Model):
    """Incoming documents count on the day of their registration, in the handling unit
    and person of their lead assignment, with the status of the shared rule
    (``tools/facts.py``); returned ones and those recalled by their sender are apart.

    Outgoing documents count on the day of their issue, in their drafting unit and
    drafter. Their channel: ``lgsp`` when a recipient is another agency (through the
    platform), ``paper`` when every recipient gets paper only, ``electronic``
    otherwise (units of the agency, e-mail, or no recipient line). An issued document
    is done; on time when it was issued on or before its drafting deadline (or it had
    none); ``recalled`` once recalled.
    """

    _name = "vn.report.document.stat"
    _description = "Document statistics"
    _auto = False
    _order = "date desc, id desc"

    direction = fields.Selection(
        [("incoming", "Incoming"), ("outgoing", "Outgoing")], readonly=True
    )
    res_id = fields.Integer(string="Document ID", readonly=True, aggregator=None)
    date = fields.Date(readonly=True, help="Registration or issue day (Vietnam).")
    channel = fields.Selection(CHANNELS, readonly=True)
    department_id = fields.Many2one("hr.department", string="Unit", readonly=True)
    user_id = fields.Many2one("res.users", string="Person", readonly=True)
    company_id = fields.Many2one("res.company", string="Agency", readonly=True)
    status = fields.Selection(STATUSES, readonly=True)
    is_overdue = fields.Boolean(
        string="Overdue", readonly=True, search="_search_is_overdue"
    )
    on_time_rate = fields.Float(
        string="On-time rate (%)",
        readonly=True,
        aggregator="avg",
        help="100 for a document done on time, 0 for one done late; the average is "
        "the share of the completed documents done on time.",
    )
    nbr = fields.Integer(string="Documents", readonly=True)

    def _search_is_overdue(self, operator, value):
        # The column itself, not Odoo's ``is_overdue IS TRUE``: PostgreSQL then pushes
        # its conditions into the branches of the view and uses the indexes.
        if operator not in ("in", "not in"):
            return NotImplemented
        flags = {bool(v) for v in value}
        if len(flags) != 1:  # both or neither: every row or none
            return Domain((operator == "in") == bool(flags))
        if (operator == "in") != (True in flags):
            return Domain.custom(to_sql=self._vn_not_overdue_sql)
        return Domain.custom(to_sql=self._vn_overdue_sql)

    @api.model
    def _vn_overdue_sql(self, model, alias, query):
        return SQL("%s", SQL.identifier(alias, "is_overdue"))

    @api.model
    def _vn_not_overdue_sql(self, model, alias, query):
        return SQL("%s IS NOT TRUE", SQL.identifier(alias, "is_overdue"))

    @api.private
    def init(self):
        now = SQL(NOW_UTC_SQL)
        bucket = SQL(INCOMING_BUCKET_SQL, cutoff=now, cutoff_day=SQL(TODAY_VN_SQL))
        replace_view(self, SQL(VIEW_SQL, bucket=bucket, now=now))
