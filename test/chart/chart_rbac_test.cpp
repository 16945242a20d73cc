// The RBAC objects of the chart: read-only access to what the webhook watches, cluster-wide or in
// the watched namespaces only.

#include <catch2/catch.hpp>

#include "chart/chart_render.h"

namespace sgw::test::chart {
namespace {

using nlohmann::json;

json rulesWithSecrets(const json& secretsRule) {
  auto rules = json::parse(R"([
    {"apiGroups": ["kafka.strimzi.io"], "resources": ["kafkas", "kafkanodepools"],
     "verbs": ["list", "watch"]},
    {"apiGroups": ["gateway.networking.k8s.io"],
     "resources": ["tlsroutes", "gateways", "referencegrants", "listenersets"],
     "verbs": ["list", "watch"]},
    {"apiGroups": ["cert-manager.io"], "resources": ["certificates"], "verbs": ["list", "watch"]},
    {"apiGroups": [""], "resources": ["services"], "verbs": ["list", "watch"]}
  ])");
  rules.push_back(secretsRule);
  return rules;
}

const json kAnyNamespace =
    json::parse(R"({"apiGroups": [""], "resources": ["namespaces"], "verbs": ["list", "watch"]})");

json clusterRules(const json& secretsRule) {
  auto rules = rulesWithSecrets(secretsRule);
  rules.push_back(kAnyNamespace);
  return rules;
}

const json kAnySecret = json::parse(
    R"({"apiGroups": [""], "resources": ["secrets"], "verbs": ["get", "list", "watch"]})");

const json kSubjects = json::parse(
    R"([{"kind": "ServiceAccount", "name": "sgw-strimzi-gateway-webhook",
         "namespace": "sgw-system"}])");

TEST_CASE("chart: a ClusterRole reads the watched kinds across the cluster", "[chart]") {
  const auto objects = chartObjects();
  const auto role = objectOf(objects, "ClusterRole", fullname());
  CHECK(role["rules"] == clusterRules(kAnySecret));

  const auto binding = objectOf(objects, "ClusterRoleBinding", fullname());
  CHECK(binding["roleRef"] == json::parse(R"({"apiGroup": "rbac.authorization.k8s.io",
    "kind": "ClusterRole", "name": "sgw-strimzi-gateway-webhook"})"));
  CHECK(binding["subjects"] == kSubjects);
  CHECK(objectsOfKind(objects, "Role").empty());
  CHECK(objectsOfKind(objects, "RoleBinding").empty());
}

TEST_CASE("chart: rbac.secretNames narrows the Secrets the webhook can read", "[chart]") {
  const auto objects = chartObjects("rbac: {secretNames: [my-certificate, other-cert]}");
  auto secrets = kAnySecret;
  secrets["resourceNames"] = {"my-certificate", "other-cert"};
  CHECK(objectOf(objects, "ClusterRole", fullname())["rules"] == clusterRules(secrets));
}

TEST_CASE("chart: watchNamespaces gives a Role in each namespace and reads only those Namespaces "
          "cluster-wide",
          "[chart]") {
  const auto objects =
      chartObjects("watchNamespaces: [strimzi, kafka-b]\nrbac: {secretNames: [my-certificate]}");
  // Namespaces are cluster-scoped: a ClusterRole, narrowed to the watched ones by name.
  const auto clusterRoles = objectsOfKind(objects, "ClusterRole");
  REQUIRE(clusterRoles.size() == 1);
  CHECK(clusterRoles[0]["metadata"]["name"] == fullname() + "-namespaces");
  auto namespaceRule = kAnyNamespace;
  namespaceRule["resourceNames"] = {"strimzi", "kafka-b"};
  CHECK(clusterRoles[0]["rules"] == json::array({namespaceRule}));
  const auto clusterBindings = objectsOfKind(objects, "ClusterRoleBinding");
  REQUIRE(clusterBindings.size() == 1);
  CHECK(clusterBindings[0]["roleRef"] == json({{"apiGroup", "rbac.authorization.k8s.io"},
                                               {"kind", "ClusterRole"},
                                               {"name", fullname() + "-namespaces"}}));
  CHECK(clusterBindings[0]["subjects"] == kSubjects);

  auto secrets = kAnySecret;
  secrets["resourceNames"] = {"my-certificate"};
  const auto roles = objectsOfKind(objects, "Role");
  const auto bindings = objectsOfKind(objects, "RoleBinding");
  REQUIRE(roles.size() == 2);
  REQUIRE(bindings.size() == 2);
  const std::vector<std::string> namespaces{"strimzi", "kafka-b"};
  for (std::size_t i = 0; i < namespaces.size(); ++i) {
    INFO(namespaces[i]);
    CHECK(roles[i]["metadata"]["name"] == fullname());
    CHECK(roles[i]["metadata"]["namespace"] == namespaces[i]);
    CHECK(roles[i]["rules"] == rulesWithSecrets(secrets));
    CHECK(bindings[i]["metadata"]["namespace"] == namespaces[i]);
    CHECK(bindings[i]["roleRef"] == json::parse(R"({"apiGroup": "rbac.authorization.k8s.io",
      "kind": "Role", "name": "sgw-strimzi-gateway-webhook"})"));
    CHECK(bindings[i]["subjects"] == kSubjects);
  }
}

TEST_CASE("chart: the webhook is only ever granted reads", "[chart]") {
  const auto values = GENERATE(as<std::string>{}, "", "watchNamespaces: [strimzi]");
  INFO(values);
  const auto objects = chartObjects(values);
  for (const auto& kind : {"ClusterRole", "Role"}) {
    for (const auto& role : objectsOfKind(objects, kind)) {
      for (const auto& rule : role["rules"]) {
        // Secrets are also read one by one; everything else only through the watch cache.
        const bool secrets = rule["resources"] == json::parse(R"(["secrets"])");
        CHECK(rule["verbs"] ==
              json::parse(secrets ? R"(["get", "list", "watch"])" : R"(["list", "watch"])"));
      }
    }
  }
}

TEST_CASE("chart: rbac.create false leaves the RBAC to the installer", "[chart]") {
  const auto values = GENERATE(as<std::string>{}, "rbac: {create: false}",
                               "rbac: {create: false}\nwatchNamespaces: [strimzi]");
  INFO(values);
  const auto objects = chartObjects(values);
  for (const auto& kind : {"ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding"}) {
    CHECK(objectsOfKind(objects, kind).empty());
  }
}

} // namespace
} // namespace sgw::test::chart
