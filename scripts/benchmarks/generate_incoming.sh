#!/usr/bin/env bash
# Fill a benchmark database with registered incoming documents: scripts/benchmarks/generate_incoming.sh [DB] [N]
# The database (default vn_edoc_bench) is created with the suite and its demo data when missing.
source "$(dirname "$0")/../lib.sh"
DB="${1:-vn_edoc_bench}"
export VN_CLAMD_ADDRESS="unix://$CLAMD_DIR/clamd.sock"
ensure_demo_db "$DB" vn_register_book
"$VENV/bin/python" "$ROOT/scripts/benchmarks/generate_incoming.py" "$DB" "${2:-100000}" 2>&1 | grep -v "^WARNING: Location"
