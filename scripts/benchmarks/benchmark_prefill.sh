#!/usr/bin/env bash
# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# From upload to a pre-filled incoming form (issue 16), for a signed 2 MB PDF:
#   scripts/benchmarks/benchmark_prefill.sh [DB] [RUNS]
# The scratch database (default vn_edoc_bench_prefill) is created with the suite and its
# demo data; the benchmark rolls back what it does.
source "$(dirname "$0")/../lib.sh"
DB="${1:-vn_edoc_bench_prefill}"
export VN_CLAMD_ADDRESS="unix://$CLAMD_DIR/clamd.sock" VN_ADDONS_PATH="$(odoo_addons_path)"
export BENCH_RUNS="${2:-${BENCH_RUNS:-15}}"
ensure_demo_db "$DB" vn_register_book
cd "$ROOT"
PYTHONPATH="$(odoo_pythonpath)" "$VENV/bin/python" "$ROOT/scripts/benchmarks/benchmark_prefill.py" "$DB" \
    2>&1 | grep -v "^WARNING: Location\| INFO \| WARNING py.warnings"
