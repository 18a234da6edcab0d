#!/usr/bin/env bash
# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# Full-text search at a million documents with text (issue 17): the incoming list's
# first page with its snippets and count, as the clerk and a staff member, p50/p95:
#   scripts/benchmarks/benchmark_fts.sh [DB] [--explain] [--only WORD]   (default vn_bench_overdue)
# The database must hold the generated texts (generate_fts_text.sh). Nothing is written.
source "$(dirname "$0")/../lib.sh"
DB=vn_bench_overdue
if [ $# -gt 0 ] && [[ "$1" != --* ]]; then DB="$1"; shift; fi
export VN_CLAMD_ADDRESS="unix://$CLAMD_DIR/clamd.sock" VN_ADDONS_PATH="$(odoo_addons_path)" PYTHONUNBUFFERED=1
cd "$ROOT"
uptime
PYTHONPATH="$(odoo_pythonpath)" "$VENV/bin/python" "$ROOT/scripts/benchmarks/benchmark_fts.py" "$DB" "$@" \
    2>&1 | grep --line-buffered -v "^WARNING: Location\| INFO \| WARNING py.warnings"
uptime
