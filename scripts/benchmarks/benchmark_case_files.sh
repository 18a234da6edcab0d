#!/usr/bin/env bash
# Case files at scale (issue 12): scripts/benchmarks/benchmark_case_files.sh [DB] [N]
# The scratch database (default vn_edoc_bench) is created with the suite and its demo data and
# filled with N registered incoming documents (default 100,000) when it has fewer. Everything the
# benchmark creates is rolled back; never point it at an agency's database.
source "$(dirname "$0")/../lib.sh"
DB="${1:-vn_edoc_bench}"
N="${2:-100000}"
export VN_CLAMD_ADDRESS="unix://$CLAMD_DIR/clamd.sock" VN_ADDONS_PATH="$(odoo_addons_path)"
ensure_demo_db "$DB" vn_case_file
HAVE=$(psql -U "$PG_ROLE" -d "$DB" -tAc "SELECT count(*) FROM vn_document_incoming")
if [ "${HAVE:-0}" -lt "$N" ]; then
    "$VENV/bin/python" "$ROOT/scripts/benchmarks/generate_incoming.py" "$DB" "$((N - HAVE))" 2>&1 | grep -v "^WARNING: Location"
fi
cd "$ROOT"
PYTHONPATH="$(odoo_pythonpath)" "$VENV/bin/python" "$ROOT/scripts/benchmarks/benchmark_case_files.py" "$DB" \
    2>&1 | grep -v "^WARNING: Location\| INFO \| WARNING py.warnings"
