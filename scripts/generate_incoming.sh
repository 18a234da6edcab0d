#!/usr/bin/env bash
# Fill a benchmark database with registered incoming documents: scripts/generate_incoming.sh DB [N]
source "$(dirname "$0")/lib.sh"
"$VENV/bin/python" "$ROOT/scripts/generate_incoming.py" "$@" 2>&1 | grep -v "^WARNING: Location"
