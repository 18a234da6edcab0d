#!/usr/bin/env bash
# Start the LGSP simulator (addons/vn_lgsp_connector/simulator) on 127.0.0.1:${LGSP_SIM_PORT:-8099} if it is not
# running, and register the demo agency's system in it (system id and secret of the demo connection).
# There is no default admin token: the simulator generates one at start, prints it once in its log and
# writes it to .run/lgsp-sim/admin-token (mode 0600), where this script and the others read it.
source "$(dirname "$0")/../lib.sh"
SIM_DIR="$RUN_DIR/lgsp-sim"; mkdir -p "$SIM_DIR"; chmod 700 "$SIM_DIR"
PORT="${LGSP_SIM_PORT:-8099}" TOKEN_FILE="$SIM_DIR/admin-token"
admin_header() { printf 'X-Sim-Admin: %s\n' "$(cat "$TOKEN_FILE")"; }  # never on a command line
if [ -f "$SIM_DIR/sim.pid" ] && kill -0 "$(cat "$SIM_DIR/sim.pid")" 2>/dev/null && [ -s "$TOKEN_FILE" ]; then
    log "LGSP simulator already running on port $PORT"
else
    if [ -f "$SIM_DIR/sim.pid" ] && kill -0 "$(cat "$SIM_DIR/sim.pid")" 2>/dev/null; then
        kill "$(cat "$SIM_DIR/sim.pid")"  # started by an older version of this script, with a fixed token
        sleep 1
    fi
    rm -f "$TOKEN_FILE"
    (cd "$ROOT" && nohup "$VENV/bin/python" addons/vn_lgsp_connector/simulator/simulator.py --host 127.0.0.1 --port "$PORT" \
        --db "$SIM_DIR/demo.sqlite3" --admin-token-file "$TOKEN_FILE" > "$SIM_DIR/sim.log" 2>&1 & echo $! > "$SIM_DIR/sim.pid")
    for _ in $(seq 50); do
        [ -s "$TOKEN_FILE" ] && curl -fsS -o /dev/null 2>/dev/null "http://127.0.0.1:$PORT/_sim/state" \
            -H @<(admin_header) && break
        sleep 0.2
    done
    log "LGSP simulator started on port $PORT (log: $SIM_DIR/sim.log, admin token: $TOKEN_FILE)"
fi
curl -fsS -o /dev/null -X POST "http://127.0.0.1:$PORT/_sim/system" -H @<(admin_header) \
    -H "Content-Type: application/json" \
    -d '{"system_id": "demo-ben-thanh", "secret": "demo-secret", "organ_code": "000.01.41.H29", "name": "UBND phường Bến Thành"}'
