#!/usr/bin/env bash
# cargo deny (issue 12) with deny.toml: advisories, licences, bans and sources.
# Installs cargo-deny once (a few minutes). The advisory database is fetched from GitHub; when
# this machine cannot reach it, the advisories check is skipped with a loud note and the other
# three still run.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cargo-deny >/dev/null 2>&1 || cargo install cargo-deny --locked
if cargo deny fetch db >/dev/null 2>&1; then
  cargo deny check
else
  echo "NOTE: the RustSec advisory database (github.com/rustsec/advisory-db) cannot be fetched" \
    "from this machine: advisories NOT checked; licences, bans and sources are."
  cargo deny check licenses bans sources
fi
