# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""19.0.1.2.0: the processing trail (vn.document.trail) moves from vn_document_inbound
into the base and names its document by res_model/res_id, like every record kept
about a document. The incoming documents' lines keep their rows; the old document_id
column loses its NOT NULL (the update drops it with the field) so that new lines can
be written."""


def migrate(cr, version):
    cr.execute(
        "SELECT 1 FROM information_schema.columns WHERE table_name = "
        "'vn_document_trail' AND column_name = 'document_id'"
    )
    if not cr.fetchone():
        return
    cr.execute("""
        ALTER TABLE vn_document_trail
            ADD COLUMN IF NOT EXISTS res_model varchar,
            ADD COLUMN IF NOT EXISTS res_id integer,
            ALTER COLUMN document_id DROP NOT NULL,
            ALTER COLUMN action DROP NOT NULL""")
    cr.execute("""
        UPDATE vn_document_trail
           SET res_model = 'vn.document.incoming', res_id = document_id
         WHERE res_id IS NULL""")
