#!/usr/bin/env bash
# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# Accuracy of the document reader per field (born-digital and scanned documents),
# its time per document and the OCR pages per second with one and two jobs (issue 16).
# Makes the corpus first (generate_reading_corpus.py, under .run/) when it is missing.
# No database needed. Usage: scripts/benchmarks/benchmark_reading.sh [benchmark options]
source "$(dirname "$0")/../lib.sh"
cd "$ROOT"
CORPUS="${VN_READING_CORPUS:-$RUN_DIR/reading_corpus}"
if [ ! -f "$CORPUS/truth.json" ]; then
    "$VENV/bin/python" "$ROOT/scripts/benchmarks/generate_reading_corpus.py" --out "$CORPUS"
fi
"$VENV/bin/python" "$ROOT/scripts/benchmarks/benchmark_reading.py" --corpus "$CORPUS" "$@"
