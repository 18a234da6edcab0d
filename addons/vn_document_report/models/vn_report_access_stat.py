# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Access statistics of the dashboard (R-RP2, ND 30 Phụ lục VI III.6.b): the access
log, one row per opening, download or export of a document."""

from odoo import api, fields, models
from odoo.tools import SQL

from ..tools.facts import VN_DATE_SQL
from ..tools.sql_views import replace_view

VIEW_SQL = f"""
SELECT l.id, {VN_DATE_SQL.format(col="l.date")} AS date, l.user_id,
       emp.department_id, l.res_model, l.res_id, l.action, l.company_id,
       CASE l.res_model WHEN 'vn.document.incoming' THEN 'incoming'
                        WHEN 'vn.document.outgoing' THEN 'outgoing'
                        ELSE 'other' END AS document_kind,
       COALESCE(
           NULLIF(concat_ws('/', NULLIF(i.code_number, ''),
                            NULLIF(i.code_notation, '')), ''),
           left(i.subject, 80),
           NULLIF(o.number_symbol, ''),
           left(o.subject, 80),
           l.res_model || ' #' || l.res_id) AS reference,
       1 AS nbr
  FROM vn_document_access_log l
  LEFT JOIN vn_document_incoming i
         ON l.res_model = 'vn.document.incoming' AND i.id = l.res_id
  LEFT JOIN vn_document_outgoing o
         ON l.res_model = 'vn.document.outgoing' AND o.id = l.res_id
  LEFT JOIN LATERAL (
       SELECT v.department_id
         FROM hr_employee e JOIN hr_version v ON v.id = e.current_version_id
        WHERE e.user_id = l.user_id AND e.company_id = l.company_id
        ORDER BY e.active DESC, e.id LIMIT 1) emp ON TRUE"""


class VnReportAccessStat(models.Model):
    """The unit of a row is the unit the user belongs to now (the current version of
    his employee in the agency of the log line). The reference is the document's
    number and symbol, or the start of its subject while it has none; other models:
    the model and the id."""

    _name = "vn.report.access.stat"
    _description = "Access statistics"
    _auto = False
    _order = "date desc, id desc"

    date = fields.Date(readonly=True, help="Vietnam date.")
    user_id = fields.Many2one("res.users", readonly=True)
    department_id = fields.Many2one("hr.department", string="Unit", readonly=True)
    res_model = fields.Char(string="Document model", readonly=True)
    res_id = fields.Integer(string="Document ID", readonly=True, aggregator=None)
    document_kind = fields.Selection(
        [("incoming", "Incoming"), ("outgoing", "Outgoing"), ("other", "Other")],
        string="Kind",
        readonly=True,
    )
    reference = fields.Char(string="Document", readonly=True)
    action = fields.Selection(
        [
            ("open", "Opened"),
            ("download", "Downloaded"),
            ("export", "Exported"),
            ("print", "Printed"),
        ],
        readonly=True,
    )
    company_id = fields.Many2one("res.company", string="Agency", readonly=True)
    nbr = fields.Integer(string="Accesses", readonly=True)

    @api.private
    def init(self):
        replace_view(self, SQL(VIEW_SQL))
