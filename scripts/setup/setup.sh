#!/usr/bin/env bash
# Everything a fresh Debian/Ubuntu machine needs, idempotent: a second run
# only checks and takes seconds.
source "$(dirname "$0")/../lib.sh"
t0=$(date +%s)
mkdir -p "$RUN_DIR"
bash "$ROOT/scripts/setup/install_system.sh"
bash "$ROOT/scripts/setup/fetch_odoo.sh"
bash "$ROOT/scripts/setup/make_venv.sh"
"$VENV/bin/python" "$ROOT/scripts/setup/make_test_ca.py"
bash "$ROOT/scripts/services/services.sh"
log "set-up done in $(( $(date +%s) - t0 ))s"
