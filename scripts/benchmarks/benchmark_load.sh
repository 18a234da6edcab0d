#!/usr/bin/env bash
# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
#
# Load test of the multi-node topology with Locust (issue 15): USERS simulated records
# clerks and heads (4 to 1) register, search and open documents over JSON-RPC for SECONDS,
# first through the proxy in front of one node, then of two (scripts/ops/topology.sh,
# with the streaming replica). Prints throughput, p50/p95/p99 and errors per run.
# LOAD_NODES (default "1 2") lists the runs: a number of nodes, or 0 for Odoo's threaded
# server alone (no workers, proxy or replica).
#
#   scripts/benchmarks/benchmark_load.sh [DB] [USERS] [SECONDS] [MAX_REQUESTS]
#
# DB (default vn_edoc_bench_load) is created with the suite and its demo data when
# missing; the test adds users and registers documents in it: never an agency's
# database. Loopback only.
source "$(dirname "$0")/../lib.sh"
DB="${1:-vn_edoc_bench_load}"
USERS="${2:-50}"
DURATION="${3:-300}"
export VN_LOAD_MAX_REQUESTS="${4:-100000}"
OUT="$RUN_DIR/load"
PORT="${TOPOLOGY_PORT:-8550}"
export VN_CLAMD_ADDRESS="unix://$CLAMD_DIR/clamd.sock" VN_ADDONS_PATH="$(odoo_addons_path)"
export VN_LOAD_SETTINGS="$OUT/settings.json"
mkdir -p "$OUT"
ensure_demo_db "$DB" vn_register_book
# from the repository root: odoo.conf's data_dir is relative to it
cd "$ROOT"
B=scripts/benchmarks
PYTHONPATH="$(odoo_pythonpath)" "$VENV/bin/python" $B/benchmark_load.py prepare "$DB" \
    "$VN_LOAD_SETTINGS" 2>&1 | grep -v "^WARNING: Location\| INFO \| WARNING "
rc=0
WORKERS="${TOPOLOGY_WORKERS:-$(sed -n 's/^ODOO_WORKERS=//p' "$ROOT/docker/odoo-node.env")}"
SINGLE_PID=""

# "0 nodes": step 1 of the growth path, Odoo's threaded server alone (no workers, no
# proxy, no replica), on the proxy's port
start_single() {
    rm -f "$OUT/single.log"
    PYTHONPATH="$(odoo_pythonpath)" setsid "$VENV/bin/python" scripts/odoo_bin.py \
        -c odoo.conf --addons-path "$(odoo_addons_path)" -d "$DB" --db-filter "^$DB\$" \
        --http-port "$PORT" --gevent-port "$((PORT + 9))" --workers 0 \
        --max-cron-threads 1 --logfile "$OUT/single.log" &
    SINGLE_PID=$!
    for _ in $(seq 240); do
        curl -fs -o /dev/null "http://127.0.0.1:$PORT/web/health" && return
        sleep 0.5
    done
    log "the single server did not start"; exit 1
}

stop_single() {
    [ -z "$SINGLE_PID" ] || { kill -TERM "$SINGLE_PID"; wait "$SINGLE_PID" || true; }
    SINGLE_PID=""
}

trap 'stop_single; bash "$ROOT/scripts/ops/topology.sh" stop' EXIT
for nodes in ${LOAD_NODES:-1 2}; do
    bash "$ROOT/scripts/ops/topology.sh" stop --keep-replica 2>/dev/null
    if [ "$nodes" = 0 ]; then
        start_single
        log "locust: $USERS users for $DURATION s, one threaded Odoo process"
    else
        bash "$ROOT/scripts/ops/topology.sh" start --db "$DB" "$nodes"
        log "locust: $USERS users for $DURATION s through the proxy, $nodes node(s)"
    fi
    echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
    VN_LOAD_TIMES="$OUT/nodes${nodes}_work.json" "$VENV/bin/locust" -f $B/locustfile.py \
        --headless --only-summary -u "$USERS" -r "$(( USERS < 10 ? USERS : 10 ))" \
        -t "${DURATION}s" --stop-timeout 30 --host "http://127.0.0.1:$PORT" \
        --csv "$OUT/nodes$nodes" --loglevel WARNING >"$OUT/nodes$nodes.log" 2>&1 || true
    echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
    stop_single
    label="$nodes node(s) x $WORKERS workers + replica"
    logs=("$RUN_DIR"/topology/node*.log)
    if [ "$nodes" = 0 ]; then label="one threaded process"; logs=("$OUT/single.log"); fi
    PYTHONPATH="$(odoo_pythonpath)" "$VENV/bin/python" $B/benchmark_load.py report \
        "$OUT/nodes$nodes" "$label, $USERS users, $DURATION s" || rc=1
    # Odoo logs the cursor of each request: ro = the replica, rw = the primary
    cat "${logs[@]}" | grep -o '"POST /web/dataset/[^ ]*.* \(ro\|rw\|ro->rw\)$' |
        awk '{m[$NF]++} END {for (k in m) printf "RPC calls on a %s cursor: %d\n", k, m[k]}' || true
done
exit $rc
