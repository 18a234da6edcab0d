# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""19.0.0.8.0: an assignment line stores its document's status (``document_state``,
a stored related field) for the follow-up view. Filled here in one statement: the ORM
would compute it line by line (a million lines on a large agency). The column exists
when the update loads the model, so the ORM does not compute it again."""


def migrate(cr, version):
    cr.execute(
        "ALTER TABLE vn_document_assignment"
        " ADD COLUMN IF NOT EXISTS document_state varchar"
    )
    cr.execute("""
        UPDATE vn_document_assignment a
           SET document_state = d.state
          FROM vn_document_incoming d
         WHERE d.id = a.document_id
           AND a.document_state IS DISTINCT FROM d.state""")
