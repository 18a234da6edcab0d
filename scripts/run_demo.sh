#!/usr/bin/env bash
# Start Odoo on 127.0.0.1:8069 with a demo database holding the whole suite,
# Vietnamese loaded and the demo users (see README). The database is created
# on the first run and reused afterwards; DEMO_RESET=1 recreates it.
source "$(dirname "$0")/lib.sh"
bash "$ROOT/scripts/setup/setup.sh"
DB="${DEMO_DB:-vn_edoc_demo}"
export VN_CLAMD_ADDRESS="unix://$CLAMD_DIR/clamd.sock"
if [ "${DEMO_RESET:-0}" = 1 ]; then dropdb --if-exists -U "$PG_ROLE" "$DB"; fi
exists=$(psql -U "$PG_ROLE" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$DB'")
installed=""
if [ "$exists" = 1 ]; then
    installed=$(psql -U "$PG_ROLE" -d "$DB" -tAc \
        "SELECT 1 FROM ir_module_module WHERE name='vn_document_base' AND state='installed'" 2>/dev/null || true)
fi
if [ "$installed" != 1 ]; then
    bash "$ROOT/scripts/setup/create_db.sh" "$DB"
    log "installing the suite in the demo database $DB"
    odoo_cmd -d "$DB" -i "$SUITE_ADDONS" --with-demo --load-language vi_VN --stop-after-init
fi
# The demo passwords are the logins (README): shorter than the password policy allows, which
# applies only when a password is set or changed. They would expire after the policy's 90 days
# and send the demo users to a password reset; a demo database keeps them fresh instead.
psql -U "$PG_ROLE" -d "$DB" -qc "UPDATE res_users SET password_write_date = now() AT TIME ZONE 'UTC'
    WHERE login IN ('admin', 'vanthu', 'chuyenvien', 'truongphong', 'lanhdao', 'theodoi', 'quantri')"
# The LGSP simulator stands in for the city's platform; the demo agency's connection points to it.
bash "$ROOT/scripts/services/start_lgsp_simulator.sh"
log "Odoo on http://127.0.0.1:8069 (database $DB); Ctrl+C stops it"
odoo_cmd -d "$DB" --http-interface 127.0.0.1 --http-port 8069
