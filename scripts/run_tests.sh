#!/usr/bin/env bash
# The lint gate, the pure-Python tests (pytest) and every Odoo test of the suite on a
# fresh database, then a backup of that database and its restore drills;
# scripts/tools/check_test_log.py then prints one closing line
# "N passed, N failed" counting all three (the lint gate as one test): any failure of
# any of them fails the run.
# Usage: scripts/run_tests.sh [odoo --test-tags value]
source "$(dirname "$0")/lib.sh"
bash "$ROOT/scripts/setup/setup.sh"
set +e
log "lint gate (log: $RUN_DIR/lint.log)"
bash "$ROOT/scripts/tools/lint.sh" > "$RUN_DIR/lint.log" 2>&1
lint_rc=$?
[ "$lint_rc" -eq 0 ] || tail -40 "$RUN_DIR/lint.log"
log "pytest: the pure-Python libraries and scripts (pyproject.toml)"
rm -f "$RUN_DIR/pytest.xml"
(cd "$ROOT" && "$VENV/bin/python" -m pytest -q --junitxml="$RUN_DIR/pytest.xml")
pytest_rc=$?
set -e
DB="${TEST_DB:-vn_edoc_test}"
TAGS="${1:-$(echo "$SUITE_ADDONS" | sed 's/\([^,]*\)/\/\1/g')}"
LOGFILE="$RUN_DIR/test.log"
bash "$ROOT/scripts/setup/create_db.sh" "$DB"
# Odoo's tests run as they would anywhere Odoo runs: no environment variable of the
# project (the tests make their PKI and token, find clamd through odoo.conf's
# vn_clamd_address and make agency B's database themselves).
unset VN_PKI_DIR SOFTHSM2_CONF VN_PKCS11_MODULES VN_CLAMD_ADDRESS VN_E2E_PEER_DB
log "testing $SUITE_ADDONS on a fresh database $DB (log: $LOGFILE)"
set +e
odoo_cmd -d "$DB" -i "$SUITE_ADDONS" --load-language vi_VN --test-tags "$TAGS" \
    --stop-after-init --log-level test --http-port 8169 --gevent-port 8172 2>&1 | tee "$LOGFILE"
rc=${PIPESTATUS[0]}
# Then a backup of the test database and restore drills of it (R-OP2): one must pass,
# one on a copy with one byte changed in the filestore archive must fail and name the
# file (scripts/ops/tests, a pytest run of its own: pyproject's testpaths leave it out).
log "backup and restore drills of $DB"
rm -f "$RUN_DIR/drill.xml"
(cd "$ROOT" && VN_DRILL_DB="$DB" "$VENV/bin/python" -m pytest -q scripts/ops/tests \
    --junitxml="$RUN_DIR/drill.xml")
drill_rc=$?
set -e
"$VENV/bin/python" "$ROOT/scripts/tools/check_test_log.py" "$LOGFILE" --odoo-exit "$rc" \
    --pytest-junit "$RUN_DIR/pytest.xml" --pytest-exit "$pytest_rc" \
    --pytest-junit "$RUN_DIR/drill.xml" --pytest-exit "$drill_rc" --lint-exit "$lint_rc"
