#!/usr/bin/env bash
# The quick form of the reliability drills (issue 12) for CI: crash x5 on SQLite, crash x3 on
# PostgreSQL, one PostgreSQL outage. Usage: drills/quick.sh POSTGRES_URL
# (the URL `.ci/postgres.sh` prints; the crash drill makes and drops its own database there;
# the outage drill starts a private PostgreSQL of its own, so the shared one never stops).
# Exits non-zero on any lost write, duplicate or missing email, 404/500, or slow answer.
set -euo pipefail
PG_URL="${1:?usage: drills/quick.sh postgres://user:password@host:port/database}"
cd "$(dirname "$0")/.."
TARGET="${CARGO_TARGET_DIR:-target}"
# .ci/run has built both already with the workspace's features (CI_PREBUILT).
[ -n "${CI_PREBUILT:-}" ] || cargo build -q -p revans -p revans-drills
DRILL="$TARGET/debug/revans-drill"
BIN="$TARGET/debug/revans"
SEED="${DRILL_SEED:-$(date +%s)}"
echo "== crash x5, SQLite (seed $SEED)"
"$DRILL" --bin "$BIN" crash --runs 5 --backend sqlite --seed "$SEED"
echo "== crash x3, PostgreSQL (seed $SEED)"
"$DRILL" --bin "$BIN" crash --runs 3 --backend postgres --database-url "$PG_URL" --seed "$SEED"
echo "== outage, private PostgreSQL"
"$DRILL" --bin "$BIN" outage
