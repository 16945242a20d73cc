# shellcheck shell=bash
# Helpers of test/e2e/run.sh: a small assertion library and the processes of one test cluster
# (etcd, kube-apiserver, the webhook), each started on a free loopback port and stopped by the PID
# it was started with. Sourced, not run.

# ---------------------------------------------------------------------------------------------
# Assertions. Each scenario is `scenario "name"` followed by checks; a failed check prints what was
# expected and what came, and counts the scenario as failed. The run goes on, so one report lists
# every failing scenario.

passed=0
failed=0
failed_names=()
current=""
current_failed=0

scenario() {
  finishScenario
  current="$1"
  current_failed=0
  echo "--- $current"
}

finishScenario() {
  if [ -z "$current" ]; then
    return
  fi
  if [ "$current_failed" -eq 0 ]; then
    passed=$((passed + 1))
    echo "ok: $current"
  else
    failed=$((failed + 1))
    failed_names+=("$current")
    echo "FAILED: $current"
  fi
  current=""
}

fail() {
  current_failed=1
  echo "  check failed: $*"
}

# kc ARGS...: runs kubectl as the cluster admin; its exit status, stdout and stderr are kept in
# $kc_status, $kc_out and $kc_err for the checks below.
kc() {
  local out_file="$work/kc.out" err_file="$work/kc.err"
  kc_status=0
  "$KUBECTL" --kubeconfig "$work/admin.kubeconfig" --cache-dir "$work/kube-cache" \
    --request-timeout=30s "$@" \
    >"$out_file" 2>"$err_file" || kc_status=$?
  kc_out="$(cat "$out_file")"
  kc_err="$(grep -vxF "$apiserver_noise" "$err_file")"
}

# After a restart kube-apiserver 1.20 sometimes adds this warning of its own to a request that has
# nothing to do with CRDs; it is never the webhook's, so the checks do not see it.
apiserver_noise="Warning: apiextensions.k8s.io/v1beta1 CustomResourceDefinition is deprecated in v1.16+, unavailable in v1.22+; use apiextensions.k8s.io/v1 CustomResourceDefinition"

showLast() {
  echo "    exit status: $kc_status"
  echo "    stdout: ${kc_out//$'\n'/$'\n'            }"
  echo "    stderr: ${kc_err//$'\n'/$'\n'            }"
}

# expectSuccess: the last kubectl command succeeded.
expectSuccess() {
  if [ "$kc_status" -ne 0 ]; then
    fail "expected success"
    showLast
  fi
}

# expectFailure: the last kubectl command failed.
expectFailure() {
  if [ "$kc_status" -eq 0 ]; then
    fail "expected failure"
    showLast
  fi
}

# expectStderr TEXT: the last kubectl command printed exactly TEXT on stderr (all lines).
expectStderr() {
  if [ "$kc_err" != "$1" ]; then
    fail "stderr differs"
    echo "    expected: ${1//$'\n'/$'\n'              }"
    echo "    got:      ${kc_err//$'\n'/$'\n'              }"
  fi
}

# expectStdout TEXT: the last kubectl command printed exactly TEXT on stdout.
expectStdout() {
  if [ "$kc_out" != "$1" ]; then
    fail "stdout differs"
    echo "    expected: ${1//$'\n'/$'\n'              }"
    echo "    got:      ${kc_out//$'\n'/$'\n'              }"
  fi
}

# expectEqual WHAT EXPECTED ACTUAL
expectEqual() {
  if [ "$2" != "$3" ]; then
    fail "$1"
    echo "    expected: $2"
    echo "    got:      $3"
  fi
}

# expectContains WHAT NEEDLE HAYSTACK
expectContains() {
  if [[ "$3" != *"$2"* ]]; then
    fail "$1"
    echo "    expected to contain: $2"
    echo "    got: $3"
  fi
}

# eventually SECONDS COMMAND...: retries COMMAND every 0.2 s until it succeeds or SECONDS pass.
eventually() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      return 1
    fi
    sleep 0.2
  done
}

# ---------------------------------------------------------------------------------------------
# Processes. Every PID started here is listed in $pids; stopAll (the EXIT trap) stops exactly
# those, TERM first, KILL after 10 seconds.

pids=()

track() {
  pids+=("$1")
}

# stopProcess PID: TERM, then KILL after 10 s; waits for it and returns its exit status.
stopProcess() {
  local pid="$1" i status=0
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || status=$?
  return "$status"
}

# stopAll: every tracked process, the last started first (the webhook before the API server
# before etcd).
stopAll() {
  local i
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    stopProcess "${pids[i]}" || true
  done
  pids=()
}

# freePort: a TCP port on 127.0.0.1 nobody listens on, not handed out before in this run. It is
# taken below the kernel's ephemeral range (ip_local_port_range), where no outgoing connection
# gets its local port: after a test run that opened thousands of connections, their closing
# sockets hold ports all over that range, and etcd or the API server would fail to bind one.
handed_ports=" "
ephemeral_low="$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)"
if [ "$ephemeral_low" -le 11000 ]; then
  ephemeral_low=32768 # no room below such a range: ports may then meet closing connections
fi
freePort() {
  local port
  while true; do
    port=$((10000 + RANDOM % (ephemeral_low - 10000)))
    if [[ "$handed_ports" == *" $port "* ]]; then
      continue
    fi
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      continue
    fi
    handed_ports+="$port "
    echo "$port"
    return
  done
}

# ---------------------------------------------------------------------------------------------
# PKI, made at test time in $work/pki: one CA signing the API server's and the webhook's serving
# certificates (IP:127.0.0.1), the service-account key pair, and the static tokens.

makePki() {
  local pki="$work/pki"
  mkdir -p "$pki"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=sgw-e2e-ca" \
    -keyout "$pki/ca.key" -out "$pki/ca.crt" 2>/dev/null
  local name
  for name in apiserver webhook; do
    openssl req -newkey rsa:2048 -nodes -subj "/CN=$name" \
      -keyout "$pki/$name.key" -out "$pki/$name.csr" 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' >"$pki/$name.ext"
    openssl x509 -req -in "$pki/$name.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" \
      -CAcreateserial -days 2 -extfile "$pki/$name.ext" -out "$pki/$name.crt" 2>/dev/null
  done
  openssl genrsa -out "$pki/sa.key" 2048 2>/dev/null
  openssl rsa -in "$pki/sa.key" -pubout -out "$pki/sa.pub" 2>/dev/null
  admin_token="$(openssl rand -hex 16)"
  webhook_token="$(openssl rand -hex 16)"
  # The webhook authenticates as the chart's service account, so the chart's ClusterRoleBinding
  # is what grants it access.
  {
    echo "$admin_token,admin,admin-uid,\"system:masters\""
    echo "$webhook_token,system:serviceaccount:$release_namespace:$release,webhook-uid,\"system:serviceaccounts,system:serviceaccounts:$release_namespace\""
  } >"$pki/tokens.csv"
}

# writeKubeconfig FILE TOKEN
writeKubeconfig() {
  cat >"$1" <<EOF
apiVersion: v1
kind: Config
clusters:
  - name: e2e
    cluster:
      server: https://127.0.0.1:$api_port
      certificate-authority: $work/pki/ca.crt
users:
  - name: e2e
    user:
      token: $2
contexts:
  - name: e2e
    context:
      cluster: e2e
      user: e2e
current-context: e2e
EOF
}

# ---------------------------------------------------------------------------------------------
# etcd and the API server.

startEtcd() {
  etcd_port="$(freePort)"
  local peer_port metrics_port
  peer_port="$(freePort)"
  metrics_port="$(freePort)"
  "$ETCD" --name e2e --data-dir "$work/etcd" \
    --listen-client-urls "http://127.0.0.1:$etcd_port" \
    --advertise-client-urls "http://127.0.0.1:$etcd_port" \
    --listen-peer-urls "http://127.0.0.1:$peer_port" \
    --initial-advertise-peer-urls "http://127.0.0.1:$peer_port" \
    --initial-cluster "e2e=http://127.0.0.1:$peer_port" \
    --listen-metrics-urls "http://127.0.0.1:$metrics_port" >"$work/etcd.log" 2>&1 &
  etcd_pid=$!
  track "$etcd_pid"
}

etcdReady() {
  curl -s --max-time 2 "http://127.0.0.1:$etcd_port/health" 2>/dev/null | grep -q '"health":"true"'
}

# etcdSettled: etcd answers, or has exited (a port taken before it could bind it).
etcdSettled() {
  etcdReady || ! kill -0 "$etcd_pid" 2>/dev/null
}

# startEtcdReady: etcd started and answering its health check, up to three tries on fresh ports.
startEtcdReady() {
  local attempt
  for attempt in 1 2 3; do
    startEtcd
    if eventually 30 etcdSettled && etcdReady; then
      return 0
    fi
    echo "etcd not ready on 127.0.0.1:$etcd_port (try $attempt); its log ends:"
    tail -n 5 "$work/etcd.log"
    stopProcess "$etcd_pid" || true
    rm -rf "$work/etcd"
  done
  return 1
}

startApiserver() {
  "$KUBE_APISERVER" --bind-address=127.0.0.1 --advertise-address=127.0.0.1 \
    --secure-port="$api_port" --insecure-port=0 \
    --tls-cert-file="$work/pki/apiserver.crt" --tls-private-key-file="$work/pki/apiserver.key" \
    --client-ca-file="$work/pki/ca.crt" --token-auth-file="$work/pki/tokens.csv" \
    --authorization-mode=RBAC \
    --enable-admission-plugins=NamespaceLifecycle,ServiceAccount,MutatingAdmissionWebhook,ValidatingAdmissionWebhook \
    --service-account-key-file="$work/pki/sa.pub" \
    --service-account-signing-key-file="$work/pki/sa.key" \
    --service-account-issuer=https://kubernetes.default.svc.cluster.local \
    --service-cluster-ip-range=10.96.0.0/16 --etcd-servers="http://127.0.0.1:$etcd_port" \
    --endpoint-reconciler-type=none --profiling=false >>"$work/apiserver.log" 2>&1 &
  api_pid=$!
  track "$api_pid"
}

apiserverReady() {
  [ "$(curl -s --max-time 2 --cacert "$work/pki/ca.crt" -H "Authorization: Bearer $admin_token" \
    "https://127.0.0.1:$api_port/readyz" 2>/dev/null)" = "ok" ]
}

# api METHOD PATH [BODY]: one request to the API server as the admin (for the status subresource,
# which kubectl 1.20 cannot write).
api() {
  curl -sS --max-time 10 --cacert "$work/pki/ca.crt" -H "Authorization: Bearer $admin_token" \
    -X "$1" -H 'Content-Type: application/merge-patch+json' ${3:+--data-binary "$3"} \
    "https://127.0.0.1:$api_port$2"
}

# ---------------------------------------------------------------------------------------------
# The webhook.

startWebhook() {
  "$SGW_WEBHOOK" serve --kubeconfig "$work/webhook.kubeconfig" \
    --address 127.0.0.1 --port "$webhook_port" \
    --tls-cert-file "$work/pki/webhook.crt" --tls-private-key-file "$work/pki/webhook.key" \
    --shutdown-delay "${1:-0}" >>"$work/webhook.log" 2>&1 &
  webhook_pid=$!
  track "$webhook_pid"
}

# webhookReadyz: the body of the webhook's /readyz, with the HTTP status on the last line.
webhookReadyz() {
  curl -s --max-time 2 --cacert "$work/pki/ca.crt" -w '\n%{http_code}' \
    "https://127.0.0.1:$webhook_port/readyz" 2>/dev/null
}

webhookReady() {
  [ "$(webhookReadyz | tail -n1)" = "200" ]
}

webhookMetric() {
  curl -s --max-time 2 --cacert "$work/pki/ca.crt" "https://127.0.0.1:$webhook_port/metrics" |
    grep -E "^$1" || true
}
