#!/usr/bin/env bash
# End-to-end tests against a real kube-apiserver: starts etcd and a kube-apiserver on free loopback
# ports, installs one stack's CRDs, runs `strimzi-gateway-webhook serve --kubeconfig` registered
# with the chart's own webhook configurations, and judges kubectl scenarios by exit status and
# stderr, as a user reads them.
#
#   test/e2e/run.sh 0.43   Strimzi 0.43 (kafka.strimzi.io/v1beta2, node-pools annotation)
#                          + Gateway API 1.1 (TLSRoute v1alpha2)
#   test/e2e/run.sh 1.2    Strimzi 1.2 (kafka.strimzi.io/v1, no annotations)
#                          + Gateway API 1.6 (TLSRoute v1)
#
# Environment:
#   SGW_WEBHOOK        the strimzi-gateway-webhook executable (required)
#   KUBE_APISERVER, KUBECTL, ETCD
#                      the binaries; by default kube-apiserver and kubectl are unpacked from the
#                      .xz files in SGW_KUBE_DIST into SGW_E2E_BIN_DIR, and etcd is taken from PATH
#   SGW_KUBE_DIST      folder with kube-apiserver-*.xz, kubectl-*.xz and SHA256SUMS
#   SGW_E2E_BIN_DIR    where to unpack them (default: a folder in the temporary directory)
#   SGW_E2E_CRDS       folder with strimzi-0.43.0/, strimzi-1.2.0/,
#                      gateway-api-v1.1.0-experimental/ and gateway-api-v1.6.1-standard/
#   SGW_CHART_RENDERER the chart renderer (test/chart/render); without it the static bundle
#                      charts/strimzi-gateway-webhook.yaml is used
#
# Exit status: 0 every scenario passed, 1 some failed, 77 not run (something missing; one line on
# stdout says what).
set -uo pipefail

# shellcheck source-path=SCRIPTDIR
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"

skip() {
  echo "e2e stage not run ($stack): $*"
  exit 77
}

stack="${1:-}"
case "$stack" in
  0.43)
    strimzi_crds=strimzi-0.43.0
    gateway_crds=gateway-api-v1.1.0-experimental
    gateway_resources="gatewayclasses gateways referencegrants tlsroutes"
    kafka_api=kafka.strimzi.io/v1beta2
    route_api=gateway.networking.k8s.io/v1alpha2
    ;;
  1.2)
    strimzi_crds=strimzi-1.2.0
    gateway_crds=gateway-api-v1.6.1-standard
    # ListenerSets are in the standard channel since Gateway API 1.5.
    gateway_resources="gatewayclasses gateways referencegrants tlsroutes listenersets"
    kafka_api=kafka.strimzi.io/v1
    route_api=gateway.networking.k8s.io/v1
    ;;
  *)
    echo "usage: $0 0.43|1.2" >&2
    exit 2
    ;;
esac
manifests="$here/manifests/$stack"
common="$here/manifests/common"
release=strimzi-gateway-webhook
release_namespace=strimzi-gateway-webhook

# ---------------------------------------------------------------------------------------------
# What the stage needs; anything missing skips it with one line.

for tool in curl jq openssl xz flock; do
  command -v "$tool" >/dev/null || skip "$tool is not installed"
done
if [ -z "${SGW_WEBHOOK:-}" ] || [ ! -x "$SGW_WEBHOOK" ]; then
  skip "SGW_WEBHOOK does not name the strimzi-gateway-webhook executable"
fi
ETCD="${ETCD:-$(command -v etcd || true)}"
if [ -z "$ETCD" ] || [ ! -x "$ETCD" ]; then
  skip "no etcd (apt-get install etcd-server, or set ETCD)"
fi
crds="${SGW_E2E_CRDS:-${SGW_E2E_CRDS_DEFAULT:-}}"
if [ -z "$crds" ] || [ ! -d "$crds/$strimzi_crds" ] || [ ! -d "$crds/$gateway_crds" ]; then
  skip "no CRDs in '$crds' (set SGW_E2E_CRDS to a folder with $strimzi_crds/ and $gateway_crds/)"
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/sgw-e2e.XXXXXX")"
cleanup() {
  local status=$?
  stopAll
  if [ "$status" -ne 0 ] && [ "$status" -ne 77 ] && [ -d "$work" ]; then
    local log
    for log in etcd.log apiserver.log webhook.log; do
      if [ -f "$work/$log" ]; then
        echo "=== last lines of $log"
        tail -n 25 "$work/$log"
      fi
    done
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# unpackKube NAME: the path of NAME from SGW_KUBE_DIST, unpacked once into SGW_E2E_BIN_DIR and
# checked against SHA256SUMS. Two runs may unpack at once; the lock makes the second wait.
unpackKube() {
  local name="$1" dist="${SGW_KUBE_DIST:-}" dir="${SGW_E2E_BIN_DIR:-$work/bin}"
  local packed
  if [ -z "$dist" ]; then
    return 1
  fi
  packed="$(compgen -G "$dist/$name-*.xz" | head -n1)"
  if [ -z "$packed" ]; then
    return 1
  fi
  mkdir -p "$dir" || return 1
  (
    flock 9
    if [ ! -x "$dir/$name" ]; then
      xz -dc "$packed" >"$dir/$name.partial" || exit 1
      local want got
      want="$(awk -v n="$name" '$2 == n { print $1 }' "$dist/SHA256SUMS")"
      got="$(sha256sum "$dir/$name.partial" | cut -d' ' -f1)"
      if [ "$want" != "$got" ]; then
        echo "$name: checksum $got, SHA256SUMS says '$want'" >&2
        rm -f "$dir/$name.partial"
        exit 1
      fi
      chmod +x "$dir/$name.partial" && mv "$dir/$name.partial" "$dir/$name"
    fi
  ) 9>"$dir/.unpack.lock" || return 1
  echo "$dir/$name"
}

if [ -z "${KUBE_APISERVER:-}" ]; then
  KUBE_APISERVER="$(unpackKube kube-apiserver)" ||
    skip "no kube-apiserver (set KUBE_APISERVER, or SGW_KUBE_DIST to a folder with kube-apiserver-*.xz)"
fi
if [ -z "${KUBECTL:-}" ]; then
  KUBECTL="$(unpackKube kubectl)" ||
    skip "no kubectl (set KUBECTL, or SGW_KUBE_DIST to a folder with kubectl-*.xz)"
fi
[ -x "$KUBE_APISERVER" ] || skip "KUBE_APISERVER=$KUBE_APISERVER is not executable"
[ -x "$KUBECTL" ] || skip "KUBECTL=$KUBECTL is not executable"

started_at=$SECONDS
echo "stack $stack: $strimzi_crds + $gateway_crds"
echo "using $KUBE_APISERVER, $KUBECTL, $ETCD"

# ---------------------------------------------------------------------------------------------
# The cluster: etcd, the API server, the CRDs, the namespaces.

makePki
# The API server gives up if etcd does not answer within about 20 s, so etcd comes first and
# ready; a port taken between choosing and binding it gets another try on fresh ports.
if ! startEtcdReady; then
  echo "etcd did not become ready (3 tries of 30 s)"
  exit 1
fi
api_port="$(freePort)"
webhook_port="$(freePort)"
startApiserver
writeKubeconfig "$work/admin.kubeconfig" "$admin_token"
writeKubeconfig "$work/webhook.kubeconfig" "$webhook_token"
if ! eventually 90 apiserverReady; then
  echo "the API server did not become ready in 90 s"
  exit 1
fi
echo "API server ready on 127.0.0.1:$api_port after $((SECONDS - started_at)) s"

die() {
  echo "setup failed: $*"
  showLast
  exit 1
}

# Only the kinds the webhook reads or the scenarios write.
gateway_files=()
for resource in $gateway_resources; do
  gateway_files+=("$crds/$gateway_crds/gateway.networking.k8s.io_$resource.yaml")
done
for file in "$crds/$strimzi_crds"/*-Crd-kafka.yaml "$crds/$strimzi_crds"/*-Crd-kafkanodepool.yaml \
  "${gateway_files[@]}"; do
  # kubectl create: the Kafka CRD is too large for apply's last-applied annotation.
  kc create --validate=false -f "$file"
  [ "$kc_status" -eq 0 ] || die "installing $file"
done
kc wait --for condition=established --timeout=60s crd --all
[ "$kc_status" -eq 0 ] || die "CRDs not established"

# Kubernetes 1.21+ label every namespace with its name; 1.20 does not, so the chart's
# namespaceSelector gets the label by hand.
for namespace in strimzi "$release_namespace"; do
  kc create namespace "$namespace"
  [ "$kc_status" -eq 0 ] || die "creating namespace $namespace"
  kc label namespace "$namespace" "kubernetes.io/metadata.name=$namespace"
  [ "$kc_status" -eq 0 ] || die "labelling namespace $namespace"
done

# The certificate Secret cert-manager would make from the seed's certificate.yaml.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 365 \
  -subj "/O=my-org" -addext "subjectAltName=DNS:*.strimzi.gateway.api.test" \
  -keyout "$work/broker.key" -out "$work/broker.crt" 2>/dev/null
kc -n strimzi create secret tls my-certificate --cert "$work/broker.crt" --key "$work/broker.key"
[ "$kc_status" -eq 0 ] || die "creating the certificate Secret"

# ---------------------------------------------------------------------------------------------
# The chart's objects: its RBAC (the webhook's token is its service account's) and both webhook
# configurations with clientConfig pointing at the webhook on loopback.

if [ -n "${SGW_CHART_RENDERER:-}" ] && [ -x "$SGW_CHART_RENDERER" ]; then
  "$SGW_CHART_RENDERER" --chart "$repo/charts/strimzi-gateway-webhook" --release "$release" \
    --namespace "$release_namespace" --output "$work/chart.yaml" ||
    die "rendering the chart"
  echo "webhook configurations rendered from charts/strimzi-gateway-webhook"
else
  cp "$repo/charts/strimzi-gateway-webhook.yaml" "$work/chart.yaml"
  echo "webhook configurations from charts/strimzi-gateway-webhook.yaml (no chart renderer)"
fi

# chartObjects TEMPLATE...: the rendered documents of these templates, as a JSON List.
chartObjects() {
  local templates="$*"
  awk -v templates=" $templates " '
    function flush() {
      if (keep && doc != "") { printf "---\n%s", doc }
      doc = ""
      keep = 0
    }
    /^---/ { flush(); next }
    /^# Source: / { n = split($3, parts, "/"); keep = index(templates, " " parts[n] " ") > 0 }
    { doc = doc $0 "\n" }
    END { flush() }
  ' "$work/chart.yaml" >"$work/objects.yaml"
  kc create --dry-run=client -o json -f "$work/objects.yaml"
  [ "$kc_status" -eq 0 ] || die "reading the rendered $templates"
  echo "$kc_out" | jq -s -c '{apiVersion: "v1", kind: "List", items: [.[] | if .kind == "List" then .items[] else . end]}'
}

chartObjects serviceaccount.yaml rbac.yaml >"$work/rbac.json"
kc apply -f "$work/rbac.json"
[ "$kc_status" -eq 0 ] || die "applying the chart's RBAC"

ca_bundle="$(base64 -w0 <"$work/pki/ca.crt")"
chartObjects validatingwebhookconfiguration.yaml mutatingwebhookconfiguration.yaml \
  >"$work/webhooks-chart.json"
jq --arg base "https://127.0.0.1:$webhook_port" --arg ca "$ca_bundle" '
    .items |= map(.webhooks |= map(
      .clientConfig = {url: ($base + .clientConfig.service.path), caBundle: $ca}
      | .failurePolicy = "Fail"))' "$work/webhooks-chart.json" >"$work/webhooks.json"
[ "$(jq '[.items[].webhooks[]] | length' "$work/webhooks.json")" = 2 ] ||
  die "the chart did not render two webhooks"

startWebhook 0
if ! eventually 60 webhookReady; then
  echo "the webhook did not become ready in 60 s: $(webhookReadyz | head -n1)"
  exit 1
fi
kc apply -f "$work/webhooks.json"
[ "$kc_status" -eq 0 ] || die "registering the webhook configurations"
echo "setup done after $((SECONDS - started_at)) s"

# shellcheck source=scenarios.sh
source "$here/scenarios.sh"

finishScenario
echo "stack $stack: $passed scenarios passed, $failed failed, in $((SECONDS - started_at)) s"
if [ "$failed" -ne 0 ]; then
  printf '  failed: %s\n' "${failed_names[@]}"
  exit 1
fi
