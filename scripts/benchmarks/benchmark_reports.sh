#!/usr/bin/env bash
# The reports over 1,000,000 incoming and 1,000,000 outgoing documents (issue 13):
#   scripts/benchmarks/benchmark_reports.sh [DB]
# The scratch database (default vn_bench_reports) is created with the suite and its demo
# data and filled by generate_report_data.sh when it is not yet (several minutes). With
# UPDATE=1, the suite's modules are updated first (a database filled with older code).
# Everything the benchmark creates is rolled back; never point it at an agency's database.
source "$(dirname "$0")/../lib.sh"
DB="${1:-vn_bench_reports}"
export VN_CLAMD_ADDRESS="unix://$CLAMD_DIR/clamd.sock" VN_ADDONS_PATH="$(odoo_addons_path)"
bash "$ROOT/scripts/benchmarks/generate_report_data.sh" "$DB"
if [ "${UPDATE:-0}" = 1 ]; then
    odoo_cmd -d "$DB" -u "$SUITE_ADDONS" --stop-after-init --log-level warn
fi
cd "$ROOT"
PYTHONPATH="$(odoo_pythonpath)" "$VENV/bin/python" "$ROOT/scripts/benchmarks/benchmark_reports.py" "$DB" \
    2>&1 | grep -v "^WARNING: Location\| INFO \| WARNING py.warnings"
