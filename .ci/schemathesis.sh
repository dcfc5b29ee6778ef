#!/usr/bin/env bash
# API fuzzing (issue 12): schemathesis against /api/openapi.json of a running `revans demo`.
#
# 1. Read-only: one fresh demo; a personal access token for each role (made through the pages,
#    as the API refuses to make tokens); every GET operation fuzzed with each token.
# 2. Destructive: a second fresh demo; POST, PUT and DELETE operations fuzzed with the
#    programme lead's token of that demo, then a set's and the diary's writes with its
#    facilitator's token, so the reads above ran on untouched data.
# Path ids are filled with the demo's own records (schemathesis_ids.py), so requests reach the
# handlers' logic instead of "not found".
#
# Checks: no 5xx (not_a_server_error), every response matches its documented schema
# (response_schema_conformance), its status is a documented one (status_code_conformance) and
# its content type is the documented one (content_type_conformance).
# Bounded to about three minutes on a 2-core machine: one worker, few examples per operation.
# Exits non-zero on any failure. Figures go to target/schemathesis/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/target/schemathesis
VENV=$ROOT/target/schemathesis-venv
ST_VERSION=4.32.5
# Examples per operation: read-only runs (per role) and the destructive run.
READ_EXAMPLES=${READ_EXAMPLES:-10}
WRITE_EXAMPLES=${WRITE_EXAMPLES:-15}
SEED=${SCHEMATHESIS_SEED:-2026}
PASSWORD=demo-password-2026 # crates/app/src/demo.rs
ROLES=(
  "lead lead@northcoast-ics.example"
  "sponsor sponsor@harbour-trust.example"
  "facilitator facilitator@northcoast-ics.example"
  "participant participant@harbour-trust.example"
  "evaluator evaluator@northcoast-ics.example"
)
STARTED=$SECONDS
rm -rf "$OUT"
mkdir -p "$OUT"

# --- schemathesis, in a virtual environment of its own (idempotent) ---------------------------
if ! "$VENV/bin/schemathesis" --version 2>/dev/null | grep -q "$ST_VERSION"; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check "schemathesis==$ST_VERSION"
fi
ST=$VENV/bin/schemathesis

# .ci/run builds everything once with the workspace's features; rebuilding -p revans alone
# would compile the dependency tree again with other features.
[ -n "${CI_PREBUILT:-}" ] || cargo build --quiet -p revans
BIN=$ROOT/target/debug/revans

# --- A fresh demo on a free port --------------------------------------------------------------
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

# start_demo NAME: serves a fresh demo from $OUT/NAME; sets URL.
start_demo() {
  local dir=$OUT/$1
  mkdir -p "$dir"
  # Revans refuses REVANS_* settings it does not know, so none are passed on.
  (cd "$dir" && exec env $(env | sed -n 's/^\(REVANS_[A-Za-z0-9_]*\)=.*/-u \1/p') \
    REVANS_LOG=warn "$BIN" demo --listen 127.0.0.1:0 --data "$dir/data" >"$dir/server.out" 2>"$dir/server.err") &
  PIDS+=($!)
  local i
  for i in $(seq 1 300); do
    URL=$(sed -n 's/.*running at \(http:[^ ]*\).*/\1/p' "$dir/server.out" 2>/dev/null | head -n 1 || true)
    [ -n "$URL" ] && return 0
    kill -0 "${PIDS[-1]}" 2>/dev/null || break
    sleep 0.2
  done
  echo "revans demo did not start:" >&2
  cat "$dir/server.out" "$dir/server.err" >&2
  return 1
}

# csrf_of FILE: the CSRF token of the form in a page.
csrf_of() {
  sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$1" | head -n 1
}

# token_for EMAIL: signs in through the pages like a browser (cookie jar, CSRF) and makes a
# personal access token on /account/tokens; prints it.
token_for() {
  local email=$1 jar page
  jar=$(mktemp -p "$OUT")
  page=$(mktemp -p "$OUT")
  curl -sf -c "$jar" -b "$jar" -o "$page" "$URL/sign-in"
  curl -sf -c "$jar" -b "$jar" -o /dev/null \
    --data-urlencode "csrf=$(csrf_of "$page")" --data-urlencode "email=$email" \
    --data-urlencode "password=$PASSWORD" "$URL/sign-in"
  curl -sf -c "$jar" -b "$jar" -o "$page" "$URL/account/tokens"
  curl -sf -c "$jar" -b "$jar" -o "$page" \
    --data-urlencode "csrf=$(csrf_of "$page")" --data-urlencode "name=schemathesis" \
    "$URL/account/tokens"
  sed -n 's/.*data-new-token>\([^<]*\)<.*/\1/p' "$page" | head -n 1
  rm -f "$jar" "$page"
}

CHECKS=not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance

# fuzz NAME TOKEN EXAMPLES ARGS...: one schemathesis run; its output in $OUT/NAME.log.
# The stateful phase is left out: it infers links between operations from response data and
# linked the certificates list to GET /api/v1/portfolio.pdf with an `id` that operation has not,
# then stopped on its own invalid link (not on anything the API did).
fuzz() {
  local name=$1 token=$2 examples=$3
  shift 3
  local t0=$SECONDS rc=0
  "$ST" --config-file "$CONFIG" run "$URL/api/openapi.json" \
    --header "Authorization: Bearer $token" \
    --checks "$CHECKS" \
    --workers 1 --max-examples "$examples" --seed "$SEED" \
    --phases examples,coverage,fuzzing \
    --request-timeout 10 --no-color --generation-database none \
    --report junit --report-junit-path "$OUT/$name.xml" \
    "$@" >"$OUT/$name.log" 2>&1 || rc=$?
  # The summary's "Tested: N" (operations) and "N generated, ..." (test cases).
  echo "--- $name ($((SECONDS - t0))s): $(sed -n 's/^ *Tested: \([0-9]*\)/\1 operations,/p; s/^ *\([0-9]* generated.*\)/\1/p' "$OUT/$name.log" | tr '\n' ' ')"
  if [ "$rc" -ne 0 ]; then
    cat "$OUT/$name.log"
    FAILED+=("$name")
  fi
}
FAILED=()

# --- Read-only: every GET, with each role's token ---------------------------------------------
# ids_for DEMO: a config filling path ids with that demo's records (see schemathesis_ids.py).
ids_for() {
  CONFIG=$OUT/$1/schemathesis.toml
  "$VENV/bin/python" .ci/schemathesis_ids.py "$URL" "$(token_for lead@northcoast-ics.example)" \
    "$(token_for facilitator@northcoast-ics.example)" "$CONFIG"
}

start_demo read
ids_for read
declare -A TOKENS
for entry in "${ROLES[@]}"; do
  set -- $entry
  TOKENS[$1]=$(token_for "$2")
  [ -n "${TOKENS[$1]}" ] || { echo "no token for $2" >&2; exit 1; }
done
for entry in "${ROLES[@]}"; do
  set -- $entry
  fuzz "read-$1" "${TOKENS[$1]}" "$READ_EXAMPLES" --include-method GET
done

# --- Destructive: every POST, PUT and DELETE, on a database of their own ----------------------
start_demo write
ids_for write
token=$(token_for "lead@northcoast-ics.example")
fuzz write-lead "$token" "$WRITE_EXAMPLES" --include-method-regex '^(POST|PUT|PATCH|DELETE)$'
# A set's meetings, problems and actions answer only its members and facilitators (404 to
# the lead, by design), so those writes run again as the set's facilitator, with the diary.
token=$(token_for "facilitator@northcoast-ics.example")
fuzz write-facilitator "$token" "$WRITE_EXAMPLES" --include-method-regex '^(POST|PUT|PATCH|DELETE)$' \
  --include-path-regex '^/api/v1/(sets|meetings|diary)'

echo
echo "schemathesis took $((SECONDS - STARTED))s; reports in $OUT"
if [ ${#FAILED[@]} -gt 0 ]; then
  echo "schemathesis failed: ${FAILED[*]}"
  exit 1
fi
echo "schemathesis: 0 failures"
