#!/usr/bin/env bash
# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# The print mark (issue 17, III.6.k): the tool alone on 2 and 50 pages, and a QWeb PDF
# report with and without the mark (rolled back). Any database with the suite:
#   scripts/benchmarks/benchmark_mark.sh [DB]
source "$(dirname "$0")/../lib.sh"
DB="${1:-h17_mark}"
export VN_ADDONS_PATH="$(odoo_addons_path)"
uptime
cd "$ROOT"
PYTHONPATH="$(odoo_pythonpath)" "$VENV/bin/python" scripts/benchmarks/benchmark_mark.py "$DB" \
    2>&1 | grep -v "^WARNING: Location\| INFO \| WARNING py.warnings"
uptime
