#!/usr/bin/env bash
# Fill a benchmark database with registered incoming documents: scripts/generate_incoming.sh [DB] [N]
# The database (default vn_edoc_bench) is created with the suite and its demo data when missing.
source "$(dirname "$0")/lib.sh"
DB="${1:-vn_edoc_bench}"
export VN_CLAMD_ADDRESS="unix://$CLAMD_DIR/clamd.sock"
if ! psql -U "$PG_ROLE" -d "$DB" -tAc "SELECT 1 FROM vn_register_book LIMIT 1" >/dev/null 2>&1; then
    bash "$ROOT/scripts/create_db.sh" "$DB"
    odoo_cmd -d "$DB" -i "$SUITE_ADDONS" --with-demo --load-language vi_VN --stop-after-init --log-level warn
fi
"$VENV/bin/python" "$ROOT/scripts/generate_incoming.py" "$DB" "${2:-100000}" 2>&1 | grep -v "^WARNING: Location"
