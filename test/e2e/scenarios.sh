# shellcheck shell=bash
# The kubectl scenarios of test/e2e/run.sh, in order: each builds on the cluster the previous ones
# left. Sourced by run.sh once the API server, the CRDs and the webhook are up; $manifests,
# $common, $kafka_api and $route_api name the stack.

validating='admission webhook "validate.strimzi-gateway-webhook.io" denied the request'
domain=strimzi.gateway.api.test
m="$work/manifests"
mkdir -p "$m"

# route NAME HOSTNAME SERVICE: a TLSRoute of the seed's shape, written to $m/NAME.yaml.
route() {
  cat >"$m/$1.yaml" <<EOF
apiVersion: $route_api
kind: TLSRoute
metadata:
  name: $1
  namespace: strimzi
spec:
  hostnames:
  - $2
  parentRefs:
  - group: gateway.networking.k8s.io
    kind: Gateway
    name: my-gateway
    namespace: strimzi
    sectionName: kafka-listener
  rules:
  - backendRefs:
    - group: ""
      kind: Service
      name: $3
      port: 9092
EOF
}

# poolStatus POOL IDS...: the status the operator writes for a pool with these node IDs.
poolStatus() {
  local pool="$1" ids roles
  shift
  ids="$(printf '%s,' "$@")"
  if [ "$pool" = broker ]; then roles='["broker"]'; else roles='["controller"]'; fi
  api PATCH "/apis/$kafka_api/namespaces/strimzi/kafkanodepools/$pool/status" \
    "{\"status\":{\"nodeIds\":[${ids%,}],\"replicas\":$#,\"roles\":$roles}}" >"$work/status.out" ||
    fail "writing the status of pool $pool: $(cat "$work/status.out")"
  jq -e '.status.nodeIds' "$work/status.out" >/dev/null ||
    fail "writing the status of pool $pool: $(cat "$work/status.out")"
}

# brokersOf: the stored listener's entries as "broker=host:port" words.
brokersOf() {
  kc -n strimzi get kafka gateway-api-test -o \
    jsonpath='{range .spec.kafka.listeners[0].configuration.brokers[*]}{.broker}={.advertisedHost}:{.advertisedPort} {end}'
  echo "${kc_out% }"
}

# expectDeniedUpdate FILE MESSAGE [WARNINGS]: `kubectl apply` of an existing object was refused by
# the validating webhook with MESSAGE, after these `Warning: ` lines (kubectl prints the patch it
# tried between the first line and the last).
expectDeniedUpdate() {
  expectFailure
  local err="$kc_err"
  expectEqual "warnings" "${3:-}" "$(grep '^Warning: ' <<<"$err")"
  err="$(grep -v '^Warning: ' <<<"$err")"
  expectEqual "first line of stderr" "Error from server (Forbidden): error when applying patch:" \
    "$(head -n1 <<<"$err")"
  expectEqual "last line of stderr" "for: \"$1\": $validating: $2" "$(tail -n1 <<<"$err")"
}

# undo COMMAND...: when the last kubectl command went through although it should have been
# refused, puts the cluster back with COMMAND, so the next scenarios start from the seed.
undo() {
  if [ "$kc_status" -eq 0 ]; then
    echo "  (it went through; undoing it: $*)"
    kc "$@"
  fi
}

# ---------------------------------------------------------------------------------------------
scenario "the seed's objects in the seed's order are accepted, warned only about what is pending"

kc apply -f "$common/gateway-class.yaml"
expectSuccess
kc apply -f "$common/gateway.yaml"
expectSuccess

# Before its pools exist the Kafka has no broker nodes: that is pending, not wrong. Its certificate
# Secret exists, but no cached Kafka named it before: the review asks for it in the background
# rather than wait, and says the hostnames were not checked.
kc apply -f "$manifests/kafka.yaml"
expectSuccess
expectStdout "kafka.kafka.strimzi.io/gateway-api-test created"
expectStderr "Warning: spec.kafka.listeners[0].configuration.brokers: Invalid value: [10,11,12]: not checked yet: no KafkaNodePool has strimzi.io/cluster=gateway-api-test
Warning: spec.kafka.listeners[0].configuration.brokerCertChainAndKey.secretName: Secret my-certificate is not loaded yet, so hostnames were not checked against its certificate; the next review and the audit check them"

kc apply -f "$manifests/kafka-node-pools.yaml"
expectSuccess
expectStdout "kafkanodepool.kafka.strimzi.io/broker created
kafkanodepool.kafka.strimzi.io/controller created"
expectStderr ""

# What the operator writes once it has run: the listener's Services and the pools' node IDs.
kc apply -f "$common/strimzi-services.yaml"
expectSuccess
poolStatus broker 10 11 12
poolStatus controller 0

kc apply -f "$manifests/tls-routes.yaml"
expectSuccess
expectStdout "tlsroute.gateway.networking.k8s.io/gateway-api-test-broker-10 created
tlsroute.gateway.networking.k8s.io/gateway-api-test-broker-11 created
tlsroute.gateway.networking.k8s.io/gateway-api-test-broker-12 created
tlsroute.gateway.networking.k8s.io/gateway-api-test-bootstrap created"
expectStderr ""

# ---------------------------------------------------------------------------------------------
scenario "the webhook's cache synced the seed: /readyz is 200 and counts it"

readyz_synced() {
  [ "$(webhookReadyz | head -n1)" = "$1" ]
}
expected_readyz="ok: cache synced: kafkas=1 kafkanodepools=2 tlsroutes=4 gateways=1 referencegrants=0 services=4 secrets=1 listenersets=0 namespaces=6 certificates=0; not installed, retrying: "
if [ "$stack" = 0.43 ]; then
  # Gateway API 1.1 has no ListenerSets: reported, and no reason to be unready.
  expected_readyz+="listenersets (gateway.networking.k8s.io serves no version of listenersets among v1 (CRD not installed)); "
fi
# cert-manager is not installed on the test clusters: reported, and no reason to be unready.
expected_readyz+="certificates (the API group cert-manager.io is not served (CRDs not installed))"
eventually 10 readyz_synced "$expected_readyz" ||
  expectEqual "/readyz" "$expected_readyz
200" "$(webhookReadyz)"

# ---------------------------------------------------------------------------------------------
scenario "broker IDs 0, 1, 2 instead of the pool's 10, 11, 12 are denied"

sed -E 's/broker: 1([0-2])$/broker: \1/' "$manifests/kafka.yaml" >"$m/kafka-0-1-2.yaml"
kc apply -f "$m/kafka-0-1-2.yaml"
wrong_ids="spec.kafka.listeners[0].configuration.brokers: Invalid value: [0,1,2]: none of these is a broker node; broker nodes of cluster gateway-api-test are 10, 11, 12"
# Each of the seed's brokers lost its entry: that is what the mistake means, warned alongside.
no_entries="Warning: spec.kafka.listeners[0].configuration.brokers: Required value: no advertisedHost for brokers 10, 11, 12, which would advertise their internal addresses; add entries for them"
expectDeniedUpdate "$m/kafka-0-1-2.yaml" "$wrong_ids" "$no_entries"
undo apply -f "$manifests/kafka.yaml"

# ---------------------------------------------------------------------------------------------
scenario "a route hostname the broker certificate does not cover is denied"

route gateway-api-test-broker-10-other broker-10.other.example gateway-api-test-broker-obiwan-10
kc apply -f "$m/gateway-api-test-broker-10-other.yaml"
expectFailure
other_denied="Warning: spec.hostnames[0]: Invalid value: \"broker-10.other.example\": broker 10 advertises broker-10.$domain; clients are never sent to this hostname
Error from server (Forbidden): error when creating \"$m/gateway-api-test-broker-10-other.yaml\": $validating: spec.hostnames[0]: Invalid value: \"broker-10.other.example\": not covered by the certificate of listener obiwan of Kafka gateway-api-test (Secret my-certificate), whose SANs are *.$domain"
expectStderr "$other_denied"
undo -n strimzi delete tlsroute gateway-api-test-broker-10-other

# ---------------------------------------------------------------------------------------------
scenario "a route to the Service of a broker that does not exist is denied"

route gateway-api-test-broker-13 "broker-13.$domain" gateway-api-test-broker-obiwan-13
kc apply -f "$m/gateway-api-test-broker-13.yaml"
expectFailure
route_13_denied="spec.rules[0].backendRefs[0].name: Not found: \"gateway-api-test-broker-obiwan-13\": Services of cluster gateway-api-test are gateway-api-test-broker-obiwan-10, gateway-api-test-broker-obiwan-11, gateway-api-test-broker-obiwan-12, gateway-api-test-kafka-obiwan-bootstrap"
expectStderr "Error from server (Forbidden): error when creating \"$m/gateway-api-test-broker-13.yaml\": $validating: $route_13_denied"
undo -n strimzi delete tlsroute gateway-api-test-broker-13

# ---------------------------------------------------------------------------------------------
scenario "a route sending broker 11's hostname to broker 12's Service is denied"

route gateway-api-test-broker-11 "broker-11.$domain" gateway-api-test-broker-obiwan-12
kc apply -f "$m/gateway-api-test-broker-11.yaml"
expectDeniedUpdate "$m/gateway-api-test-broker-11.yaml" "spec.rules[0].backendRefs[0].name: Invalid value: \"gateway-api-test-broker-obiwan-12\": spec.hostnames[0] broker-11.$domain is advertised by broker 11 (listener obiwan); route it to gateway-api-test-broker-obiwan-11"
undo apply -f "$manifests/tls-routes.yaml"

# ---------------------------------------------------------------------------------------------
scenario "--dry-run=server is denied the same way and stores nothing"

kc apply --dry-run=server -f "$m/gateway-api-test-broker-13.yaml"
expectFailure
expectStderr "Error from server (Forbidden): error when creating \"$m/gateway-api-test-broker-13.yaml\": $validating: $route_13_denied"
kc apply --dry-run=server -f "$m/kafka-0-1-2.yaml"
expectDeniedUpdate "$m/kafka-0-1-2.yaml" "$wrong_ids" "$no_entries"
kc -n strimzi get tlsroute gateway-api-test-broker-13
expectStderr 'Error from server (NotFound): tlsroutes.gateway.networking.k8s.io "gateway-api-test-broker-13" not found'
expectEqual "stored brokers" "10=broker-10.$domain:9092 11=broker-11.$domain:9092 12=broker-12.$domain:9092" "$(brokersOf)"

# ---------------------------------------------------------------------------------------------
if [ "$stack" = 1.2 ]; then
  scenario "a type: tlsroute listener (Strimzi 1.1+) is judged by the routes the operator will create"

  # tlsrouteKafka NAME [SED...]: the seed's Kafka with a second listener whose TLSRoutes Strimzi
  # creates itself, attached to the seed's Gateway; each SED expression then changes it.
  tlsrouteKafka() {
    local name="$1"
    shift
    sed "/^    version: /i\\
    - name: gw\\
      port: 9095\\
      type: tlsroute\\
      tls: true\\
      configuration:\\
        brokerCertChainAndKey:\\
          certificate: tls.crt\\
          key: tls.key\\
          secretName: my-certificate\\
        parentRefs:\\
        - name: my-gateway\\
          sectionName: kafka-listener\\
        bootstrap:\\
          host: bootstrap-gw.$domain\\
        hostTemplate: broker-{nodeId}-gw.$domain\\
        advertisedPortTemplate: \"9092\"" "$manifests/kafka.yaml" >"$m/$name.yaml"
    local expression
    for expression in "$@"; do
      sed -i "$expression" "$m/$name.yaml"
    done
  }
  gw="spec.kafka.listeners[1].configuration"

  tlsrouteKafka kafka-gw
  kc apply --dry-run=server -f "$m/kafka-gw.yaml"
  expectSuccess
  expectStdout "kafka.kafka.strimzi.io/gateway-api-test configured (server dry run)"
  expectStderr ""

  tlsrouteKafka kafka-gw-no-bootstrap '/^        bootstrap:$/d' '/^          host: bootstrap-gw/d'
  kc apply --dry-run=server -f "$m/kafka-gw-no-bootstrap.yaml"
  expectDeniedUpdate "$m/kafka-gw-no-bootstrap.yaml" "$gw.bootstrap.host: Required value: the hostname of the bootstrap TLSRoute of listener gw; Strimzi refuses a tlsroute listener without it"

  tlsrouteKafka kafka-gw-section 's/sectionName: kafka-listener$/sectionName: kafka/'
  kc apply --dry-run=server -f "$m/kafka-gw-section.yaml"
  expectDeniedUpdate "$m/kafka-gw-section.yaml" "$gw.parentRefs[0].sectionName: Not found: \"kafka\": Gateway my-gateway has no such listener"

  tlsrouteKafka kafka-gw-other-host "s/hostTemplate: broker-{nodeId}-gw.$domain/hostTemplate: broker-{nodeId}.other.example/"
  kc apply --dry-run=server -f "$m/kafka-gw-other-host.yaml"
  expectDeniedUpdate "$m/kafka-gw-other-host.yaml" "$gw.hostTemplate: Invalid value: \"broker-{nodeId}.other.example\": renders broker-10.other.example (broker 10), broker-11.other.example (broker 11), broker-12.other.example (broker 12), not covered by the certificate in Secret my-certificate, whose SANs are *.$domain"

  tlsrouteKafka kafka-gw-443 '/advertisedPortTemplate: "9092"/d'
  kc apply --dry-run=server -f "$m/kafka-gw-443.yaml"
  expectSuccess
  expectStderr "Warning: $gw.advertisedPortTemplate: Invalid value: 443: brokers advertise 443, but listener kafka-listener of Gateway my-gateway listens on 9092; set advertisedPortTemplate: \"9092\" unless something in front maps the port"
  expectEqual "stored listeners" "obiwan" \
    "$(kc -n strimzi get kafka gateway-api-test -o jsonpath='{.spec.kafka.listeners[*].name}'; echo "$kc_out")"
fi

# ---------------------------------------------------------------------------------------------
scenario "kubectl scale of the broker pool to 4 is warned about broker 13's missing entry"

kc -n strimzi scale kafkanodepool broker --replicas=4
expectSuccess
expectStdout "kafkanodepool.kafka.strimzi.io/broker scaled"
expectStderr "Warning: spec.replicas: Invalid value: 4: listener obiwan of Kafka gateway-api-test has no advertisedHost for new broker 13; add a brokers[] entry for it"

# ---------------------------------------------------------------------------------------------
scenario "the next review sees the scaled pool: broker 13's route is no longer denied"

route13NotDenied() {
  kc apply --dry-run=server -f "$m/gateway-api-test-broker-13.yaml"
  [ "$kc_status" -eq 0 ]
}
eventually 10 route13NotDenied
expectSuccess
expectStdout "tlsroute.gateway.networking.k8s.io/gateway-api-test-broker-13 created (server dry run)"
expectStderr ""

# ---------------------------------------------------------------------------------------------
scenario "the mutation adds broker 13's advertisedHost entry to the stored Kafka"

template_line="    strimzi-gateway-webhook.io/advertised-host-template: broker-{nodeId}.$domain"
if grep -q '^  annotations:$' "$manifests/kafka.yaml"; then
  sed "/^  annotations:\$/a\\$template_line" "$manifests/kafka.yaml" >"$m/kafka-template.yaml"
else
  sed "/^  namespace: strimzi\$/a\\  annotations:\n$template_line" "$manifests/kafka.yaml" \
    >"$m/kafka-template.yaml"
fi
kc apply -f "$m/kafka-template.yaml"
expectSuccess
expectStdout "kafka.kafka.strimzi.io/gateway-api-test configured"
expectStderr "Warning: spec.kafka.listeners[0].configuration.brokers: added 13 from template broker-{nodeId}.$domain"
expectEqual "stored brokers" \
  "10=broker-10.$domain:9092 11=broker-11.$domain:9092 12=broker-12.$domain:9092 13=broker-13.$domain:9092" \
  "$(brokersOf)"
poolStatus broker 10 11 12 13

# ---------------------------------------------------------------------------------------------
scenario "the API server restarted: the watches come back and see a change made after it"

restarts_before="$(webhookMetric 'sgw_kube_watch_restarts_total\{resource="kafkanodepools"\}' | awk '{ print $2 }')"
stopProcess "$api_pid" || true
startApiserver
if ! eventually 90 apiserverReady; then
  fail "the API server did not come back in 90 s"
fi
expectEqual "/readyz status while and after the API server was away" 200 "$(webhookReadyz | tail -n1)"
kc -n strimzi scale kafkanodepool broker --replicas=5
expectSuccess
expectStderr "Warning: spec.replicas: Invalid value: 5: listener obiwan of Kafka gateway-api-test has no advertisedHost for new broker 14; add a brokers[] entry for it"
route gateway-api-test-broker-14 "broker-14.$domain" gateway-api-test-broker-obiwan-14
route14NotDenied() {
  kc apply --dry-run=server -f "$m/gateway-api-test-broker-14.yaml"
  [ "$kc_status" -eq 0 ]
}
eventually 30 route14NotDenied
expectSuccess
restarts_after="$(webhookMetric 'sgw_kube_watch_restarts_total\{resource="kafkanodepools"\}' | awk '{ print $2 }')"
if ! awk -v a="${restarts_after:-0}" -v b="${restarts_before:-0}" 'BEGIN { exit !(a > b) }'; then
  fail "sgw_kube_watch_restarts_total{resource=\"kafkanodepools\"} went from '$restarts_before' to '$restarts_after'"
fi
kc apply --dry-run=server -f "$m/kafka-0-1-2.yaml"
expectDeniedUpdate "$m/kafka-0-1-2.yaml" "${wrong_ids/10, 11, 12/10, 11, 12, 13, 14}" \
  "${no_entries/10, 11, 12/10, 11, 12, 13, 14}"

# ---------------------------------------------------------------------------------------------
scenario "the webhook stopped: changes are refused (failurePolicy Fail)"

stopProcess "$webhook_pid"
expectEqual "webhook exit status after SIGTERM" 0 "$?"
kc -n strimzi label tlsroute gateway-api-test-broker-10 e2e=changed
expectFailure
expectStderr "Error from server (InternalError): Internal error occurred: failed calling webhook \"validate.strimzi-gateway-webhook.io\": Post \"https://127.0.0.1:$webhook_port/validate?timeout=5s\": dial tcp 127.0.0.1:$webhook_port: connect: connection refused"
kc -n strimzi label kafka gateway-api-test e2e=changed
expectFailure
expectStderr "Error from server (InternalError): Internal error occurred: failed calling webhook \"mutate.strimzi-gateway-webhook.io\": Post \"https://127.0.0.1:$webhook_port/mutate?timeout=5s\": dial tcp 127.0.0.1:$webhook_port: connect: connection refused"
kc -n strimzi get tlsroute gateway-api-test-broker-10 -o jsonpath='{.metadata.labels}'
expectEqual "labels of the route" "" "$kc_out"

# ---------------------------------------------------------------------------------------------
scenario "SIGTERM: reviews in flight and during the shutdown delay are answered, then exit 0"

# The shutdown delay bounds how slow kubectl may be here: 20 s for five requests.
startWebhook 20
eventually 60 webhookReady || fail "the webhook did not become ready again: $(webhookReadyz)"
# A malformed advertisedHost template: /mutate refuses it whatever the cluster holds.
bad_template="broker-{id}.$domain"
template_denied="Error from server (Forbidden): admission webhook \"mutate.strimzi-gateway-webhook.io\" denied the request: metadata.annotations[strimzi-gateway-webhook.io/advertised-host-template]: Invalid value: \"$bad_template\": unknown placeholder {id}; use {nodeId}, {nodePodName}, {pool}, {cluster}, {namespace} or {listener}"
dryRunDenied() {
  local i="$1" status=0
  "$KUBECTL" --kubeconfig "$work/admin.kubeconfig" --cache-dir "$work/kube-cache" \
    -n strimzi annotate --dry-run=server --overwrite kafka gateway-api-test \
    "strimzi-gateway-webhook.io/advertised-host-template=$bad_template" \
    >"$work/sigterm.$i.out" 2>"$work/sigterm.$i.err" || status=$?
  echo "$status" >"$work/sigterm.$i.status"
}
background=()
for i in 1 2 3; do
  dryRunDenied "$i" &
  background+=($!)
done
kill -TERM "$webhook_pid"
for i in 4 5; do
  dryRunDenied "$i"
done
expectEqual "/readyz during the shutdown delay" 503 "$(webhookReadyz | tail -n1)"
wait "${background[@]}"
for i in 1 2 3 4 5; do
  expectEqual "exit status of request $i" 1 "$(cat "$work/sigterm.$i.status")"
  expectEqual "stderr of request $i" "$template_denied" "$(cat "$work/sigterm.$i.err")"
done
status=0
wait "$webhook_pid" || status=$?
expectEqual "webhook exit status" 0 "$status"
