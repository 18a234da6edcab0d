#!/usr/bin/env bash
# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# Vietnamese OCR pages per second (one job, one job on two cores, two jobs) and the
# storage-time cost of reading a PDF's text layer; no database:
#   scripts/benchmarks/benchmark_ocr.sh [PAGES] [ROUNDS]
source "$(dirname "$0")/../lib.sh"
cd "$ROOT/scripts/benchmarks"
"$VENV/bin/python" benchmark_ocr.py "${1:-4}" "${2:-3}"
