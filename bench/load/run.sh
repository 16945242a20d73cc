#!/usr/bin/env bash
# Load benchmark: the webhook against two servers that answer a fixed AdmissionReview without
# looking at the request (a cpp-httplib SSLServer with the webhook's TLS policy, and nginx), side
# by side in one run. Each server is pinned to CPU 0 and the load generator to CPU 1; rounds are
# interleaved so that noise from other work on the machine falls on every server alike.
#
#   bench/load/run.sh [--seconds S] [--rounds N] [--connections N] [--handshake-connections N]
#                     [--build DIR] [--no-build] [--base-port P]
#
# Scenarios (RSA-2048 for keep-alive; both key types for new connections):
#   keep-alive, N connections (wrk): the Kafka CREATE review, a TLSRoute CREATE review, and a
#     ~300 KB Kafka review generated from the first;
#   a new TLS connection per request, no resumption (bench/load/new_connection_load), with an
#     ECDSA P-256 and an RSA-2048 serving certificate, Kafka CREATE review.
# Per scenario and server it prints requests/s, p50 and p99 latency, the server's CPU time per
# request (utime + stime of the server process over the round, from /proc/<pid>/stat, divided by
# the requests answered) and that CPU time as a ratio to each fixed-reply server.
#
# Everything listens on 127.0.0.1 only; nginx runs with its own prefix and configuration in a
# temporary folder (no system service is touched). Time is bounded: about
# 5 scenarios x 3 servers x rounds x seconds.
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds=5
rounds=2
connections=16
handshakeConnections=4
build=build
doBuild=1
basePort=19443
while [ $# -gt 0 ]; do
  case "$1" in
  --seconds) seconds="$2"; shift 2 ;;
  --rounds) rounds="$2"; shift 2 ;;
  --connections) connections="$2"; shift 2 ;;
  --handshake-connections) handshakeConnections="$2"; shift 2 ;;
  --build) build="$2"; shift 2 ;;
  --no-build) doBuild=0; shift ;;
  --base-port) basePort="$2"; shift 2 ;;
  *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

.ci/install-deps bench
if [ "$(nproc)" -lt 2 ]; then
  echo "needs two CPUs: the server runs on CPU 0, the load generator on CPU 1" >&2
  exit 2
fi

if [ "$doBuild" = 1 ]; then
  launcher=()
  if command -v ccache > /dev/null; then
    export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=true CCACHE_SLOPPINESS=time_macros
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  fi
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSGW_BUILD_TESTS=OFF \
    "${launcher[@]}" > /dev/null
  cmake --build "$build" -j"$(nproc)" --target strimzi-gateway-webhook sgw_fixed_reply_server \
    sgw_new_connection_load > /dev/null
fi
webhook="$build/strimzi-gateway-webhook"
fixedServer="$build/bench/sgw_fixed_reply_server"
newConnectionLoad="$build/bench/sgw_new_connection_load"

work="$(mktemp -d /tmp/sgw-load.XXXXXX)"
pids=()
stopServers() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2> /dev/null || true
    wait "$pid" 2> /dev/null || true
  done
  pids=()
}
trap 'stopServers; rm -rf "$work"' EXIT

# Serving certificates for 127.0.0.1.
for key in ecdsa rsa; do
  if [ "$key" = ecdsa ]; then
    algorithm=(-newkey ec -pkeyopt ec_paramgen_curve:P-256)
  else
    algorithm=(-newkey rsa:2048)
  fi
  openssl req -x509 "${algorithm[@]}" -nodes -days 1 -subj /CN=127.0.0.1 \
    -addext subjectAltName=IP:127.0.0.1 -keyout "$work/$key.key" -out "$work/$key.crt" \
    2> /dev/null
done

# Bodies: recorded reviews of the example cluster (examples/), and a large Kafka made from the
# first by adding broker configuration entries.
cp test/fixtures/admission-current/016-validate-Kafka-CREATE-gateway-api-test.json "$work/kafka.json"
cp test/fixtures/admission-current/028-validate-TLSRoute-CREATE-gateway-api-test-broker-10.json \
  "$work/tlsroute.json"
jq -c '.request.object.spec.kafka.config += ([range(0;2600)]
         | map({key: "custom.property.\(.)", value: ("value-\(.)-" + ("x" * 80))})
         | from_entries)' "$work/kafka.json" > "$work/large.json"
# The fixed reply is the webhook's own answer to the Kafka review.
"$webhook" review --state-dir examples "$work/kafka.json" > "$work/reply.json"
for body in kafka tlsroute large; do
  answer="$("$webhook" review --state-dir examples "$work/$body.json")"
  if ! jq -e '.response.allowed == true' > /dev/null <<< "$answer"; then
    echo "the webhook does not allow the $body review: $answer" >&2
    exit 1
  fi
  cat > "$work/$body.lua" << EOF
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local file = io.open("$work/$body.json", "rb")
wrk.body = file:read("*a")
file:close()
EOF
done

ticksPerSecond="$(getconf CLK_TCK)"
# utime + stime of a process, in clock ticks (fields 14 and 15 after the command name).
cpuTicks() {
  sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'
}
waitForPort() {
  for _ in $(seq 1 100); do
    if curl -sk -o /dev/null "https://127.0.0.1:$1/healthz" 2> /dev/null ||
      curl -sk -o /dev/null -X POST "https://127.0.0.1:$1/validate" 2> /dev/null; then
      return 0
    fi
    sleep 0.1
  done
  echo "nothing answers on port $1" >&2
  exit 1
}

declare -A port pid
startServers() {
  local key="$1"
  port[webhook]=$basePort
  port[cpp-httplib]=$((basePort + 1))
  port[nginx]=$((basePort + 2))

  taskset -c 0 "$webhook" serve --state-dir examples --address 127.0.0.1 \
    --port "${port[webhook]}" --tls-cert-file "$work/$key.crt" \
    --tls-private-key-file "$work/$key.key" 2> "$work/webhook-$key.log" &
  pid[webhook]=$!
  pids+=("${pid[webhook]}")

  taskset -c 0 "$fixedServer" --cert "$work/$key.crt" --key "$work/$key.key" \
    --reply "$work/reply.json" --port "${port[cpp-httplib]}" > /dev/null &
  pid[cpp-httplib]=$!
  pids+=("${pid[cpp-httplib]}")

  # nginx with the webhook's TLS policy: TLS 1.2 and 1.3, the same TLS 1.2 suites.
  mkdir -p "$work/nginx-$key"
  cat > "$work/nginx-$key/nginx.conf" << EOF
worker_processes 1;
master_process off;
daemon off;
pid $work/nginx-$key/nginx.pid;
error_log $work/nginx-$key/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx-$key/body;
  proxy_temp_path $work/nginx-$key/proxy;
  fastcgi_temp_path $work/nginx-$key/fastcgi;
  uwsgi_temp_path $work/nginx-$key/uwsgi;
  scgi_temp_path $work/nginx-$key/scgi;
  client_max_body_size 8m;
  client_body_buffer_size 1m;
  keepalive_requests 10000;
  keepalive_timeout 30s;
  tcp_nodelay on;
  server {
    listen 127.0.0.1:${port[nginx]} ssl;
    ssl_certificate $work/$key.crt;
    ssl_certificate_key $work/$key.key;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305;
    location / {
      default_type application/json;
      return 200 '$(cat "$work/reply.json")';
    }
  }
}
EOF
  taskset -c 0 nginx -p "$work/nginx-$key" -c "$work/nginx-$key/nginx.conf" \
    -e "$work/nginx-$key/error.log" &
  pid[nginx]=$!
  pids+=("${pid[nginx]}")

  for server in webhook cpp-httplib nginx; do
    waitForPort "${port[$server]}"
  done
}

toMicros() { # wrk prints 812.00us, 1.20ms or 1.01s
  awk -v value="$1" 'BEGIN {
    if (value ~ /us$/) { sub(/us$/, "", value); print value + 0 }
    else if (value ~ /ms$/) { sub(/ms$/, "", value); print value * 1000 }
    else { sub(/s$/, "", value); print value * 1000000 } }'
}

results="$work/results.tsv"
# One measurement: prints requests, seconds, p50 and p99 (µs) and errors, tab-separated.
measure() {
  local scenario="$1" server="$2" body="$3"
  local url="https://127.0.0.1:${port[$server]}/validate"
  local before after output requests elapsed p50 p99 errors
  before="$(cpuTicks "${pid[$server]}")"
  if [ "${scenario%%-*}" = keepalive ]; then
    output="$(taskset -c 1 wrk -t1 -c"$connections" -d"${seconds}s" --latency \
      -s "$work/$body.lua" "$url")"
    after="$(cpuTicks "${pid[$server]}")"
    requests="$(awk '/requests in/ { print $1 }' <<< "$output")"
    elapsed="$(awk '/requests in/ { sub(/s,$/, "", $4); print $4 }' <<< "$output")"
    p50="$(toMicros "$(awk '$1 == "50%" { print $2 }' <<< "$output")")"
    p99="$(toMicros "$(awk '$1 == "99%" { print $2 }' <<< "$output")")"
    errors="$(awk '/Non-2xx/ { n += $5 } /Socket errors/ { n += $4 + $6 + $8 + $10 }
                   END { print n + 0 }' <<< "$output")"
  else
    output="$(taskset -c 1 "$newConnectionLoad" --port "${port[$server]}" \
      --body "$work/$body.json" --connections "$handshakeConnections" --seconds "$seconds")"
    after="$(cpuTicks "${pid[$server]}")"
    requests="$(sed -E 's/.*requests=([0-9]+).*/\1/' <<< "$output")"
    elapsed="$(sed -E 's/.*seconds=([0-9.]+).*/\1/' <<< "$output")"
    p50="$(sed -E 's/.*p50_us=([0-9.]+).*/\1/' <<< "$output")"
    p99="$(sed -E 's/.*p99_us=([0-9.]+).*/\1/' <<< "$output")"
    errors="$(sed -E 's/.*errors=([0-9]+).*/\1/' <<< "$output")"
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$scenario" "$server" "$requests" "$elapsed" "$p50" \
    "$p99" "$((after - before))" "$errors" >> "$results"
}

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "bodies: kafka $(stat -c %s "$work/kafka.json") B, tlsroute $(stat -c %s "$work/tlsroute.json") B, large $(stat -c %s "$work/large.json") B"
echo "$rounds rounds of ${seconds}s per scenario and server; keep-alive: wrk, 1 thread, $connections connections; new connection: $handshakeConnections in flight"

servers=(webhook cpp-httplib nginx)
for key in rsa ecdsa; do
  startServers "$key"
  if [ "$key" = rsa ]; then
    scenarios=("keepalive-rsa:kafka" "keepalive-rsa:tlsroute" "keepalive-rsa:large"
               "newconn-rsa:kafka")
  else
    scenarios=("newconn-ecdsa:kafka")
  fi
  for round in $(seq 1 "$rounds"); do
    for entry in "${scenarios[@]}"; do
      scenario="${entry%%:*}"
      body="${entry#*:}"
      # Each round starts with another server, so none always runs first.
      for i in 0 1 2; do
        server="${servers[$(((i + round) % 3))]}"
        measure "$scenario-$body" "$server" "$body"
      done
    done
  done
  stopServers
done

echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -F'\t' -v tick="$ticksPerSecond" '
  { key = $1 SUBSEP $2
    requests[key] += $3; elapsed[key] += $4; ticks[key] += $7; errors[key] += $8
    p50[key] = p50[key] " " $5; p99[key] = p99[key] " " $6
    if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 } }
  function median(list,   values, count, i, j, t) {
    count = split(list, values, " ")
    for (i = 1; i <= count; i++) for (j = i + 1; j <= count; j++)
      if (values[j] + 0 < values[i] + 0) { t = values[i]; values[i] = values[j]; values[j] = t }
    return values[int((count + 1) / 2)]
  }
  function cpu(scenario, server,   key) {
    key = scenario SUBSEP server
    return requests[key] > 0 ? ticks[key] * 1000000 / tick / requests[key] : 0
  }
  END {
    for (s = 1; s <= n; s++) {
      scenario = order[s]
      printf "\n%s\n", scenario
      printf "  %-12s %10s %10s %10s %14s %10s %10s %7s\n", "server", "req/s", "p50 us",
             "p99 us", "CPU us/req", "x httplib", "x nginx", "errors"
      split("webhook cpp-httplib nginx", names, " ")
      for (i = 1; i <= 3; i++) {
        key = scenario SUBSEP names[i]
        if (!(key in requests)) continue
        own = cpu(scenario, names[i]); floor = cpu(scenario, "cpp-httplib"); top = cpu(scenario, "nginx")
        printf "  %-12s %10.0f %10.0f %10.0f %14.1f %10.2f %10.2f %7d\n", names[i],
               requests[key] / elapsed[key], median(p50[key]), median(p99[key]), own,
               (floor > 0 ? own / floor : 0), (top > 0 ? own / top : 0), errors[key]
      }
    }
  }' "$results"
