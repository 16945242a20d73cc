#!/usr/bin/env bash
# Soak: saturating load against `serve --state-dir examples` for a while, with wrk posting a
# recorded AdmissionReview over HTTPS keep-alive connections. Samples the server's RSS, open file
# descriptors and threads from /proc every 10 s, prints a summary and exits non-zero when any
# request failed, RSS after the warm-up moved more than 5%, or descriptors or threads grew.
#
#   test/soak/run.sh [--duration SECONDS] [--warmup SECONDS] [--connections N] [--binary PATH]
#
# Defaults: 600 s, 60 s of warm-up, 16 connections on 2 wrk threads, the optimised build
# (build/strimzi-gateway-webhook, built when missing). Before the soak, half the warm-up is spent
# with one connection per worker. Not a ctest: it takes minutes.
set -euo pipefail
cd "$(dirname "$0")/../.."

duration=600
warmup=60
connections=16
workers=32 # serve's default --workers
binary=build/strimzi-gateway-webhook
while [ $# -gt 0 ]; do
  case "$1" in
  --duration) duration="$2"; shift 2 ;;
  --warmup) warmup="$2"; shift 2 ;;
  --connections) connections="$2"; shift 2 ;;
  --binary) binary="$2"; shift 2 ;;
  *) sed -n '2,10p' "$0" >&2; exit 2 ;;
  esac
done
if [ "$warmup" -ge "$duration" ]; then
  echo "the warm-up ($warmup s) must be shorter than the run ($duration s)" >&2
  exit 2
fi
command -v wrk > /dev/null || { echo "wrk is missing: .ci/install-deps test" >&2; exit 2; }
if [ ! -x "$binary" ]; then
  cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSGW_BUILD_TESTS=OFF > /dev/null
  cmake --build build -j"$(nproc)" --target strimzi-gateway-webhook
fi

work="$(mktemp -d)"
server=""
load=""
keep=0
cleanup() {
  [ -n "$load" ] && kill "$load" 2> /dev/null || true
  [ -n "$server" ] && kill "$server" 2> /dev/null && wait "$server" 2> /dev/null || true
  if [ "$keep" -eq 0 ]; then
    rm -rf "$work"
  else
    echo "server log, wrk output and samples kept in $work" >&2
  fi
}
trap cleanup EXIT

certs/gen-dev-certs.sh --out "$work/certs" > /dev/null 2>&1
"$binary" serve --state-dir examples --tls-cert-file "$work/certs/tls.crt" \
  --tls-private-key-file "$work/certs/tls.key" --port 0 > "$work/server.log" 2>&1 &
server=$!
port=""
for _ in $(seq 100); do
  port="$(sed -n 's/.*serving address=[^ ]* port=\([0-9]*\).*/\1/p' "$work/server.log" | head -1)"
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "the server did not start:" >&2; cat "$work/server.log" >&2; exit 1; }

export SGW_SOAK_REVIEW="$PWD/test/fixtures/admission/050-validate-Kafka-UPDATE-gateway-api-test.json"
# Warm-up: one connection per worker, so every worker thread has served (its stack and malloc
# caches touched) before the samples that count; the soak's own connections alone would reach
# the last idle workers only as wrk reconnects, and the RSS would climb for minutes.
wrk -t2 -c"$workers" -d"$((warmup / 2))s" --timeout 5s -s test/soak/review.lua \
  "https://127.0.0.1:$port/validate" > "$work/warmup.log" 2>&1

wrk -t2 -c"$connections" -d"${duration}s" --timeout 5s -s test/soak/review.lua \
  "https://127.0.0.1:$port/validate" > "$work/wrk.log" 2>&1 &
load=$!

# One line per sample: seconds RSS-kB fds threads
samples="$work/samples"
started=$SECONDS
while kill -0 "$load" 2> /dev/null; do
  elapsed=$((SECONDS - started))
  rss="$(awk '/^VmRSS:/ {print $2}' "/proc/$server/status")"
  threads="$(awk '/^Threads:/ {print $2}' "/proc/$server/status")"
  fds="$(ls "/proc/$server/fd" | wc -l)"
  echo "$elapsed $rss $fds $threads" | tee -a "$samples"
  sleep 10
done
wait "$load" || true
load=""
cat "$work/wrk.log"

# Verdict: requests, then the samples taken after the warm-up.
errors=0
requests="$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' "$work/wrk.log")"
socket="$(sed -n 's/^ *Socket errors: //p' "$work/wrk.log")"
non2xx="$(sed -n 's/^ *Non-2xx or 3xx responses: *//p' "$work/wrk.log")"
rate="$(sed -n 's/^Requests\/sec: *//p' "$work/wrk.log")"
if [ -z "$requests" ] || [ "$requests" -eq 0 ]; then
  echo "FAIL: no request completed" >&2
  errors=1
fi
if [ -n "$socket" ] || [ -n "$non2xx" ]; then
  echo "FAIL: errors: ${socket:-no socket errors}; non-2xx: ${non2xx:-0}" >&2
  errors=1
fi
if ! kill -0 "$server" 2> /dev/null; then
  echo "FAIL: the server died" >&2
  errors=1
fi
verdict="$(awk -v warmup="$warmup" '
  $1 >= warmup {
    n++
    if (n == 1) { rss0 = $2; fd0 = $3; th0 = $4; rssMin = $2; rssMax = $2; fdMax = $3; thMax = $4 }
    if ($2 < rssMin) rssMin = $2
    if ($2 > rssMax) rssMax = $2
    if ($3 > fdMax) fdMax = $3
    if ($4 > thMax) thMax = $4
    last = $0
  }
  END {
    if (n < 2) { print "FAIL: fewer than two samples after the warm-up"; exit }
    split(last, l, " ")
    spread = (rssMax - rssMin) * 100.0 / rssMin
    printf "after warm-up (%d samples): RSS %d..%d kB (spread %.1f%%), fds %d..%d (last %d), threads %d..%d (last %d)\n", n, rssMin, rssMax, spread, fd0, fdMax, l[3], th0, thMax, l[4]
    if (spread > 5) print "FAIL: RSS moved more than 5%"
    # wrk keeps its connections open; a reconnect in flight may show one descriptor more.
    if (l[3] > fd0 + 2) print "FAIL: file descriptors grew"
    if (l[4] > th0) print "FAIL: threads grew"
  }' "$samples")"
echo "$verdict"
echo "summary: ${requests:-0} requests, ${rate:-0} requests/s, ${duration} s, $connections connections"
if [ "$errors" -ne 0 ] || grep -q FAIL <<< "$verdict"; then
  keep=1
  exit 1
fi
echo "soak passed"
