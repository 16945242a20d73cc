// The webhook's Deployment, Service, ServiceAccount and PodDisruptionBudget as the chart renders
// them.

#include <catch2/catch.hpp>

#include "chart/chart_render.h"

namespace sgw::test::chart {
namespace {

using nlohmann::json;

json podSpec(const std::vector<json>& objects) {
  return objectOf(objects, "Deployment", fullname())["spec"]["template"]["spec"];
}

json container(const std::vector<json>& objects) {
  const auto pod = podSpec(objects);
  REQUIRE(pod["containers"].size() == 1);
  return pod["containers"][0];
}

const json kSelectorLabels = {{"app.kubernetes.io/name", "strimzi-gateway-webhook"},
                              {"app.kubernetes.io/instance", "sgw"}};

TEST_CASE("chart: two replicas, spread across nodes, selected by the instance labels", "[chart]") {
  const auto objects = chartObjects();
  const auto deployment = objectOf(objects, "Deployment", fullname());

  CHECK(deployment["metadata"]["namespace"] == "sgw-system");
  CHECK(deployment["spec"]["replicas"] == 2);
  CHECK(deployment["spec"]["selector"] == json{{"matchLabels", kSelectorLabels}});
  CHECK(deployment["spec"]["strategy"] == json::parse(R"({"type": "RollingUpdate",
                        "rollingUpdate": {"maxUnavailable": 0, "maxSurge": 1}})"));
  const auto labels = deployment["spec"]["template"]["metadata"]["labels"];
  CHECK(labels["app.kubernetes.io/name"] == "strimzi-gateway-webhook");
  CHECK(labels["app.kubernetes.io/instance"] == "sgw");
  CHECK(podSpec(objects)["topologySpreadConstraints"] ==
        json::array({{{"maxSkew", 1},
                      {"topologyKey", "kubernetes.io/hostname"},
                      {"whenUnsatisfiable", "ScheduleAnyway"},
                      {"labelSelector", {{"matchLabels", kSelectorLabels}}}}}));
}

TEST_CASE("chart: replicas and spreading follow the values", "[chart]") {
  const auto objects = chartObjects(R"(
replicaCount: 3
topologySpread: {enabled: true, maxSkew: 2, whenUnsatisfiable: DoNotSchedule}
)");
  CHECK(objectOf(objects, "Deployment", fullname())["spec"]["replicas"] == 3);
  const auto spread = podSpec(objects)["topologySpreadConstraints"];
  REQUIRE(spread.size() == 1);
  CHECK(spread[0]["maxSkew"] == 2);
  CHECK(spread[0]["whenUnsatisfiable"] == "DoNotSchedule");

  CHECK_FALSE(podSpec(chartObjects("topologySpread: {enabled: false}"))
                  .contains("topologySpreadConstraints"));
}

TEST_CASE("chart: the Pod runs non-root with a read-only root and no capabilities", "[chart]") {
  const auto objects = chartObjects();
  const auto pod = podSpec(objects);
  CHECK(pod["securityContext"] == json::parse(R"({
    "runAsNonRoot": true, "runAsUser": 65532, "runAsGroup": 65532, "fsGroup": 65532,
    "seccompProfile": {"type": "RuntimeDefault"}})"));
  CHECK(container(objects)["securityContext"] == json::parse(R"({
    "allowPrivilegeEscalation": false, "readOnlyRootFilesystem": true, "runAsNonRoot": true,
    "capabilities": {"drop": ["ALL"]}})"));
  CHECK(pod["serviceAccountName"] == fullname());
  CHECK(pod["automountServiceAccountToken"] == true);
  CHECK(pod["terminationGracePeriodSeconds"] == 30);
}

TEST_CASE("chart: the container has resource requests and limits", "[chart]") {
  CHECK(container(chartObjects())["resources"] == json::parse(R"({
    "requests": {"cpu": "50m", "memory": "64Mi"},
    "limits": {"cpu": "1", "memory": "256Mi"}})"));
}

TEST_CASE("chart: the image is the chart's appVersion unless a tag or digest is set", "[chart]") {
  const auto [values, image] = GENERATE(table<std::string, std::string>({
      {"", "ghcr.io/strimzi-gateway-webhook/strimzi-gateway-webhook:0.1.0"},
      {"image: {repository: registry.example/sgw, tag: dev}", "registry.example/sgw:dev"},
      {"image: {digest: sha256:" + std::string(64, 'a') + "}",
       "ghcr.io/strimzi-gateway-webhook/strimzi-gateway-webhook@sha256:" + std::string(64, 'a')},
  }));
  INFO(values);
  CHECK(container(chartObjects(values))["image"] == image);
}

TEST_CASE("chart: liveness probes /healthz and readiness /readyz over HTTPS", "[chart]") {
  const auto webhook = container(chartObjects());
  CHECK(webhook["ports"] ==
        json::parse(R"([{"name": "https", "containerPort": 8443, "protocol": "TCP"}])"));
  CHECK(webhook["livenessProbe"] == json::parse(R"({
    "httpGet": {"path": "/healthz", "port": "https", "scheme": "HTTPS"},
    "periodSeconds": 10, "timeoutSeconds": 3, "failureThreshold": 3})"));
  CHECK(webhook["readinessProbe"] == json::parse(R"({
    "httpGet": {"path": "/readyz", "port": "https", "scheme": "HTTPS"},
    "periodSeconds": 5, "timeoutSeconds": 3, "failureThreshold": 2})"));
}

TEST_CASE("chart: the whole serving certificate Secret is mounted, so renewals reach the Pod",
          "[chart]") {
  const auto objects = chartObjects();
  CHECK(podSpec(objects)["volumes"] == json::parse(R"([{"name": "serving-certificate",
    "secret": {"secretName": "sgw-strimzi-gateway-webhook-tls", "defaultMode": 288}}])"));
  // No subPath: a subPath mount never sees the kubelet's update of the Secret.
  CHECK(container(objects)["volumeMounts"] == json::parse(R"([{"name": "serving-certificate",
    "mountPath": "/etc/strimzi-gateway-webhook/tls", "readOnly": true}])"));
}

TEST_CASE("chart: the command line comes from the values", "[chart]") {
  const std::vector<std::string> tls{
      "serve", "--tls-cert-file=/etc/strimzi-gateway-webhook/tls/tls.crt",
      "--tls-private-key-file=/etc/strimzi-gateway-webhook/tls/tls.key", "--address=0.0.0.0"};
  const auto [values, tail] = GENERATE_COPY(table<std::string, std::vector<std::string>>({
      {"",
       {"--port=8443", "--log-format=json", "--shutdown-delay=5", "--enforcement=deny",
        "--audit-interval=60", "--audit-debounce-ms=1000"}},
      {"audit: {policyReports: true}",
       {"--port=8443", "--log-format=json", "--shutdown-delay=5", "--enforcement=deny",
        "--audit-interval=60", "--audit-debounce-ms=1000", "--policy-reports"}},
      {"watchNamespaces: [strimzi, kafka-b]\nlogFormat: text",
       {"--port=8443", "--log-format=text", "--shutdown-delay=5", "--enforcement=deny",
        "--audit-interval=60", "--audit-debounce-ms=1000", "--namespaces=strimzi,kafka-b"}},
      {"enforcement: warn\nruleActions: {route-acceptance: 'off', broker-ids: deny}\n"
       "audit: {intervalSeconds: 0, debounceMilliseconds: 250}",
       {"--port=8443", "--log-format=json", "--shutdown-delay=5", "--enforcement=warn",
        "--rule-action=broker-ids=deny", "--rule-action=route-acceptance=off", "--audit-interval=0",
        "--audit-debounce-ms=250"}},
      // 16777216 must not come out as 1.6777216e+07 (Helm reads numbers as floats).
      {R"(
server: {port: 9443, shutdownDelaySeconds: 10, workers: 8, maxRequestBytes: 16777216,
         keepAliveTimeoutSeconds: 60, requestTimeoutSeconds: 20}
extraArgs: [--client-ca-file=/etc/client-ca/ca.crt]
)",
       {"--port=9443", "--log-format=json", "--shutdown-delay=10", "--enforcement=deny",
        "--audit-interval=60", "--audit-debounce-ms=1000", "--workers=8",
        "--max-request-bytes=16777216", "--keep-alive-timeout=60", "--request-timeout=20",
        "--client-ca-file=/etc/client-ca/ca.crt"}},
  }));
  INFO(values);
  auto expected = tls;
  expected.insert(expected.end(), tail.begin(), tail.end());
  CHECK(container(chartObjects(values))["args"] == json(expected));
}

TEST_CASE("chart: a shutdown delay must end before the grace period", "[chart]") {
  const auto result = renderChart("server: {shutdownDelaySeconds: 30}");
  CHECK(result.exitCode == 1);
  CHECK_THAT(result.err,
             Catch::StartsWith("Error: execution error at "
                               "(strimzi-gateway-webhook/templates/deployment.yaml:") &&
                 Catch::EndsWith("): server.shutdownDelaySeconds must be below "
                                 "terminationGracePeriodSeconds, or Kubernetes kills the webhook "
                                 "before it stops serving\n"));
}

TEST_CASE("chart: the Service sends port 443 to the container's https port", "[chart]") {
  const auto service = objectOf(chartObjects(), "Service", fullname());
  CHECK(service["metadata"]["namespace"] == "sgw-system");
  CHECK(service["spec"] ==
        json{{"type", "ClusterIP"},
             {"selector", kSelectorLabels},
             {"ports",
              {{{"name", "https"}, {"port", 443}, {"targetPort", "https"}, {"protocol", "TCP"}}}}});
}

TEST_CASE("chart: the PodDisruptionBudget keeps one replica up", "[chart]") {
  const auto budget = objectOf(chartObjects(), "PodDisruptionBudget", fullname());
  CHECK(budget["apiVersion"] == "policy/v1");
  CHECK(budget["spec"] ==
        json{{"minAvailable", 1}, {"selector", {{"matchLabels", kSelectorLabels}}}});
}

TEST_CASE("chart: no PodDisruptionBudget that would block every drain", "[chart]") {
  const auto values =
      GENERATE(as<std::string>{}, "replicaCount: 1", "podDisruptionBudget: {enabled: false}");
  INFO(values);
  CHECK(objectsOfKind(chartObjects(values), "PodDisruptionBudget").empty());
}

TEST_CASE("chart: the Pods run as the chart's ServiceAccount or a given one", "[chart]") {
  const auto own = chartObjects();
  CHECK(objectOf(own, "ServiceAccount", fullname())["metadata"]["namespace"] == "sgw-system");

  const auto given = chartObjects("serviceAccount: {create: false, name: webhook-reader}");
  CHECK(objectsOfKind(given, "ServiceAccount").empty());
  CHECK(podSpec(given)["serviceAccountName"] == "webhook-reader");
  CHECK(objectOf(given, "ClusterRoleBinding", fullname())["subjects"] ==
        json::parse(R"([{"kind": "ServiceAccount", "name": "webhook-reader",
                         "namespace": "sgw-system"}])"));

  const auto missing = renderChart("serviceAccount: {create: false}");
  CHECK(missing.exitCode == 1);
  CHECK_THAT(missing.err, Catch::Contains("serviceAccount.name is required when "
                                          "serviceAccount.create is false"));
}

TEST_CASE("chart: Pod placement and extras pass through", "[chart]") {
  const auto objects = chartObjects(R"(
priorityClassName: webhooks
nodeSelector: {kubernetes.io/os: linux}
tolerations: [{key: dedicated, operator: Exists}]
podAnnotations: {example.com/team: kafka}
imagePullSecrets: [{name: registry}]
extraEnv: [{name: TZ, value: UTC}]
extraVolumes: [{name: client-ca, configMap: {name: apiserver-ca}}]
extraVolumeMounts: [{name: client-ca, mountPath: /etc/client-ca}]
)");
  const auto pod = podSpec(objects);
  CHECK(pod["priorityClassName"] == "webhooks");
  CHECK(pod["nodeSelector"] == json{{"kubernetes.io/os", "linux"}});
  CHECK(pod["tolerations"] == json::parse(R"([{"key": "dedicated", "operator": "Exists"}])"));
  CHECK(pod["imagePullSecrets"] == json::parse(R"([{"name": "registry"}])"));
  CHECK(
      objectOf(objects, "Deployment", fullname())["spec"]["template"]["metadata"]["annotations"] ==
      json{{"example.com/team", "kafka"}});
  CHECK(pod["volumes"].size() == 2);
  CHECK(pod["volumes"][1] == json::parse(R"({"name": "client-ca",
                                             "configMap": {"name": "apiserver-ca"}})"));
  const auto webhook = container(objects);
  CHECK(webhook["env"] == json::parse(R"([{"name": "TZ", "value": "UTC"}])"));
  CHECK(webhook["volumeMounts"].size() == 2);
  CHECK(webhook["volumeMounts"][1] ==
        json::parse(R"({"name": "client-ca", "mountPath": "/etc/client-ca"})"));
}

} // namespace
} // namespace sgw::test::chart
