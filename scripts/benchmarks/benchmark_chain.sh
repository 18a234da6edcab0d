#!/usr/bin/env bash
# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# The hash-chained register (issue 17): its cost per registration and the verification
# of a long chain, by Odoo and by the offline script:
#   scripts/benchmarks/benchmark_chain.sh [DB] [REGISTRATIONS] [ENTRIES]
# The scratch database (default vn_edoc_bench_chain) is created with the suite and its
# demo data when missing. It commits registrations, ENTRIES generated incoming documents
# and their chain entries: never point it at an agency's database.
source "$(dirname "$0")/../lib.sh"
DB="${1:-vn_edoc_bench_chain}"
export VN_CLAMD_ADDRESS="unix://$CLAMD_DIR/clamd.sock" VN_ADDONS_PATH="$(odoo_addons_path)"
ensure_demo_db "$DB" vn_register_chain
cd "$ROOT"
PYTHONPATH="$(odoo_pythonpath)" "$VENV/bin/python" "$ROOT/scripts/benchmarks/benchmark_chain.py" \
    "$DB" "${2:-30}" "${3:-1000000}" 2>&1 | grep -v "^WARNING: Location\| INFO \| WARNING py.warnings"
