#!/usr/bin/env bash
# Resident memory of `serve --state-dir` as the cluster grows: the example cluster (examples/,
# 13 objects) copied into 1, 10, 100 and 1 000 namespaces (13 to 13 000 objects). For each size it
# starts the optimised server, reads its RSS from /proc once the state is loaded, then again
# after a burst of keep-alive Kafka reviews (wrk, 32 connections, so every worker thread has
# served), and prints the RSS per 1 000 objects above the seed's.
#
#   bench/load/state_rss.sh [--seconds S] [--build DIR] [--no-build] [--port P]
#
# Everything listens on 127.0.0.1 only; the copies and certificates live in a temporary folder.
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds=4
build=build
doBuild=1
port=19480
while [ $# -gt 0 ]; do
  case "$1" in
  --seconds) seconds="$2"; shift 2 ;;
  --build) build="$2"; shift 2 ;;
  --no-build) doBuild=0; shift ;;
  --port) port="$2"; shift 2 ;;
  *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

.ci/install-deps bench
if [ "$doBuild" = 1 ]; then
  launcher=()
  if command -v ccache > /dev/null; then
    export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=true CCACHE_SLOPPINESS=time_macros
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  fi
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSGW_BUILD_TESTS=OFF \
    "${launcher[@]}" > /dev/null
  cmake --build "$build" -j"$(nproc)" --target strimzi-gateway-webhook > /dev/null
fi
webhook="$build/strimzi-gateway-webhook"

work="$(mktemp -d /tmp/sgw-state-rss.XXXXXX)"
server=""
stopServer() {
  if [ -n "$server" ]; then
    kill "$server" 2> /dev/null || true
    wait "$server" 2> /dev/null || true
    server=""
  fi
}
trap 'stopServer; rm -rf "$work"' EXIT

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=127.0.0.1 \
  -addext subjectAltName=IP:127.0.0.1 -keyout "$work/tls.key" -out "$work/tls.crt" 2> /dev/null
cat > "$work/kafka.lua" << EOF
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local file = io.open("$PWD/test/fixtures/admission-current/016-validate-Kafka-CREATE-gateway-api-test.json", "rb")
wrk.body = file:read("*a")
file:close()
EOF

residentKiB() {
  awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"
}

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
printf '%8s %9s %14s %17s\n' copies objects "RSS loaded" "RSS after reviews"
seedKiB=""
seedObjects=""
for copies in 1 10 100 1000; do
  state="$work/state-$copies"
  mkdir -p "$state"
  # The first copy keeps namespace strimzi, so the reviews find their cluster.
  for i in $(seq 1 "$copies"); do
    namespace=strimzi
    [ "$i" -gt 1 ] && namespace="copy-$i"
    for file in examples/*.yaml; do
      sed "s/namespace: strimzi\$/namespace: $namespace/" "$file"
      echo "---"
    done > "$state/cluster-$i.yaml"
  done
  "$webhook" serve --state-dir "$state" --address 127.0.0.1 --port "$port" \
    --tls-cert-file "$work/tls.crt" --tls-private-key-file "$work/tls.key" 2> "$work/log-$copies" &
  server=$!
  for _ in $(seq 1 300); do
    grep -q "info serving" "$work/log-$copies" && break
    sleep 0.1
  done
  objects="$(sed -n 's/.*state loaded .*objects=\([0-9]*\).*/\1/p' "$work/log-$copies" | head -1)"
  # The load's pages are given back once it is published; let that settle.
  sleep 1
  loaded="$(residentKiB "$server")"
  wrk -t1 -c32 -d"${seconds}s" -s "$work/kafka.lua" "https://127.0.0.1:$port/validate" > /dev/null
  served="$(residentKiB "$server")"
  stopServer
  awk -v c="$copies" -v o="$objects" -v l="$loaded" -v s="$served" \
    'BEGIN { printf "%8s %9s %10.1f MiB %13.1f MiB\n", c, o, l / 1024, s / 1024 }'
  if [ -z "$seedKiB" ]; then
    seedKiB="$loaded"
    seedObjects="$objects"
  else
    lastKiB="$loaded"
    lastObjects="$objects"
  fi
done
awk -v l="$lastKiB" -v s="$seedKiB" -v lo="$lastObjects" -v so="$seedObjects" \
  'BEGIN { printf "RSS per 1 000 objects beyond the seed: %.2f MiB\n", (l - s) / 1024 / (lo - so) * 1000 }'
