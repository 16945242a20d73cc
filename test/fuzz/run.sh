#!/usr/bin/env bash
# Builds the libFuzzer targets (test/fuzz/*_fuzz.cpp) with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer (float-cast-overflow included), and runs each one two at a time.
# Exits non-zero when any target crashes, leaks, times out on an input or trips a sanitizer; the
# input that did it is kept in <build>/fuzz-artifacts/.
#
#   test/fuzz/run.sh                  each target for 30 s (what CI runs)
#   test/fuzz/run.sh --seconds 600    each target for 10 minutes
#   test/fuzz/run.sh --runs 10000000  each target for 10^7 executions (test/fuzz/run-long.sh)
#   test/fuzz/run.sh --only manifest  one target (repeatable)
#   test/fuzz/run.sh --timeout 120    an input running longer than this (seconds, wall clock;
#                                     10 unless told) is a finding
#   test/fuzz/run.sh --runs N --tally DIR
#                                     N executions per target over any number of sittings: the
#                                     count so far is kept in DIR/<target>, a sitting runs what
#                                     is left and adds what it ran, even when stopped with Ctrl-C
#
# The seed corpora (test/fuzz/corpus/<target>/) are read, never written: what a run finds goes
# to <build>/fuzz-corpus/<target>/, which the next run starts from as well.
set -euo pipefail
cd "$(dirname "$0")/../.."

build="${SGW_FUZZ_BUILD_DIR:-build-fuzz}"
limit=(-max_total_time=30)
only=()
tally=""
input_timeout=10
while [ $# -gt 0 ]; do
  case "$1" in
  --seconds) limit=(-max_total_time="$2"); shift 2 ;;
  --runs) limit=(-runs="$2"); shift 2 ;;
  --only) only+=("$2"); shift 2 ;;
  --tally) tally="$2"; shift 2 ;;
  --timeout) input_timeout="$2"; shift 2 ;;
  *) echo "usage: $0 [--seconds S | --runs N [--tally DIR]] [--timeout S] [--only TARGET]..." >&2
     exit 2 ;;
  esac
done

launcher=()
if command -v ccache > /dev/null; then
  export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=true CCACHE_SLOPPINESS=time_macros
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_COMPILER=clang++-14 \
  -DSGW_FUZZ=ON "${launcher[@]}" > /dev/null
cmake --build "$build" -j"$(nproc)" --target sgw_fuzzers

targets=()
for source in test/fuzz/*_fuzz.cpp; do
  name="$(basename "$source" _fuzz.cpp)"
  if [ ${#only[@]} -eq 0 ] || [[ " ${only[*]} " == *" $name "* ]]; then
    targets+=("$name")
  fi
done

if [ -n "$tally" ] && [[ "${limit[0]}" != -runs=* ]]; then
  echo "--tally needs --runs" >&2
  exit 2
fi
mkdir -p "$build/fuzz-artifacts" "$build/fuzz-logs" ${tally:+"$tally"}
# The kubeconfig target writes every input to a file; in memory that costs no disk writes, and
# it runs about 1.5 times as many inputs a second.
if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
  export TMPDIR=/dev/shm
fi
# SGW_FUZZ_ASAN_OPTIONS adds to the sanitizer options (run-long.sh uses it).
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:allocator_may_return_null=1${SGW_FUZZ_ASAN_OPTIONS:+:$SGW_FUZZ_ASAN_OPTIONS}
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

# One target: fuzz, keep the log, print one line of figures. With a tally folder, run only what
# is left of the total and add what ran to the target's count, whether it ended or was stopped.
fuzz_one() {
  local name="$1" build="$2" tally="$3"
  shift 3
  local corpus="$build/fuzz-corpus/$name" log="$build/fuzz-logs/$name.log"
  local done_before=0 total=""
  if [ -n "$tally" ]; then
    total="${1#-runs=}"
    done_before="$(cat "$tally/$name" 2>/dev/null || echo 0)"
    if [ "$done_before" -ge "$total" ]; then
      printf '%-18s %12s executions of %s already run\n' "$name" "$done_before" "$total"
      return 0
    fi
    set -- -runs="$((total - done_before))"
  fi
  mkdir -p "$corpus"
  # Each run gets its own scratch folder, removed here however the fuzzer ended: a fuzzer stopped
  # by Ctrl-C or a finding skips its own clean-up, and /dev/shm would keep what it left.
  local scratch
  scratch="$(mktemp -d "${TMPDIR:-/tmp}/sgw-fuzz-$name.XXXXXX")"
  local status=0
  TMPDIR="$scratch" "$build/fuzz/fuzz_$name" "$@" -rss_limit_mb=2048 -timeout="$input_timeout" \
    -print_final_stats=1 -artifact_prefix="$build/fuzz-artifacts/$name-" "$corpus" \
    "test/fuzz/corpus/$name" < /dev/null > "$log" 2>&1 || status=$?
  rm -rf "$scratch"
  local runs rate seconds
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)"
  seconds="$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)"
  if [ -n "$tally" ] && { [ "$status" -eq 0 ] || [ "$status" -eq 72 ]; }; then
    echo "$((done_before + ${runs:-0}))" > "$tally/$name"
    printf '%-18s %12s of %s executions run in all\n' "$name" "$(cat "$tally/$name")" "$total"
  fi
  if [ "$status" -eq 72 ]; then
    # libFuzzer's exit code when stopped with Ctrl-C (SIGINT): no finding, just fewer runs.
    printf '%-18s %12s executions, %8s exec/s (interrupted)\n' "$name" "${runs:-?}" "${rate:-?}"
    return 1
  fi
  if [ "$status" -ne 0 ]; then
    echo "FAIL $name (exit $status), see $log:" >&2
    grep -E 'ERROR|SUMMARY|runtime error|Test unit written' "$log" | head -20 >&2
    return 1
  fi
  printf '%-18s %12s executions in %6s s, %8s exec/s\n' "$name" "${runs:-?}" "${seconds:-?}" \
    "${rate:-?}"
}
export -f fuzz_one
export input_timeout

failed=0
printf '%s\n' "${targets[@]}" | xargs -P2 -I{} bash -c 'fuzz_one "$@"' _ {} "$build" "$tally" "${limit[@]}" ||
  failed=1
if [ "$failed" -ne 0 ]; then
  echo "fuzzing found a crash (inputs in $build/fuzz-artifacts/) or was interrupted" >&2
  exit 1
fi
echo "fuzzing: no crash in ${#targets[@]} targets" >&2
