#!/usr/bin/env bash
# Backup, restore drill and integrity audit figures (issue 14, R-OP2):
#   scripts/benchmarks/benchmark_backup.sh [DB] [RUNS] [AUDIT_DB] [FILES]
# DB (default vn_edoc_bench, made by generate_incoming.sh) is only read: backed up into a
# temporary folder and restored into scratch databases vn_drill_*, dropped after each drill.
# AUDIT_DB (default vn_edoc_bench_audit, created with the suite and its demo data) receives FILES
# stored originals once: never point it at an agency's database.
source "$(dirname "$0")/../lib.sh"
AUDIT_DB="${3:-vn_edoc_bench_audit}"
export VN_ADDONS_PATH="$(odoo_addons_path)"
ensure_demo_db "$AUDIT_DB" vn_register_book
cd "$ROOT"
PYTHONPATH="$(odoo_pythonpath):$ROOT/scripts/benchmarks" "$VENV/bin/python" \
    "$ROOT/scripts/benchmarks/benchmark_backup.py" "${1:-vn_edoc_bench}" "${2:-3}" "$AUDIT_DB" "${4:-5000}" \
    2>&1 | grep -v "^WARNING: Location\| INFO \| WARNING py.warnings"
