// The validating and mutating webhook configurations the chart registers: what the API server sends
// to the webhook, and what it does when the webhook does not answer.

#include <catch2/catch.hpp>

#include "chart/chart_render.h"

namespace sgw::test::chart {
namespace {

using nlohmann::json;

json onlyWebhook(const std::vector<json>& objects, std::string_view kind) {
  const auto configuration = objectOf(objects, kind, fullname());
  REQUIRE(configuration["webhooks"].size() == 1);
  return configuration["webhooks"][0];
}

const json kExcludeSystemAndOwnNamespace = json::parse(R"({"matchExpressions": [
  {"key": "kubernetes.io/metadata.name", "operator": "NotIn",
   "values": ["kube-system", "sgw-system"]}]})");

TEST_CASE("chart: the validating webhook reviews Kafkas, pools, TLSRoutes and Certificates",
          "[chart]") {
  const auto webhook = onlyWebhook(chartObjects(), "ValidatingWebhookConfiguration");
  auto expected = json::parse(R"({
    "name": "validate.strimzi-gateway-webhook.io",
    "clientConfig": {"service": {"name": "sgw-strimzi-gateway-webhook",
                                 "namespace": "sgw-system", "path": "/validate", "port": 443}},
    "rules": [
      {"apiGroups": ["kafka.strimzi.io"], "apiVersions": ["v1beta2", "v1"],
       "operations": ["CREATE", "UPDATE"], "resources": ["kafkas"], "scope": "Namespaced"},
      {"apiGroups": ["kafka.strimzi.io"], "apiVersions": ["v1beta2", "v1"],
       "operations": ["CREATE", "UPDATE", "DELETE"], "resources": ["kafkanodepools"],
       "scope": "Namespaced"},
      {"apiGroups": ["kafka.strimzi.io"], "apiVersions": ["v1beta2", "v1"],
       "operations": ["UPDATE"], "resources": ["kafkanodepools/scale"], "scope": "Namespaced"},
      {"apiGroups": ["gateway.networking.k8s.io"], "apiVersions": ["*"],
       "operations": ["CREATE", "UPDATE"], "resources": ["tlsroutes"], "scope": "Namespaced"},
      {"apiGroups": ["cert-manager.io"], "apiVersions": ["v1"],
       "operations": ["CREATE", "UPDATE"], "resources": ["certificates"], "scope": "Namespaced"}],
    "failurePolicy": "Fail",
    "matchPolicy": "Equivalent",
    "sideEffects": "None",
    "admissionReviewVersions": ["v1"],
    "timeoutSeconds": 5})");
  expected["namespaceSelector"] = kExcludeSystemAndOwnNamespace;
  CHECK(webhook == expected);
}

TEST_CASE("chart: the mutating webhook sees Kafkas only", "[chart]") {
  const auto webhook = onlyWebhook(chartObjects(), "MutatingWebhookConfiguration");
  auto expected = json::parse(R"({
    "name": "mutate.strimzi-gateway-webhook.io",
    "clientConfig": {"service": {"name": "sgw-strimzi-gateway-webhook",
                                 "namespace": "sgw-system", "path": "/mutate", "port": 443}},
    "rules": [
      {"apiGroups": ["kafka.strimzi.io"], "apiVersions": ["v1beta2", "v1"],
       "operations": ["CREATE", "UPDATE"], "resources": ["kafkas"], "scope": "Namespaced"}],
    "failurePolicy": "Fail",
    "matchPolicy": "Equivalent",
    "sideEffects": "None",
    "admissionReviewVersions": ["v1"],
    "timeoutSeconds": 5,
    "reinvocationPolicy": "IfNeeded"})");
  expected["namespaceSelector"] = kExcludeSystemAndOwnNamespace;
  CHECK(webhook == expected);
}

TEST_CASE("chart: status writes of the operator are never sent to the webhook", "[chart]") {
  const auto objects = chartObjects();
  for (const auto& kind : {"ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"}) {
    const auto webhook = onlyWebhook(objects, kind);
    for (const auto& rule : webhook["rules"]) {
      for (const auto& resource : rule["resources"]) {
        // The only subresource reviewed is a pool's scale, which changes its replicas.
        const auto name = resource.get<std::string>();
        CHECK((name.find('/') == std::string::npos || name == "kafkanodepools/scale"));
        CHECK(name.find("status") == std::string::npos);
      }
    }
  }
}

TEST_CASE("chart: failure policy, timeout, names and exclusions follow the values", "[chart]") {
  const auto objects = chartObjects(R"(
webhook:
  failurePolicy: Ignore
  timeoutSeconds: 12
  excludeNamespaces: [kube-system, cert-manager, sgw-system]
  validating: {name: check.kafka.example.com}
  mutating: {name: fill.kafka.example.com, reinvocationPolicy: Never}
)");
  const auto selector = json::parse(R"({"matchExpressions": [
    {"key": "kubernetes.io/metadata.name", "operator": "NotIn",
     "values": ["kube-system", "cert-manager", "sgw-system"]}]})");
  const auto validating = onlyWebhook(objects, "ValidatingWebhookConfiguration");
  const auto mutating = onlyWebhook(objects, "MutatingWebhookConfiguration");
  CHECK(validating["name"] == "check.kafka.example.com");
  CHECK(mutating["name"] == "fill.kafka.example.com");
  CHECK(mutating["reinvocationPolicy"] == "Never");
  for (const auto& webhook : {validating, mutating}) {
    CHECK(webhook["failurePolicy"] == "Ignore");
    CHECK(webhook["timeoutSeconds"] == 12);
    CHECK(webhook["namespaceSelector"] == selector);
  }
}

TEST_CASE("chart: with watchNamespaces only those namespaces are reviewed", "[chart]") {
  const auto objects = chartObjects("watchNamespaces: [strimzi, kafka-b]");
  const auto selector = json::parse(R"({"matchExpressions": [
    {"key": "kubernetes.io/metadata.name", "operator": "NotIn",
     "values": ["kube-system", "sgw-system"]},
    {"key": "kubernetes.io/metadata.name", "operator": "In", "values": ["strimzi", "kafka-b"]}]})");
  for (const auto& kind : {"ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"}) {
    INFO(kind);
    CHECK(onlyWebhook(objects, kind)["namespaceSelector"] == selector);
  }
}

TEST_CASE("chart: the mutating webhook can be left out", "[chart]") {
  const auto objects = chartObjects("webhook: {mutating: {enabled: false}}");
  CHECK(objectsOfKind(objects, "MutatingWebhookConfiguration").empty());
  CHECK(objectsOfKind(objects, "ValidatingWebhookConfiguration").size() == 1);
}

} // namespace
} // namespace sgw::test::chart
