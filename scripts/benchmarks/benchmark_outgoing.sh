#!/usr/bin/env bash
# Outgoing-document medians on this machine: scripts/benchmarks/benchmark_outgoing.sh DB
source "$(dirname "$0")/../lib.sh"
export VN_CLAMD_ADDRESS="unix://$CLAMD_DIR/clamd.sock" VN_ADDONS_PATH="$(odoo_addons_path)"
cd "$ROOT"
PYTHONPATH="$(odoo_pythonpath)" "$VENV/bin/python" "$ROOT/scripts/benchmarks/benchmark_outgoing.py" "${1:-vn_edoc_demo}" 2>&1 \
    | grep -v "^WARNING: Location\| INFO \| WARNING py.warnings"
