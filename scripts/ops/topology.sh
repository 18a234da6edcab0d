#!/usr/bin/env bash
# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
#
# The multi-node topology of docker-compose.yml on one machine, without Docker:
# NODES Odoo nodes in multi-process mode, HAProxy in front of them, the project's
# PostgreSQL cluster as primary and a local streaming replica of it that the nodes use
# for read-only requests (Odoo 19's db_replica_host/db_replica_port).
#
#   scripts/ops/topology.sh start  [--db DB] [NODES]   # idempotent; NODES default 2
#   scripts/ops/topology.sh status [--db DB]
#   scripts/ops/topology.sh stop [--keep-replica]       # the replica is kept, stopped
#                                                       # (or running: a restart follows)
#   scripts/ops/topology.sh destroy                     # stop, and drop the replica
#   scripts/ops/topology.sh replica                     # start (or build) the replica only
#
# DB defaults to odoo.conf's db_name (vn_edoc); it must exist with the suite installed.
# Ports: TOPOLOGY_PORT (default 8550) is the proxy; node i listens on TOPOLOGY_PORT+2i-1
# (HTTP workers) and TOPOLOGY_PORT+2i (gevent, websocket). The replica is the cluster
# "replica" on REPLICA_PORT (default 5433). Every node shares the data_dir of odoo.conf
# (filestore and sessions). Node settings: docker/odoo-node.env (TOPOLOGY_WORKERS overrides
# its ODOO_WORKERS); proxy: docker/haproxy.cfg.
source "$(dirname "$0")/../lib.sh"
source "$ROOT/scripts/setup/pg_superuser.sh"

TOPO_DIR="$RUN_DIR/topology"
PROXY_PORT="${TOPOLOGY_PORT:-8550}"
REPLICA_PORT="${REPLICA_PORT:-5433}"
REPLICA_CLUSTER="replica"
PG_VER=$(ls /usr/lib/postgresql | sort -V | tail -1)

usage() { sed -n '9,15p' "$0" >&2; exit 2; }

node_http_port() { echo $((PROXY_PORT + 2 * $1 - 1)); }
node_gevent_port() { echo $((PROXY_PORT + 2 * $1)); }
pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# ---------------------------------------------------------------- the replica
# online, down or empty (no cluster); "online,recovery" is online
replica_state() {
    pg_lsclusters -h | awk -v v="$PG_VER" -v c="$REPLICA_CLUSTER" '$1==v && $2==c {print $4}' |
        cut -d, -f1
}

replica_sql() { psql -U "$PG_ROLE" -h 127.0.0.1 -p "$REPLICA_PORT" -d postgres -tAc "$1"; }

replica_streaming() {
    [ "$(as_postgres psql -p "$REPLICA_PORT" -tAc \
        "SELECT status FROM pg_stat_wal_receiver" 2>/dev/null)" = "streaming" ]
}

replica_create() {
    local data="/var/lib/postgresql/$PG_VER/$REPLICA_CLUSTER"
    log "replica: base backup of the primary cluster into $data (port $REPLICA_PORT)"
    # a cluster of Debian's (its configuration in /etc/postgresql), then its data
    # replaced by a copy of the primary's
    $SUDO pg_createcluster "$PG_VER" "$REPLICA_CLUSTER" -p "$REPLICA_PORT" >/dev/null
    $SUDO rm -rf "$data"
    # -R writes standby.signal and primary_conninfo (local socket, peer authentication)
    as_postgres pg_basebackup -p "$PGPORT" -D "$data" -R -X stream -c fast
    # hot_standby_feedback: long report queries are not cancelled by the replay of
    # VACUUM on the primary; syncfs: the first start syncs the copy in one call, not
    # file by file (minutes for a few GB)
    printf 'hot_standby_feedback = on\nrecovery_init_sync_method = syncfs\n' |
        $SUDO tee "/etc/postgresql/$PG_VER/$REPLICA_CLUSTER/conf.d/vn-replica.conf" >/dev/null
}

replica_run() {
    $SUDO pg_ctlcluster "$PG_VER" "$REPLICA_CLUSTER" start -- -t 600
}

# Streaming within a few minutes, unless the primary no longer has the WAL it needs
replica_catch_up() {
    local log="/var/log/postgresql/postgresql-$PG_VER-$REPLICA_CLUSTER.log"
    local since
    since=$(wc -l < "$log" 2>/dev/null || echo 0)
    for _ in $(seq 600); do
        replica_streaming && return 0
        tail -n +"$((since + 1))" "$log" 2>/dev/null | grep -q "has already been removed" &&
            return 1
        sleep 0.5
    done
    return 1
}

replica_start() {
    if [ -z "$(replica_state)" ]; then replica_create; fi
    [ "$(replica_state)" = "online" ] || replica_run
    if ! replica_catch_up; then
        # stopped too long: the primary recycled the WAL it needed; take a new copy
        log "replica: the primary no longer has the WAL it needs, rebuilding it"
        $SUDO pg_dropcluster --stop "$PG_VER" "$REPLICA_CLUSTER"
        replica_create
        replica_run
        replica_catch_up || { log "replica: does not stream, see /var/log/postgresql"; exit 1; }
    fi
    [ "$(replica_sql 'SELECT pg_is_in_recovery()')" = "t" ] || { log "replica: not in recovery"; exit 1; }
    log "replica: streaming on port $REPLICA_PORT"
}

# ---------------------------------------------------------------- Odoo nodes
node_start() {
    local i=$1 db=$2 pidf="$TOPO_DIR/node$i.pid"
    if pid_alive "$pidf"; then log "node$i: running (pid $(cat "$pidf"))"; return; fi
    [ ! -f "$TOPO_DIR/node$i.log" ] || mv "$TOPO_DIR/node$i.log" "$TOPO_DIR/node$i.log.1"
    (
        set -a
        source "$ROOT/docker/odoo-node.env"
        set +a
        export ODOO_WORKERS="$(node_workers)"
        export PGHOST_REPLICA=127.0.0.1 PGPORT_REPLICA="$REPLICA_PORT"
        # the node's name on every database connection (pg_stat_activity)
        export PGAPPNAME="vn-node$i-{pid}"
        cd "$ROOT"
        # through scripts/odoo_bin.py, not "python -m odoo": Odoo starts its gevent
        # process (websocket) by running sys.argv[0] again
        setsid nohup env PYTHONPATH="$(odoo_pythonpath)" "$VENV/bin/python" \
            "$ROOT/scripts/odoo_bin.py" \
            -c "$ROOT/odoo.conf" --addons-path "$(odoo_addons_path)" -d "$db" \
            --db-filter "^$db\$" --http-port "$(node_http_port "$i")" \
            --gevent-port "$(node_gevent_port "$i")" --pidfile "$pidf" \
            --logfile "$TOPO_DIR/node$i.log" >/dev/null 2>&1 &
    )
}

node_wait() {
    local i=$1
    for _ in $(seq 240); do
        curl -fs -o /dev/null "http://127.0.0.1:$(node_http_port "$i")/web/health" && break
        sleep 0.5
    done
    curl -fs -o /dev/null "http://127.0.0.1:$(node_http_port "$i")/web/health" ||
        { log "node$i: did not start, see $TOPO_DIR/node$i.log"; exit 1; }
    log "node$i: HTTP $(node_http_port "$i"), gevent $(node_gevent_port "$i")"
}

node_stop() {
    local pidf="$TOPO_DIR/node$1.pid"
    pid_alive "$pidf" || { rm -f "$pidf"; return; }
    kill -TERM "$(cat "$pidf")"
    for _ in $(seq 60); do pid_alive "$pidf" || break; sleep 0.5; done
    if pid_alive "$pidf"; then kill -KILL "$(cat "$pidf")"; fi
    rm -f "$pidf"
    log "node$1: stopped"
}

# ---------------------------------------------------------------- the proxy
node_workers() {
    echo "${TOPOLOGY_WORKERS:-$(sed -n 's/^ODOO_WORKERS=//p' "$ROOT/docker/odoo-node.env")}"
}

proxy_env() {
    export VN_PROXY_BIND="127.0.0.1:$PROXY_PORT" VN_PROXY_STATS="$TOPO_DIR/haproxy.sock"
    export VN_NODE_MAXCONN="$(node_workers)"
    local i
    for i in $(seq "$1"); do
        export "VN_NODE${i}_HTTP=127.0.0.1:$(node_http_port "$i")"
        export "VN_NODE${i}_GEVENT=127.0.0.1:$(node_gevent_port "$i")"
    done
}

proxy_start() {
    local pidf="$TOPO_DIR/haproxy.pid"
    if pid_alive "$pidf"; then log "proxy: running"; return; fi
    (proxy_env "$1" && haproxy -D -p "$pidf" -f "$ROOT/docker/haproxy.cfg")
    for _ in $(seq 40); do
        curl -fs -o /dev/null "http://127.0.0.1:$PROXY_PORT/web/health" && break
        sleep 0.25
    done
    log "proxy: http://127.0.0.1:$PROXY_PORT/ in front of $1 node(s)"
}

proxy_stop() {
    local pidf="$TOPO_DIR/haproxy.pid"
    if pid_alive "$pidf"; then kill -TERM "$(cat "$pidf")"; log "proxy: stopped"; fi
    rm -f "$pidf"
}

# ---------------------------------------------------------------- commands
read_state() { [ -f "$TOPO_DIR/state" ] && source "$TOPO_DIR/state" || true; }

start() {
    local db=$1 nodes=$2 i
    read_state
    if [ -n "${STATE_DB:-}" ] && { [ "$STATE_DB" != "$db" ] || [ "$STATE_NODES" != "$nodes" ]; }; then
        log "running on $STATE_DB with $STATE_NODES node(s): stop it first"; exit 1
    fi
    mkdir -p "$TOPO_DIR"
    command -v haproxy >/dev/null || bash "$ROOT/scripts/setup/install_system.sh"
    psql -U "$PG_ROLE" -d "$db" -tAc "SELECT 1 FROM vn_register_book LIMIT 1" >/dev/null ||
        { log "database $db does not hold the suite"; exit 1; }
    printf 'STATE_DB=%q\nSTATE_NODES=%q\n' "$db" "$nodes" > "$TOPO_DIR/state"
    replica_start
    for i in $(seq "$nodes"); do node_start "$i" "$db"; done
    for i in $(seq "$nodes"); do node_wait "$i"; done
    proxy_start "$nodes"
}

stop() {
    local i
    read_state
    proxy_stop
    for i in $(seq "${STATE_NODES:-4}"); do node_stop "$i"; done
    if [ "$KEEP_REPLICA" = 0 ] && [ "$(replica_state)" = "online" ]; then
        $SUDO pg_ctlcluster "$PG_VER" "$REPLICA_CLUSTER" stop && log "replica: stopped"
    fi
    rm -f "$TOPO_DIR/state"
}

status() {
    local ok=0 i
    read_state
    [ -n "${STATE_DB:-}" ] || { echo "stopped"; return 1; }
    echo "database: $STATE_DB, nodes: $STATE_NODES"
    if replica_streaming; then echo "replica: streaming on port $REPLICA_PORT"
    else echo "replica: DOWN"; ok=1; fi
    for i in $(seq "$STATE_NODES"); do
        if curl -fs -o /dev/null "http://127.0.0.1:$(node_http_port "$i")/web/health"; then
            echo "node$i: up (HTTP $(node_http_port "$i"), gevent $(node_gevent_port "$i"))"
        else echo "node$i: DOWN"; ok=1; fi
    done
    if curl -fs -o /dev/null "http://127.0.0.1:$PROXY_PORT/web/health"; then
        echo "proxy: up on http://127.0.0.1:$PROXY_PORT/"
    else echo "proxy: DOWN"; ok=1; fi
    return $ok
}

cmd="${1:-}"; shift || true
DB=""; NODES=2; KEEP_REPLICA=0
while [ $# -gt 0 ]; do
    case "$1" in
        --db) DB="$2"; shift 2 ;;
        --keep-replica) KEEP_REPLICA=1; shift ;;
        [0-9]*) NODES="$1"; shift ;;
        *) usage ;;
    esac
done
[ -n "$DB" ] || DB=$(sed -n 's/^db_name *= *//p' "$ROOT/odoo.conf")
[ "$NODES" -ge 1 ] && [ "$NODES" -le 4 ] || { log "1 to 4 nodes"; exit 2; }
case "$cmd" in
    start) start "$DB" "$NODES" ;;
    stop) stop ;;
    destroy)
        stop
        if [ -n "$(replica_state)" ]; then
            $SUDO pg_dropcluster --stop "$PG_VER" "$REPLICA_CLUSTER" && log "replica: dropped"
        fi ;;
    status) status ;;
    replica) replica_start ;;
    *) usage ;;
esac
