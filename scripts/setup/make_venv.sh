#!/usr/bin/env bash
# Virtual environment from requirements.txt held to constraints.txt (the full
# tested set). Skipped when both files are unchanged since the last install.
# Odoo addons published as wheels (`odoo-addon-*`, e.g. OCA's password_security)
# require `odoo==19.0.*`, which pip cannot see because Odoo comes from Debian's
# package (scripts/setup/fetch_odoo.sh): they are installed without dependencies, and
# `pip check` ignores exactly that one missing requirement.
source "$(dirname "$0")/../lib.sh"
stamp="$VENV/.requirements.sha256"
want=$(cat "$ROOT/requirements.txt" "$ROOT/constraints.txt" | sha256sum | cut -d' ' -f1)
if [ -x "$VENV/bin/python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
    log "virtual environment up to date"; exit 0
fi
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/pip" install -q --upgrade "pip==24.3.1" "setuptools<75" wheel
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
grep -v '^odoo-addon-' "$ROOT/requirements.txt" > "$tmp/python.txt"
grep '^odoo-addon-' "$ROOT/requirements.txt" > "$tmp/addons.txt" || true
"$VENV/bin/pip" install -q -r "$tmp/python.txt" -c "$ROOT/constraints.txt"
if [ -s "$tmp/addons.txt" ]; then
    "$VENV/bin/pip" install -q --no-deps -r "$tmp/addons.txt" -c "$ROOT/constraints.txt"
fi
if ! "$VENV/bin/pip" check > "$tmp/check.txt"; then
    if grep -v '^odoo-addon-[^ ]* [^ ]* requires odoo, which is not installed\.$' "$tmp/check.txt"; then
        exit 1
    fi
fi
echo "$want" > "$stamp"
log "virtual environment ready"
