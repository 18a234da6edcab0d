# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""19.0.0.3.0: the steps of outgoing documents (vn.document.outgoing.step) become
lines of the one processing trail of the base (vn.document.trail, res_model/res_id).
Their rows are copied here in order, authors and dates kept; the old table is dropped
(the update then removes the old model, whose ir.model record is no longer loaded)."""


def migrate(cr, version):
    cr.execute("SELECT to_regclass('vn_document_outgoing_step')")
    if not cr.fetchone()[0]:
        return
    cr.execute("""
        INSERT INTO vn_document_trail (res_model, res_id, kind, date, user_id, note,
                                       version_id, is_approval, create_uid, create_date,
                                       write_uid, write_date)
        SELECT 'vn.document.outgoing', s.document_id, s.kind, s.date, s.user_id, s.note,
               s.version_id, s.is_approval, s.create_uid, s.create_date, s.write_uid,
               s.write_date
          FROM vn_document_outgoing_step s
         ORDER BY s.id""")
    cr.execute("DROP TABLE vn_document_outgoing_step CASCADE")
