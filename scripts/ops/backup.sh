#!/usr/bin/env bash
# Back up the database now, as the nightly job does (R-OP2), and log it in its backup log.
# Usage: scripts/ops/backup.sh [--db DB]      (default DB: odoo.conf's)
source "$(dirname "$0")/../lib.sh"
cd "$ROOT"
PYTHONPATH="$(odoo_pythonpath)" exec "$VENV/bin/python" "$ROOT/scripts/ops/vn_ops.py" \
    -c "$ROOT/odoo.conf" --addons-path "$(odoo_addons_path)" --log-level "${LOG_LEVEL:-warn}" \
    backup "$@"
