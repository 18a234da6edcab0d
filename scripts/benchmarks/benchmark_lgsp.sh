#!/usr/bin/env bash
# LGSP exchange figures on this machine: scripts/benchmarks/benchmark_lgsp.sh [DB] [N]
# (BENCH_LGSP_WORKERS=1,2,4 and BENCH_LGSP_ROUNDS=2 by default)
# The scratch database (default vn_edoc_bench_lgsp) is created with the suite and its demo data.
source "$(dirname "$0")/../lib.sh"
DB="${1:-vn_edoc_bench_lgsp}"
export VN_CLAMD_ADDRESS="unix://$CLAMD_DIR/clamd.sock" VN_ADDONS_PATH="$(odoo_addons_path)"
ensure_demo_db "$DB" vn_lgsp_profile
cd "$ROOT"
PYTHONPATH="$(odoo_pythonpath)" "$VENV/bin/python" "$ROOT/scripts/benchmarks/benchmark_lgsp.py" "$DB" "${2:-200}" 2>&1 \
    | grep -v "^WARNING: Location\| INFO \| WARNING py.warnings\|^  File\|^    "
