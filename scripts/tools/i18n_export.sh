#!/usr/bin/env bash
# Regenerate each addon's i18n/<addon>.pot from a database that has the suite
# installed, and merge new terms into i18n/vi.po (msgmerge keeps translations).
# Usage: scripts/tools/i18n_export.sh [database]
source "$(dirname "$0")/../lib.sh"
DB="${1:-vn_edoc_i18n}"
if ! psql -U "$PG_ROLE" -d "$DB" -tAc "SELECT 1" >/dev/null 2>&1; then
    odoo_cmd -d "$DB" -i "$SUITE_ADDONS" --stop-after-init --log-level warn
else
    odoo_cmd -d "$DB" -u "$SUITE_ADDONS" --stop-after-init --log-level warn
fi
for addon in ${SUITE_ADDONS//,/ }; do
    dir="$ROOT/addons/$addon/i18n"; mkdir -p "$dir"
    (cd "$ROOT" && PYTHONPATH="$(odoo_pythonpath)" "$VENV/bin/python" -m odoo \
        --addons-path="$(odoo_addons_path)" i18n export -c "$ROOT/odoo.conf" -d "$DB" -o "$dir/$addon.pot" "$addon")
    if [ -f "$dir/vi.po" ]; then
        msgmerge --quiet --update --no-fuzzy-matching --backup=none "$dir/vi.po" "$dir/$addon.pot"
    else
        msginit --no-translator --locale=vi_VN --input="$dir/$addon.pot" --output-file="$dir/vi.po"
    fi
done
