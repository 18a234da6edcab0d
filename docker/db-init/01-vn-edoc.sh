#!/bin/sh
# First start of the postgres container: the agency database with its extensions.
set -e
psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d postgres -c "CREATE DATABASE vn_edoc OWNER \"$POSTGRES_USER\" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C'"
psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d vn_edoc -f /docker-entrypoint-initdb.d/extensions.sql
