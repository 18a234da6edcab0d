#!/usr/bin/env bash
# Virtual environment from requirements.txt held to constraints.txt (the full
# tested set). Skipped when both files are unchanged since the last install.
source "$(dirname "$0")/lib.sh"
stamp="$VENV/.requirements.sha256"
want=$(cat "$ROOT/requirements.txt" "$ROOT/constraints.txt" | sha256sum | cut -d' ' -f1)
if [ -x "$VENV/bin/python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
    log "virtual environment up to date"; exit 0
fi
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/pip" install -q --upgrade "pip==24.3.1" "setuptools<75" wheel
"$VENV/bin/pip" install -q -r "$ROOT/requirements.txt" -c "$ROOT/constraints.txt"
"$VENV/bin/pip" check
echo "$want" > "$stamp"
log "virtual environment ready"
