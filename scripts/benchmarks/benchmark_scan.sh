#!/usr/bin/env bash
# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# The cost of the digitisation check of scans (R-IN7) and of the OCR step of a copy,
# on a database with vn_document_base (rolled back at the end).
# Usage: scripts/benchmarks/benchmark_scan.sh DB [RUNS]
source "$(dirname "$0")/../lib.sh"
export VN_CLAMD_ADDRESS="unix://$CLAMD_DIR/clamd.sock" VN_ADDONS_PATH="$(odoo_addons_path)"
cd "$ROOT"
PYTHONPATH="$(odoo_pythonpath)" "$VENV/bin/python" "$ROOT/scripts/benchmarks/benchmark_scan.py" "$@" 2>&1 \
    | grep -v "^WARNING: Location"
