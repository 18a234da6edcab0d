#!/usr/bin/env bash
# Fill a benchmark database for the reports (issue 13):
#   scripts/benchmarks/generate_report_data.sh [DB] [N_IN] [N_OUT] [N_LOG]
# The database (default vn_bench_reports) is created with the suite and its demo data when
# missing, then filled once with 1,000,000 incoming and 1,000,000 outgoing documents and
# 2,000,000 access-log rows by default (a second run sees its marker and stops).
source "$(dirname "$0")/../lib.sh"
DB="${1:-vn_bench_reports}"
export VN_CLAMD_ADDRESS="unix://$CLAMD_DIR/clamd.sock" VN_ADDONS_PATH="$(odoo_addons_path)"
ensure_demo_db "$DB" vn_document_delivery
cd "$ROOT"
PYTHONPATH="$(odoo_pythonpath)" "$VENV/bin/python" "$ROOT/scripts/benchmarks/generate_report_data.py" "$DB" "${@:2}" \
    2>&1 | grep -v "^WARNING: Location\| INFO \| WARNING py.warnings"
