#!/usr/bin/env bash
# Start the services the suite needs, idempotently: PostgreSQL (the machine's
# cluster, with a dedicated role: Odoo refuses "postgres") and clamd with the
# project's own test signature database on a private socket.
source "$(dirname "$0")/../lib.sh"

source "$ROOT/scripts/setup/pg_superuser.sh"

start_postgres() {
    local ver cluster
    ver=$(ls /usr/lib/postgresql | sort -V | tail -1)
    if ! pg_lsclusters -h 2>/dev/null | grep -q "^$ver main"; then
        $SUDO pg_createcluster "$ver" main >/dev/null
    fi
    if ! pg_lsclusters -h | awk -v v="$ver" '$1==v && $2=="main" {print $4}' | grep -q online; then
        $SUDO pg_ctlcluster "$ver" main start
        log "PostgreSQL $ver started"
    fi
    for _ in $(seq 50); do pg_isready -q -h "$PGHOST" -p "$PGPORT" && break; sleep 0.2; done
    as_postgres psql -qtAc "SELECT 1 FROM pg_roles WHERE rolname='$PG_ROLE'" | grep -q 1 || {
        as_postgres psql -qc "CREATE ROLE $PG_ROLE LOGIN CREATEDB PASSWORD '$PG_PASSWORD'"
        log "PostgreSQL role $PG_ROLE created"
    }
}

start_clamd() {
    local sock="$CLAMD_DIR/clamd.sock" pidf="$CLAMD_DIR/clamd.pid"
    if [ -S "$sock" ] && [ -f "$pidf" ] && kill -0 "$(cat "$pidf")" 2>/dev/null; then
        log "clamd already running"; return
    fi
    mkdir -p "$CLAMD_DIR/db"
    cp "$ROOT"/scripts/setup/clamav/vn-edoc-test.{hdb,ndb} "$CLAMD_DIR/db/"
    cat > "$CLAMD_DIR/clamd.conf" <<CONF
LocalSocket $sock
LocalSocketMode 660
DatabaseDirectory $CLAMD_DIR/db
PidFile $pidf
LogFile $CLAMD_DIR/clamd.log
TemporaryDirectory /tmp
StreamMaxLength 100M
MaxFileSize 100M
MaxScanSize 400M
Foreground no
CONF
    rm -f "$sock"
    clamd -c "$CLAMD_DIR/clamd.conf"
    for _ in $(seq 100); do [ -S "$sock" ] && break; sleep 0.1; done
    [ -S "$sock" ] || { log "clamd did not start, see $CLAMD_DIR/clamd.log"; exit 1; }
    log "clamd started on $sock"
}

start_postgres
start_clamd
