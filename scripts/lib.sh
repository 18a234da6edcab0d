# Shared settings for the project's scripts. Sourced, never executed.
# Everything machine-local lives under .run/ (ignored by git) so a fresh
# checkout and a second run see the same layout.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN_DIR="$ROOT/.run"
VENV="$RUN_DIR/venv"
ODOO_UNPACK="$RUN_DIR/odoo19"          # Debian odoo-19 package unpacked here
PKI_DIR="$RUN_DIR/pki"                 # test certificate authority and tokens
CLAMD_DIR="$RUN_DIR/clamd"
PG_ROLE="${PG_ROLE:-vn_edoc}"
PG_PASSWORD="${PG_PASSWORD:-vn_edoc}"
# libpq reads these; odoo.conf leaves db_host/db_password empty on purpose.
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGPASSWORD="$PG_PASSWORD"
export VN_PKI_DIR="$PKI_DIR"
# PKCS#11 modules the signing engine may load when it runs outside Odoo (check and benchmark
# scripts); inside Odoo, odoo.conf's vn_pkcs11_modules is the allow-list.
export VN_PKCS11_MODULES="${VN_PKCS11_MODULES:-/usr/lib/softhsm/libsofthsm2.so}"
export SOFTHSM2_CONF="$PKI_DIR/softhsm2.conf"
SUITE_ADDONS="vn_document_base,vn_document_inbound,vn_document_outbound,vn_case_file,vn_lgsp_connector,vn_document_report"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# Where Odoo's python package lives: an ODOO_SRC checkout or the unpacked package.
odoo_pythonpath() {
    if [ -n "${ODOO_SRC:-}" ]; then echo "$ODOO_SRC"; else echo "$ODOO_UNPACK/usr/lib/python3/dist-packages"; fi
}

# Addons path: the suite first, then the checkout's addons (the package keeps
# them all inside odoo/addons, which Odoo finds by itself).
odoo_addons_path() {
    local p="$ROOT/addons"
    if [ -n "${ODOO_SRC:-}" ]; then p="$p,$ODOO_SRC/addons"; fi
    echo "$p"
}

odoo_cmd() {
    cd "$ROOT"
    PYTHONPATH="$(odoo_pythonpath)" "$VENV/bin/python" -m odoo server -c "$ROOT/odoo.conf" \
        --addons-path "$(odoo_addons_path)" "$@"
}

# A scratch database with the suite and its demo data, created once: ensure_demo_db DB TABLE
# (TABLE: one the suite creates, whose presence says the database is ready). Benchmarks only.
ensure_demo_db() {
    if ! psql -U "$PG_ROLE" -d "$1" -tAc "SELECT 1 FROM $2 LIMIT 1" >/dev/null 2>&1; then
        bash "$ROOT/scripts/setup/create_db.sh" "$1"
        odoo_cmd -d "$1" -i "$SUITE_ADDONS" --with-demo --load-language vi_VN --stop-after-init --log-level warn
    fi
}
