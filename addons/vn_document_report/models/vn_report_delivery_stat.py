# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""LGSP delivery statistics of the dashboard (R-RP2, QĐ 3760 Điều 16.8, 17.5): one row
per copy of an outgoing document sent to another agency through the platform."""

from odoo import api, fields, models, tools
from odoo.tools import SQL

from ..tools.facts import VN_DATE_SQL

VIEW_SQL = f"""
SELECT l.id, {VN_DATE_SQL.format(col="l.sent_on")} AS date,
       l.partner_id, o.drafting_department_id AS department_id, o.company_id,
       (EXTRACT(EPOCH FROM l.received_on - l.sent_on) / 3600)::float8
           AS latency_hours,
       l.received_on IS NOT NULL AS received,
       l.refused_on IS NOT NULL AS refused,
       1 AS nbr
  FROM vn_document_delivery l
  JOIN vn_document_outgoing o ON o.id = l.document_id
 WHERE l.kind = 'external' AND l.sent_on IS NOT NULL"""


class VnReportDeliveryStat(models.Model):
    """The latency is the time from sending to the first "received" status (01) of the
    recipient; empty while none came."""

    _name = "vn.report.delivery.stat"
    _description = "LGSP delivery statistics"
    _auto = False
    _order = "date desc, id desc"

    date = fields.Date(string="Sent on", readonly=True, help="Vietnam date.")
    partner_id = fields.Many2one("res.partner", string="Recipient", readonly=True)
    department_id = fields.Many2one("hr.department", string="Unit", readonly=True)
    company_id = fields.Many2one("res.company", string="Agency", readonly=True)
    latency_hours = fields.Float(
        string="Hours to receipt", readonly=True, aggregator="avg"
    )
    received = fields.Boolean(readonly=True)
    refused = fields.Boolean(readonly=True)
    nbr = fields.Integer(string="Copies sent", readonly=True)

    @api.private
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                SQL(VIEW_SQL),
            )
        )
