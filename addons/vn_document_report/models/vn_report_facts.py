# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the quarterly report counts, read from stored facts in a few set-based queries
(R-RP1): the incoming documents registered in a period, the outgoing documents issued
in it, their copies sent through the platform, and the use of the system.

Every figure is taken at the period's cutoff (its end, or now while it runs): a recall
or a completion after the cutoff does not change a past period.
"""

import bisect
import datetime

from odoo import api, models

from ..tools import periods
from ..tools.facts import (
    INCOMING_BUCKET_SQL,
    INCOMING_DEADLINE_SQL,
    INCOMING_RECALLED_SQL,
    VN_DATE_SQL,
)

INCOMING_SQL = f"""
SELECT d.id, d.arrival_number, d.arrival_date, d.registered_on, d.code_number,
       d.code_notation, d.issued_date, d.organ_name, d.subject, d.channel,
       d.document_identifier, d.handling_department_id, d.handling_user_id,
       d.done_on, d.recalled_on, d.state,
       dt.name AS document_type,
       {INCOMING_DEADLINE_SQL} AS deadline,
       {INCOMING_RECALLED_SQL} AS recalled,
       {INCOMING_BUCKET_SQL} AS bucket,
       sig.total AS signatures, sig.valid AS valid_signatures
  FROM vn_document_incoming d
  LEFT JOIN vn_document_type dt ON dt.id = d.document_type_id
  LEFT JOIN LATERAL (
       SELECT count(*) AS total, count(*) FILTER (WHERE s.is_valid) AS valid
         FROM vn_document_signature s WHERE s.file_id = d.main_file_id) sig ON TRUE
 WHERE d.company_id = %(company)s
   AND d.registered_on >= %(start)s AND d.registered_on < %(end)s
 ORDER BY d.registered_on, d.id"""

OUTGOING_SQL = """
SELECT o.id, o.number_symbol, o.issued_date, o.issued_at, o.subject,
       o.drafting_department_id, o.drafter_id, o.recipients_text, o.issued_amount,
       o.replaces_id, rep.number_symbol AS replaces_number, o.recalled_on,
       dt.name AS document_type, signer.name AS signer,
       (o.state = 'recalled' AND o.recalled_on IS NOT NULL
        AND o.recalled_on < %(cutoff)s) AS recalled,
       sig.individual, sig.organisation,
       dl.electronic, dl.paper,
       dl.lgsp_sent
  FROM vn_document_outgoing o
  LEFT JOIN vn_document_type dt ON dt.id = o.document_type_id
  LEFT JOIN vn_document_outgoing rep ON rep.id = o.replaces_id
  LEFT JOIN res_users su ON su.id = o.signer_id
  LEFT JOIN res_partner signer ON signer.id = su.partner_id
  LEFT JOIN LATERAL (
       SELECT count(*) FILTER (WHERE s.is_valid AND s.signer_kind = 'individual')
                  AS individual,
              count(*) FILTER (WHERE s.is_valid AND s.signer_kind = 'organisation')
                  AS organisation
         FROM vn_document_signature s WHERE s.file_id = o.issued_file_id) sig ON TRUE
  LEFT JOIN LATERAL (
       SELECT count(*) FILTER (WHERE l.kind <> 'paper') AS electronic,
              count(*) FILTER (WHERE l.kind = 'paper') AS paper,
              count(*) FILTER (WHERE l.kind = 'external' AND l.sent_on IS NOT NULL
                                 AND l.sent_on < %(cutoff)s) AS lgsp_sent
         FROM vn_document_delivery l WHERE l.document_id = o.id) dl ON TRUE
 WHERE o.company_id = %(company)s AND o.issued_at IS NOT NULL
   AND o.issued_at >= %(start)s AND o.issued_at < %(end)s
 ORDER BY o.issued_at, o.id"""

# The copies of the period's outgoing documents sent through the platform.
DELIVERY_SQL = f"""
SELECT l.id, l.document_id, o.drafting_department_id, o.number_symbol,
       o.issued_date, l.recipient_name, p.vn_organ_code AS recipient_code, l.sent_on,
       l.received_on, l.refused_on, l.state,
       {VN_DATE_SQL.format(col="l.sent_on")} AS sent_day,
       {VN_DATE_SQL.format(col="l.received_on")} AS received_day
  FROM vn_document_delivery l
  JOIN vn_document_outgoing o ON o.id = l.document_id
  LEFT JOIN res_partner p ON p.id = l.partner_id
 WHERE o.company_id = %(company)s AND l.kind = 'external'
   AND o.issued_at >= %(start)s AND o.issued_at < %(end)s
   AND l.sent_on IS NOT NULL AND l.sent_on < %(cutoff)s
 ORDER BY l.sent_on, l.id"""


class VnReportFacts(models.AbstractModel):
    """The figures of a period, as rows (dicts) the report writers lay out."""

    _name = "vn.report.facts"
    _description = "Facts counted by the reports"

    @api.model
    def _vn_window(self, date_from, date_to, now=None):
        """The query parameters of a period: UTC bounds and the cutoff."""
        start, end = periods.utc_bounds(date_from, date_to)
        cutoff, cutoff_day = periods.cutoff(date_to, now or datetime.datetime.utcnow())
        return {
            "start": start,
            "end": end,
            "cutoff": cutoff,
            "cutoff_day": cutoff_day,
        }

    @api.model
    def _vn_query(self, query, company, window):
        self.env.flush_all()
        cr = self.env.cr
        # Without JIT compilation: a quarter's estimate crosses jit_above_cost and
        # PostgreSQL spent more time compiling the outgoing query (2.2 s of 3.6 s
        # at a million documents) than running it. Set for this query only (SET
        # LOCAL, put back after it; a failure rolls the transaction back anyway).
        cr.execute("SELECT current_setting('jit')")
        jit = cr.fetchone()[0]
        cr.execute("SET LOCAL jit = off")
        cr.execute(query, dict(window, company=company.id))
        # As dictfetchall, with the column names read once (not once per row).
        names = [column.name for column in cr.description]
        rows = [dict(zip(names, row, strict=True)) for row in cr.fetchall()]
        cr.execute("SELECT set_config('jit', %s, true)", (jit,))
        return rows

    @api.model
    def _vn_incoming(self, company, window):
        rows = self._vn_query(INCOMING_SQL, company, window)
        for row in rows:
            row["signature"] = (
                "none"
                if not row["signatures"]
                else "valid"
                if row["valid_signatures"] == row["signatures"]
                else "invalid"
            )
        return rows

    @api.model
    def _vn_outgoing(self, company, window):
        rows = self._vn_query(OUTGOING_SQL, company, window)
        for row in rows:
            row["signed"] = bool(row["individual"] and row["organisation"])
            row["medium"] = (
                "paper"
                if not row["electronic"]
                else "both"
                if row["paper"]
                else "electronic"
            )
            row["counted"] = not row["recalled"] and not row["replaces_id"]
        return rows

    @api.model
    def _vn_deliveries(self, company, window, working_days):
        """External copies sent before the cutoff, each with ``late``: the
        ``working_days``-th working day after sending ended before the cutoff and the
        recipient had neither said "received" nor refused the copy by then."""
        rows = self._vn_query(DELIVERY_SQL, company, window)
        if not rows:
            return rows
        first = min(row["sent_day"] for row in rows)
        dates = company._vn_calendar().vn_working_dates(
            first + datetime.timedelta(days=1),
            window["cutoff_day"] + datetime.timedelta(days=31 + 2 * working_days),
        )
        for row in rows:
            index = bisect.bisect_right(dates, row["sent_day"]) + working_days - 1
            due = dates[index] if index < len(dates) else None
            row["due_day"] = due
            arrived = row["received_on"] and row["received_on"] < window["cutoff"]
            row["arrived"] = bool(arrived)
            row["refused"] = bool(
                row["refused_on"] and row["refused_on"] < window["cutoff"]
            )
            # A refusal (status 02) is an answer: only silence is late.
            row["late"] = bool(
                not row["refused"]
                and due
                and due < window["cutoff_day"]
                and (not row["received_day"] or row["received_day"] > due)
            )
            until = min(
                row["received_day"] or window["cutoff_day"], window["cutoff_day"]
            )
            row["working_days"] = bisect.bisect_right(
                dates, until
            ) - bisect.bisect_right(dates, row["sent_day"])
        return rows

    @api.model
    def _vn_accounts(self, company, window, date_from, date_to):
        """Per unit (the employee's department, None without one): the accounts of the
        agency's staff enabled at the cutoff and those that logged in during the
        period. An account's state at the cutoff comes from its history (issue 14:
        left and re-enabled events), so a person who left after the quarter still
        counts in it; without history, its present state."""
        staff = self.env.ref("vn_document_base.group_vn_document_staff")
        self.env.flush_all()
        self.env.cr.execute(
            """
            SELECT emp.department_id, count(DISTINCT u.id) AS enabled,
                   count(DISTINCT u.id) FILTER (WHERE EXISTS (
                       SELECT 1 FROM vn_user_login_day ld
                        WHERE ld.user_id = u.id
                          AND ld.day BETWEEN %(first)s AND %(last)s
                   )) AS active
              FROM res_users u
              LEFT JOIN LATERAL (
                   SELECT v.department_id FROM hr_employee e
                     JOIN hr_version v ON v.id = e.current_version_id
                    WHERE e.user_id = u.id AND e.company_id = %(company)s
                    ORDER BY e.active DESC, e.id LIMIT 1) emp ON TRUE
             WHERE u.id = ANY(%(users)s) AND u.company_id = %(company)s
               AND NOT u.share
               AND u.create_date < %(cutoff)s
               AND COALESCE(
                   (SELECT h.kind = 're_enabled' FROM vn_user_handover h
                     WHERE h.user_id = u.id AND h.kind IN ('left', 're_enabled')
                       AND h.date < %(cutoff)s
                     ORDER BY h.date DESC, h.id DESC LIMIT 1),
                   (SELECT TRUE FROM vn_user_handover h
                     WHERE h.user_id = u.id AND h.kind = 'left'
                       AND h.date >= %(cutoff)s LIMIT 1),
                   u.active)
             GROUP BY emp.department_id""",
            {
                "company": company.id,
                # staff today, and accounts with a history in the agency: a leaver's
                # roles, and so his groups, are gone
                "users": self._vn_account_ids(company, staff),
                "first": date_from,
                "last": date_to,
                "cutoff": window["cutoff"],
            },
        )
        return {row["department_id"]: row for row in self.env.cr.dictfetchall()}

    @api.model
    def _vn_account_ids(self, company, staff):
        members = staff.sudo().with_context(active_test=False).all_user_ids
        events = (
            self.env["vn.user.handover"]
            .sudo()
            .search([("company_id", "=", company.id)])
        )
        return (members | events.user_id).ids

    @api.model
    def _vn_outages(self, company, window):
        """The outages that began in the period: count and hours (up to the
        cutoff)."""
        return (
            self.env["vn.system.outage"]
            .sudo()
            .search_read(
                [
                    ("company_id", "=", company.id),
                    ("start", ">=", window["start"]),
                    ("start", "<", window["end"]),
                    ("start", "<", window["cutoff"]),
                ],
                ["start", "end", "duration_hours", "description", "reported_on"],
                order="start",
            )
        )
