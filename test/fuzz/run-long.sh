#!/usr/bin/env bash
# The long fuzzing run: every target for 10^7 executions (or the count given), two at a time,
# with the same sanitizers as CI. Prints executions and executions per second per target.
#   test/fuzz/run-long.sh [executions] [--only TARGET]...
# The count run so far is kept per target in build-fuzz/fuzz-long/ (SGW_FUZZ_BUILD_DIR), so the
# run can be stopped with Ctrl-C and continued by running the same command again; the corpus
# found so far carries over. A finding stops the count from growing and is reported as usual.
set -euo pipefail
runs=10000000
if [[ "${1:-}" =~ ^[0-9]+$ ]]; then
  runs="$1"
  shift
fi
build="${SGW_FUZZ_BUILD_DIR:-build-fuzz}"
# The long run shares the machine at `nice -n 19`, where an input that takes milliseconds can
# wait more than CI's 10 s for a CPU while builds run; libFuzzer's timeout is wall-clock time.
# A real hang still ends the run, two minutes in.
# AddressSanitizer records the call stack of every allocation so that a report can say where
# freed memory came from; in the kubeconfig target (yaml-cpp allocates for nearly every character)
# that is a quarter of the time. The long run is for finding inputs: without those stacks it runs
# about 1.3 times as many, and what it finds is kept in build-fuzz/fuzz-artifacts/, to be replayed
# with full reports (build-fuzz/fuzz/fuzz_<target> <input>).
export SGW_FUZZ_ASAN_OPTIONS="${SGW_FUZZ_ASAN_OPTIONS:-malloc_context_size=0}"
exec "$(dirname "$0")/run.sh" --runs "$runs" --tally "$build/fuzz-long" --timeout 120 "$@"
