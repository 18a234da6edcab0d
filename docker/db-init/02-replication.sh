#!/bin/sh
# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# First start of the postgres container: the replica (service db-replica) may stream
# the WAL over the compose network with the password of the database role.
set -e
echo "host replication $POSTGRES_USER all scram-sha-256" >> "$PGDATA/pg_hba.conf"
