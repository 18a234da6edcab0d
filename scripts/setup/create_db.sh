#!/usr/bin/env bash
# Create an empty database for the suite, owned by the Odoo role, with the
# extensions Odoo uses: pg_trgm, and unaccent for accent-insensitive search
# ("quyet dinh" finds "Quyết định"). Making unaccent IMMUTABLE (so Odoo can
# index through it) needs the superuser, which Odoo's role is not.
# Usage: scripts/setup/create_db.sh NAME   (drops NAME first if it exists)
source "$(dirname "$0")/../lib.sh"
source "$ROOT/scripts/setup/pg_superuser.sh"
DB="$1"
dropdb --if-exists -U "$PG_ROLE" "$DB"
createdb -U "$PG_ROLE" -O "$PG_ROLE" -T template0 -E UTF8 --lc-collate=C "$DB"
as_postgres psql -q -d "$DB" -v ON_ERROR_STOP=1 -f "$ROOT/docker/db-init/extensions.sql"
log "database $DB created"
