#!/usr/bin/env bash
# Everything a fresh Debian/Ubuntu machine needs, idempotent: a second run
# only checks and takes seconds.
source "$(dirname "$0")/lib.sh"
t0=$(date +%s)
mkdir -p "$RUN_DIR"
bash "$ROOT/scripts/install_system.sh"
bash "$ROOT/scripts/fetch_odoo.sh"
bash "$ROOT/scripts/make_venv.sh"
"$VENV/bin/python" "$ROOT/scripts/make_test_ca.py"
bash "$ROOT/scripts/services.sh"
log "set-up done in $(( $(date +%s) - t0 ))s"
