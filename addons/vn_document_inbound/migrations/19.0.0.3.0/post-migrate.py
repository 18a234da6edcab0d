# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""19.0.0.3.0: the reports count the completion of an incoming document from facts
kept on it (done_on, done_deadline). Documents completed before keep the date their
last lead assignment was done and the deadline they have now."""


def migrate(cr, version):
    cr.execute("""
        UPDATE vn_document_incoming d
           SET done_on = sub.done_on, done_deadline = d.deadline
          FROM (SELECT document_id, max(done_date) AS done_on
                  FROM vn_document_assignment
                 WHERE role = 'lead' AND state = 'done'
                 GROUP BY document_id) sub
         WHERE sub.document_id = d.id AND d.state = 'done' AND d.done_on IS NULL""")
