#!/usr/bin/env bash
# Bounded fuzzing, the quick form CI runs: `fuzz/run.sh [SECONDS_PER_TARGET]`.
# Installs cargo-fuzz if it is missing, builds every target (release, debug assertions and
# overflow checks, AddressSanitizer), replays the inputs that once crashed a target
# (fuzz/regressions/TARGET/), then fuzzes each target in turn for SECONDS_PER_TARGET (by
# default about 60 seconds over all targets), keeping what it learns in fuzz/corpus/ (ignored
# by git). Exits non-zero on the first crash, naming the target and the saved input.
set -euo pipefail
cd "$(dirname "$0")"
FUZZ=$PWD
# cargo fuzz needs `-Z` flags; the stable toolchain allows them with RUSTC_BOOTSTRAP.
export RUSTC_BOOTSTRAP=1
# The fuzz build keeps its own folder (its flags differ from the workspace's).
export CARGO_TARGET_DIR="$FUZZ/target"
export CARGO_TERM_COLOR=never

command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked

mapfile -t targets < <(cargo fuzz list)
per=${1:-$(( (60 + ${#targets[@]} - 1) / ${#targets[@]} ))}
case $per in '' | *[!0-9]* | 0) echo "usage: fuzz/run.sh [SECONDS_PER_TARGET]" >&2; exit 2 ;; esac

start=$SECONDS
cargo fuzz build
echo "built ${#targets[@]} targets in $(( SECONDS - start ))s; fuzzing each for ${per}s"
mkdir -p "$FUZZ/target/logs"
for t in "${targets[@]}"; do
  log=$FUZZ/target/logs/$t.log
  if compgen -G "regressions/$t/*" >/dev/null; then
    if ! cargo fuzz run "$t" regressions/"$t"/* >"$log" 2>&1; then
      tail -n 40 "$log"; echo "FAIL $t: a saved regression input crashes again" >&2; exit 1
    fi
  fi
  mkdir -p "corpus/$t"
  args=(-max_total_time="$per" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1)
  [ -f "dicts/$t.dict" ] && args+=(-dict="dicts/$t.dict")
  if ! cargo fuzz run "$t" "corpus/$t" -- "${args[@]}" >"$log" 2>&1; then
    tail -n 40 "$log"
    echo "FAIL $t: crash input saved under fuzz/artifacts/$t/; see $log" >&2
    exit 1
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  echo "ok   $t: ${runs:-?} runs in ${per}s, no crash"
done
echo "fuzzing took $(( SECONDS - start ))s in all"
