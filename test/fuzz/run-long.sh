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
exec "$(dirname "$0")/run.sh" --runs "$runs" --tally "$build/fuzz-long" --timeout 120 "$@"
