#!/usr/bin/env bash
# Medians of issuing an outgoing document (prepare + 2 signatures) and of
# validating it, PKCS#12 vs. SoftHSM2 token. No database needed.
source "$(dirname "$0")/../lib.sh"
cd "$ROOT"
"$VENV/bin/python" "$ROOT/scripts/benchmarks/benchmark_signing.py" "$@"
