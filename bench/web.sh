#!/usr/bin/env bash
# The web benchmark (issue 13): generate a nation, serve it, sign in as each role and drive every
# manifest URL with wrk (-t2 -c16), with /healthz as this machine's ceiling; the same URLs on a
# minimal nation give the growth ratio. Prints a markdown table per backend and writes it to
# target/bench/web-<backend>.md.
#
#   bash bench/web.sh [--people N] [--seconds S] [--backend sqlite|postgres|both]
#                     [--small N] [--profile release|debug] [--seed S] [--keep DIR]
#
#   --people N    people in the nation measured (default 20000)
#   --seconds S   wrk duration per URL (default 10)
#   --small N     people in the small nation the growth ratio compares against (default 1000,
#                 the generator's minimum; the demo has no manifest and other URL names)
#   --profile     release (default; runs cargo build --release -p revans) or debug (uses
#                 $CARGO_TARGET_DIR/debug/revans as built by CI, building it only if missing)
#   --keep DIR    keep the generated databases in DIR and reuse them on the next run with the
#                 same DIR, N and seed (to re-measure after a migration: serve applies it);
#                 without it every run generates fresh databases and drops them at the end
# Exit status: 0 when every URL answered 200 (targets missed are reported, not fatal), 1 otherwise.
set -euo pipefail

PEOPLE=20000
SECONDS_PER_URL=10
BACKEND=both
SMALL=1000
PROFILE=release
SEED=1
KEEP=
while [ $# -gt 0 ]; do
  case "$1" in
    --people) PEOPLE=$2; shift 2 ;;
    --seconds) SECONDS_PER_URL=$2; shift 2 ;;
    --backend) BACKEND=$2; shift 2 ;;
    --small) SMALL=$2; shift 2 ;;
    --profile) PROFILE=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    --keep) KEEP=$2; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
case "$BACKEND" in sqlite) BACKENDS=(sqlite) ;; postgres) BACKENDS=(postgres) ;; both) BACKENDS=(sqlite postgres) ;;
  *) echo "--backend is sqlite, postgres or both" >&2; exit 2 ;; esac
case "$PROFILE" in release|debug) ;; *) echo "--profile is release or debug" >&2; exit 2 ;; esac

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
BIN=$TARGET_DIR/$PROFILE/revans
OUT_DIR=$ROOT/target/bench
mkdir -p "$OUT_DIR"
PY="python3 $ROOT/bench/web.py"
log() { echo "[bench] $*" >&2; }

# 1. The binary and the load generator.
if [ "$PROFILE" = release ]; then
  log "cargo build --release -p revans"
  cargo build --release -p revans >&2
elif [ ! -x "$BIN" ]; then
  cargo build -p revans >&2
fi
if ! command -v wrk >/dev/null 2>&1; then
  log "installing wrk"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq wrk >&2 || { apt-get update -qq >&2 && apt-get install -y -qq wrk >&2; }
fi

WORK=$(mktemp -d /tmp/revans-bench-web.XXXXXX)
SERVER_PID=
PG_DROP=()
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  for db in "${PG_DROP[@]}"; do
    su postgres -c "psql -qc 'DROP DATABASE IF EXISTS $db WITH (FORCE)'" >/dev/null 2>&1 || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

# 2. A database holding a nation of $1 people, for backend $2; prints its URL, writes the manifest to $3.
PG_BASE=
database_with_nation() {
  local n=$1 backend=$2 manifest=$3 url dir name
  if [ -n "$KEEP" ]; then dir=$KEEP; mkdir -p "$dir"; else dir=$WORK; fi
  if [ "$backend" = sqlite ]; then
    url="sqlite://$dir/nation-n$n-s$SEED.db"
    if [ -n "$KEEP" ] && [ -f "$dir/nation-n$n-s$SEED.db" ] && [ -f "$dir/sqlite-n$n-s$SEED.json" ]; then
      log "reusing $url"; cp "$dir/sqlite-n$n-s$SEED.json" "$manifest"; echo "$url"; return
    fi
    rm -f "$dir/nation-n$n-s$SEED.db"*
  else
    [ -n "$PG_BASE" ] || PG_BASE=$(bash .ci/postgres.sh | tail -1)
    if [ -n "$KEEP" ]; then name="revans_bench_n${n}_s${SEED}"; else name="revans_bench_$$_n${n}_$(date +%s)"; PG_DROP+=("$name"); fi
    url="${PG_BASE%/*}/$name"
    if [ -n "$KEEP" ] && [ -f "$dir/postgres-n$n-s$SEED.json" ] \
      && su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname = '$name'\"" | grep -q 1; then
      log "reusing $url"; cp "$dir/postgres-n$n-s$SEED.json" "$manifest"; echo "$url"; return
    fi
    su postgres -c "psql -qc 'DROP DATABASE IF EXISTS $name WITH (FORCE)'" >&2
    local owner
    owner=$(echo "$PG_BASE" | sed -E 's#^postgres(ql)?://([^:@/]+).*#\2#')
    su postgres -c "psql -qc 'CREATE DATABASE $name OWNER $owner'" >&2
  fi
  log "generating N = $n on $backend"
  local t0=$SECONDS
  "$BIN" --database "$url" generate national --people "$n" --seed "$SEED" --manifest "$manifest" >"$WORK/generate-$backend-$n.log"
  log "generated N = $n on $backend in $((SECONDS - t0)) s"
  [ -z "$KEEP" ] || cp "$manifest" "$dir/$backend-n$n-s$SEED.json"
  echo "$url"
}

# 3-6. Serve the database at $1, measure every manifest URL of $2 into $3; prints the peak RSS (kB).
serve_and_measure() {
  local url=$1 manifest=$2 out=$3 port base rss
  port=$($PY freeport)
  base="http://127.0.0.1:$port"
  REVANS_MAIL__FOLDER="$WORK/mail" REVANS_LOG=warn \
    "$BIN" --database "$url" serve --listen "127.0.0.1:$port" >"$WORK/serve-$port.log" 2>&1 &
  SERVER_PID=$!
  # Ready when /healthz answers (bounded: 120 s, for migrations on a large database).
  local ready=
  for _ in $(seq 1 600); do
    if curl -fsS -o /dev/null "$base/healthz" 2>/dev/null; then ready=1; break; fi
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.2
  done
  if [ -z "$ready" ]; then cat "$WORK/serve-$port.log" >&2; log "the server did not start"; exit 1; fi
  log "serving $base (pid $SERVER_PID)"
  $PY measure --base "$base" --manifest "$manifest" --seconds "$SECONDS_PER_URL" --out "$out"
  rss=$(awk '/^VmHWM:/ {print $2}' "/proc/$SERVER_PID/status")
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
  cp "$WORK/serve-$port.log" "$out.server.log"
  echo "${rss:-0}"
}

status=0
for backend in "${BACKENDS[@]}"; do
  log "== $backend: small nation (N = $SMALL) for the growth ratio"
  small_url=$(database_with_nation "$SMALL" "$backend" "$WORK/small.json")
  serve_and_measure "$small_url" "$WORK/small.json" "$WORK/small-$backend.json" >/dev/null
  log "== $backend: nation N = $PEOPLE"
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  nation_url=$(database_with_nation "$PEOPLE" "$backend" "$WORK/nation.json")
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  rss=$(serve_and_measure "$nation_url" "$WORK/nation.json" "$WORK/nation-$backend.json")
  cp "$WORK/nation-$backend.json" "$OUT_DIR/web-$backend-n$PEOPLE.json"
  cp "$WORK/nation-$backend.json.server.log" "$OUT_DIR/web-$backend-n$PEOPLE.server.log"
  $PY report --backend "$backend" --people "$PEOPLE" --small-people "$SMALL" \
    --nation "$WORK/nation-$backend.json" --small "$WORK/small-$backend.json" \
    --rss-kb "$rss" --seconds "$SECONDS_PER_URL" --profile "$PROFILE" \
    --when "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores" --load "$load" \
    --out "$OUT_DIR/web-$backend.md" || status=1
  log "written $OUT_DIR/web-$backend.md"
done
exit $status
