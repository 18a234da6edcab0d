#!/usr/bin/env bash
# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# Give every incoming document of a benchmark database a stored file with text (issue 17):
#   scripts/benchmarks/generate_fts_text.sh [DB]   (default vn_bench_overdue)
# Documents that already have a file are skipped. Never point it at an agency's database.
source "$(dirname "$0")/../lib.sh"
DB="${1:-vn_bench_overdue}"
psql -U "$PG_ROLE" -d "$DB" -Atc "SELECT 'before: ' || pg_size_pretty(pg_database_size('$DB'))"
"$VENV/bin/python" "$ROOT/scripts/benchmarks/generate_fts_text.py" "$DB"
psql -U "$PG_ROLE" -d "$DB" -Atc "SELECT 'after: ' || pg_size_pretty(pg_database_size('$DB'))"
