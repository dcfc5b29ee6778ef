#!/usr/bin/env bash
# Installs (if absent) and starts PostgreSQL 15, and makes the role and database the test suite
# uses. Idempotent: safe to run again on a machine where all of it is already done.
# Prints the connection URL on its last line.
set -euo pipefail

PG_ROLE=revans_ci
PG_PASSWORD=revans_ci
PG_DB=revans_ci

if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ ! -d /usr/lib/postgresql/15 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql-15 >&2
fi
if ! pg_lsclusters -h | grep -q '^15 *main'; then
  pg_createcluster 15 main >&2
fi
if ! pg_lsclusters -h | grep -q '^15 *main .*online'; then
  pg_ctlcluster 15 main start >&2
fi
# Wait until it accepts connections (bounded).
for _ in $(seq 1 60); do
  if su postgres -c "psql -qtAc 'SELECT 1'" >/dev/null 2>&1; then break; fi
  sleep 0.5
done
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname = '$PG_ROLE'\"" | grep -q 1 \
  || su postgres -c "psql -qc \"CREATE ROLE $PG_ROLE LOGIN CREATEDB PASSWORD '$PG_PASSWORD'\"" >&2
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname = '$PG_DB'\"" | grep -q 1 \
  || su postgres -c "psql -qc \"CREATE DATABASE $PG_DB OWNER $PG_ROLE\"" >&2
# Test databases left behind by an interrupted earlier run, and the migrated templates test
# databases are copied from (crates/storage/src/testing.rs), so a run migrates afresh once.
for db in $(su postgres -c "psql -qtAc \"SELECT datname FROM pg_database WHERE datname LIKE 'revans\\_test\\_%' OR datname LIKE 'revans\\_template\\_%'\""); do
  su postgres -c "psql -qc 'DROP DATABASE IF EXISTS $db WITH (FORCE)'" >&2 || true
done
echo "postgres://$PG_ROLE:$PG_PASSWORD@127.0.0.1:5432/$PG_DB"
