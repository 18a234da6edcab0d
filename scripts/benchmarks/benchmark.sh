#!/usr/bin/env bash
# Medians of the file checks on this machine (after `make test`).
source "$(dirname "$0")/../lib.sh"
export VN_CLAMD_ADDRESS="unix://$CLAMD_DIR/clamd.sock" VN_ADDONS_PATH="$(odoo_addons_path)"
cd "$ROOT"
PYTHONPATH="$(odoo_pythonpath)" "$VENV/bin/python" "$ROOT/scripts/benchmarks/benchmark.py" "${1:-vn_edoc_test}" 2>&1 \
    | grep -v "^WARNING: Location"
