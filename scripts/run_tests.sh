#!/usr/bin/env bash
# Run every test of the suite on a fresh database, then check the log.
# Usage: scripts/run_tests.sh [odoo --test-tags value]
source "$(dirname "$0")/lib.sh"
bash "$ROOT/scripts/setup.sh"
DB="${TEST_DB:-vn_edoc_test}"
TAGS="${1:-$(echo "$SUITE_ADDONS" | sed 's/\([^,]*\)/\/\1/g')}"
LOGFILE="$RUN_DIR/test.log"
export VN_CLAMD_ADDRESS="unix://$CLAMD_DIR/clamd.sock"
bash "$ROOT/scripts/create_db.sh" "$DB"
# Agency B of the two-agency test (vn_lgsp_connector): the test makes its database
# itself (${DB}_peer), unless $VN_E2E_PEER_DB names a freshly installed one.
log "testing $SUITE_ADDONS on a fresh database $DB (log: $LOGFILE)"
set +e
odoo_cmd -d "$DB" -i "$SUITE_ADDONS" --load-language vi_VN --test-tags "$TAGS" \
    --stop-after-init --log-level test --http-port 8169 --gevent-port 8172 2>&1 | tee "$LOGFILE"
rc=${PIPESTATUS[0]}
set -e
"$VENV/bin/python" "$ROOT/scripts/check_test_log.py" "$LOGFILE" --odoo-exit "$rc"
