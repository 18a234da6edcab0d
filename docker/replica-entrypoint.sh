#!/bin/bash
# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# The db-replica service of docker-compose.yml: on first start, a base backup of the
# primary (service db) with -R (standby.signal and primary_conninfo); then PostgreSQL
# as a hot standby. The primary accepts replication connections (db-init/02).
set -e
if [ ! -s "$PGDATA/PG_VERSION" ]; then
    until pg_basebackup -h db -U vn_edoc -D "$PGDATA" -R -X stream -c fast; do
        echo "waiting for the primary"; sleep 2
    done
    chmod 700 "$PGDATA"
fi
exec postgres -c hot_standby=on -c hot_standby_feedback=on
