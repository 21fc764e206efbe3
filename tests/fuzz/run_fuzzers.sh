#!/usr/bin/env bash
# Runs every built libFuzzer target for a fixed time each, one after the other (the machine is
# shared: never in parallel), and summarises executions, coverage and crashes.
#   tests/fuzz/run_fuzzers.sh [BUILD_DIR=build-fuzz] [SECONDS_PER_TARGET=300] [TARGET...]
# Work dirs: BUILD_DIR/fuzz-work/<target>/{corpus,artifacts,log.txt}; the corpus grows across
# runs. Crash/timeout/oom reproducers are copied to tests/fuzz/regressions/<target>/ when they are
# small (<= 64 KiB) so they can be committed and replayed (`<target>_fuzzer FILE...`).
# Seeds from the labelled corpus: CORPUS_DIR (default BUILD_DIR/corpus; e.g. build/corpus-out).
# Replay only: REPLAY=1 tests/fuzz/run_fuzzers.sh BUILD_DIR (runs each target on its
# regressions/ files once; exit 1 if any still fails).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
src="$(cd "$here/../.." && pwd)"
build="${1:-$src/build-fuzz}"; shift || true
secs="${1:-300}"; shift || true
targets=("$@")
if ((${#targets[@]} == 0)); then
  for f in "$build"/tests/fuzz/*_fuzzer; do [ -x "$f" ] && targets+=("$(basename "$f" _fuzzer)"); done
fi
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:allocator_may_return_null=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
status=0
if [ "${REPLAY:-0}" = 1 ]; then
  for t in "${targets[@]}"; do
    files=("$here/regressions/$t"/*)
    [ -e "${files[0]}" ] || continue
    if "$build/tests/fuzz/${t}_fuzzer" -timeout=10 -rss_limit_mb=1024 "${files[@]}" >/dev/null 2>&1; then
      echo "replay $t: ${#files[@]} file(s) ok"
    else
      echo "replay $t: FAILS"; status=1
    fi
  done
  exit $status
fi
seeds="$build/fuzz-seeds"
python3 "$here/make_seeds.py" "$seeds" --corpus "${CORPUS_DIR:-$build/corpus}" >/dev/null
printf '%-10s %8s %10s %8s %6s  %s\n' target seconds execs cov crashes artifacts
for t in "${targets[@]}"; do
  bin="$build/tests/fuzz/${t}_fuzzer"
  work="$build/fuzz-work/$t"
  mkdir -p "$work/corpus" "$work/artifacts"
  dict=(); [ -f "$here/$t.dict" ] && dict=(-dict="$here/$t.dict")
  start=$(date +%s)
  "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=1024 -malloc_limit_mb=1024 \
    -max_len=262144 -print_final_stats=1 -artifact_prefix="$work/artifacts/" "${dict[@]}" \
    -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
    "$work/corpus" "$seeds/$t" >"$work/log.txt" 2>&1
  took=$(( $(date +%s) - start ))
  # Fork mode reports progress as "#<total execs>: cov: N ft: ... corp: ...".
  execs=$(grep -oE '^#[0-9]+:' "$work/log.txt" | tail -1 | tr -d '#:')
  cov=$(grep -o 'cov: [0-9]*' "$work/log.txt" | tail -1 | awk '{print $2}')
  n=0
  for a in "$work"/artifacts/*; do
    [ -f "$a" ] || continue
    n=$((n + 1))
    if [ "$(stat -c %s "$a")" -le 65536 ]; then
      mkdir -p "$here/regressions/$t"
      cp -n "$a" "$here/regressions/$t/"
    fi
  done
  ((n > 0)) && status=1
  printf '%-10s %8s %10s %8s %6s  %s\n' "$t" "$took" "${execs:-?}" "${cov:-?}" "$n" "$work/artifacts"
done
exit $status
