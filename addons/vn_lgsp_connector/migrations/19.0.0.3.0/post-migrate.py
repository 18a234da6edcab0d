# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""19.0.0.3.0: the platform secrets move out of vn_lgsp_profile into vn_lgsp_credential
(which no group may read), and packages fetched but not processed yet keep the sender
the platform named."""

from odoo.tools import SQL


def migrate(cr, version):
    cr.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = "
        "'vn_lgsp_profile' AND column_name IN ('secret', 'client_secret')"
    )
    columns = {row[0] for row in cr.fetchall()}
    if columns:
        values = SQL(", ").join(
            SQL.identifier("p", name) if name in columns else SQL("NULL")
            for name in ("secret", "client_secret")
        )
        present = SQL(" OR ").join(
            SQL("%s IS NOT NULL", SQL.identifier("p", name)) for name in sorted(columns)
        )
        cr.execute(
            SQL(
                """
            INSERT INTO vn_lgsp_credential (
                   profile_id, secret, client_secret,
                   create_uid, write_uid, create_date, write_date)
            SELECT p.id, %s, 1, 1, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
              FROM vn_lgsp_profile p
             WHERE (%s)
               AND NOT EXISTS (SELECT 1 FROM vn_lgsp_credential c
                                WHERE c.profile_id = p.id)""",
                values,
                present,
            )
        )
        for name in sorted(columns):
            cr.execute(
                SQL("ALTER TABLE vn_lgsp_profile DROP COLUMN %s", SQL.identifier(name))
            )
    # Until processed, an inbox package's "From" is still the sender of the platform's
    # list.
    cr.execute(
        """UPDATE vn_lgsp_message SET attested_from_code = from_code
            WHERE direction = 'in' AND state IN ('fetched', 'parked')
              AND attested_from_code IS NULL"""
    )
