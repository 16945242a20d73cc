#!/usr/bin/env bash
# The long fuzzing run: every target for 10^7 executions (or the count given), two at a time,
# with the same sanitizers as CI. Prints executions and executions per second per target.
#   test/fuzz/run-long.sh [executions] [--only TARGET]...
set -euo pipefail
runs="${1:-10000000}"
shift || true
exec "$(dirname "$0")/run.sh" --runs "$runs" "$@"
