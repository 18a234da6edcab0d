#!/usr/bin/env bash
# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# A million documents per agency (issue 15): lists, searches and overdue views as
# their users, medians and p95:
#   scripts/benchmarks/benchmark_scale.sh [DB] [--explain] [--only WORD] [--former-rules]
# DB (default vn_bench_reports) is made and filled by generate_report_data.sh when
# missing. Nothing is written; never point it at an agency's database.
source "$(dirname "$0")/../lib.sh"
DB=vn_bench_reports
if [ $# -gt 0 ] && [[ "$1" != --* ]]; then DB="$1"; shift; fi
export VN_CLAMD_ADDRESS="unix://$CLAMD_DIR/clamd.sock" VN_ADDONS_PATH="$(odoo_addons_path)" PYTHONUNBUFFERED=1
bash "$ROOT/scripts/benchmarks/generate_report_data.sh" "$DB"
cd "$ROOT"
PYTHONPATH="$(odoo_pythonpath)" "$VENV/bin/python" "$ROOT/scripts/benchmarks/benchmark_scale.py" "$DB" "$@" \
    2>&1 | grep --line-buffered -v "^WARNING: Location\| INFO \| WARNING py.warnings"
