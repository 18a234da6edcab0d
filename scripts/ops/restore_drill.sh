#!/usr/bin/env bash
# Restore drill (R-OP2): restore a backup set into a new scratch database vn_drill_<random>,
# neutralise it, load it in Odoo and check it against the set's manifest; prints PASS or FAIL
# with the recovery time and the backup's age, records the result in the source's backup log.
# Usage: scripts/ops/restore_drill.sh [--db SOURCE_DB] [--keep] [--no-record] [SET_FOLDER]
#        (default SET_FOLDER: the newest backup of SOURCE_DB, default SOURCE_DB: odoo.conf's)
source "$(dirname "$0")/../lib.sh"
cd "$ROOT"
PYTHONPATH="$(odoo_pythonpath)" exec "$VENV/bin/python" "$ROOT/scripts/ops/vn_ops.py" \
    -c "$ROOT/odoo.conf" --addons-path "$(odoo_addons_path)" --log-level "${LOG_LEVEL:-warn}" \
    drill "$@"
