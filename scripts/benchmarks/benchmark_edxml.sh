#!/usr/bin/env bash
# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# Medians of parsing an edXML package with a Java-style ZIP-wrapped 1.9 MB file: through
# the central directory, and from the local headers when the directory is a byte short
# or garbled. No database needed. Usage: benchmark_edxml.sh [--before PATH/edxml.py] [RUNS]
source "$(dirname "$0")/../lib.sh"
cd "$ROOT"
"$VENV/bin/python" "$ROOT/scripts/benchmarks/benchmark_edxml.py" "$@"
