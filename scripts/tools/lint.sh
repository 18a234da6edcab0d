#!/usr/bin/env bash
# The lint gate over the whole repository (make lint; the first check of make test):
# the hooks of .pre-commit-config.yaml on every file git tracks. Their tools live in
# pre-commit's own environments, built once from PyPI under .run/pre-commit.
# Usage: scripts/tools/lint.sh [hook id]     (e.g. ruff, pylint-odoo, license-headers)
source "$(dirname "$0")/../lib.sh"
cd "$ROOT"
export PRE_COMMIT_HOME="$RUN_DIR/pre-commit"
"$VENV/bin/pre-commit" run --all-files --color never "$@"
