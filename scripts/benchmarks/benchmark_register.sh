#!/usr/bin/env bash
# Twenty clerks registering at once over JSON-RPC against a multi-worker server:
#   scripts/benchmarks/benchmark_register.sh [DB] [CLERKS] [PER_CLERK]
# The scratch database (default vn_edoc_bench_register) is created with the suite and its demo
# data. It adds clerks and received documents and registers them: never point it at an agency's
# database.
source "$(dirname "$0")/../lib.sh"
DB="${1:-vn_edoc_bench_register}"
export VN_CLAMD_ADDRESS="unix://$CLAMD_DIR/clamd.sock" VN_ADDONS_PATH="$(odoo_addons_path)"
ensure_demo_db "$DB" vn_register_book
cd "$ROOT"
PYTHONPATH="$(odoo_pythonpath)" "$VENV/bin/python" "$ROOT/scripts/benchmarks/benchmark_register.py" "$DB" "${2:-20}" "${3:-10}" \
    2>&1 | grep -v "^WARNING: Location\| INFO \| WARNING py.warnings"
