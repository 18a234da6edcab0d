#!/usr/bin/env bash
# Start the LGSP simulator (tools/lgsp_simulator) on 127.0.0.1:${LGSP_SIM_PORT:-8099} if it is not
# running, and register the demo agency's system in it (system id and secret of the demo connection).
source "$(dirname "$0")/lib.sh"
SIM_DIR="$RUN_DIR/lgsp-sim"; mkdir -p "$SIM_DIR"
PORT="${LGSP_SIM_PORT:-8099}" TOKEN="${LGSP_SIM_ADMIN_TOKEN:-demo-admin}"
if [ -f "$SIM_DIR/sim.pid" ] && kill -0 "$(cat "$SIM_DIR/sim.pid")" 2>/dev/null; then
    log "LGSP simulator already running on port $PORT"
else
    (cd "$ROOT" && nohup "$VENV/bin/python" -m tools.lgsp_simulator.simulator --host 127.0.0.1 --port "$PORT" \
        --db "$SIM_DIR/demo.sqlite3" --admin-token "$TOKEN" > "$SIM_DIR/sim.log" 2>&1 & echo $! > "$SIM_DIR/sim.pid")
    for _ in $(seq 50); do curl -fsS -o /dev/null 2>/dev/null "http://127.0.0.1:$PORT/_sim/state" -H "X-Sim-Admin: $TOKEN" && break; sleep 0.2; done
    log "LGSP simulator started on port $PORT (log: $SIM_DIR/sim.log)"
fi
curl -fsS -o /dev/null -X POST "http://127.0.0.1:$PORT/_sim/system" -H "X-Sim-Admin: $TOKEN" \
    -H "Content-Type: application/json" \
    -d '{"system_id": "demo-ben-thanh", "secret": "demo-secret", "organ_code": "000.01.41.H29", "name": "UBND phường Bến Thành"}'
