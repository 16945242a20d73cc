#include <catch2/catch.hpp>

#include "sgw/model/gateway.h"

using Json = nlohmann::json;

TEST_CASE("Gateway listeners read allowedRoutes with the API defaults", "[model][gateway]") {
  sgw::FieldErrorList errors;
  const auto gateway = sgw::model::parseGateway(
      Json::parse(R"({"apiVersion": "gateway.networking.k8s.io/v1", "kind": "Gateway",
        "metadata": {"name": "g"},
        "spec": {"listeners": [
          {"name": "plain", "port": 9092, "protocol": "TLS", "hostname": "",
           "tls": {"mode": "Passthrough"}},
          {"name": "picky", "port": 9093, "protocol": "TLS", "hostname": "*.example.com",
           "tls": {"mode": "Passthrough"},
           "allowedRoutes": {"namespaces": {"from": "Selector",
                                            "selector": {"matchLabels": {"team": "kafka"}}},
                             "kinds": [{"kind": "TLSRoute"}, {"group": "", "kind": "Custom"}]}}
        ],
        "allowedListeners": {"namespaces": {"from": "All"}}}})"),
      "gateways", errors);
  REQUIRE(errors.empty());
  CHECK(gateway.metadata.namespace_ == "gateways");
  CHECK(gateway.allowedListeners.from == "All");
  const auto& plain = gateway.listeners[0];
  CHECK_FALSE(plain.hostname.has_value()); // "" matches every hostname, as absent does
  CHECK(plain.allowedNamespaces.from == "Same");
  CHECK_FALSE(plain.allowedNamespaces.selector.has_value());
  CHECK(plain.allowedKinds.empty());
  const auto& picky = gateway.listeners[1];
  CHECK(picky.hostname == std::optional<std::string>("*.example.com"));
  CHECK(picky.allowedNamespaces.from == "Selector");
  REQUIRE(picky.allowedNamespaces.selector.has_value());
  CHECK(picky.allowedNamespaces.selector->matchLabels ==
        std::map<std::string, std::string>{{"team", "kafka"}});
  REQUIRE(picky.allowedKinds.size() == 2);
  CHECK(picky.allowedKinds[0].group == "gateway.networking.k8s.io");
  CHECK(picky.allowedKinds[1].group.empty());
}

TEST_CASE("a Gateway takes no ListenerSets unless it says so", "[model][gateway]") {
  sgw::FieldErrorList errors;
  const auto gateway = sgw::model::parseGateway(
      Json::parse(R"({"metadata": {"name": "g"}, "spec": {"listeners": []}})"), "ns", errors);
  CHECK(gateway.allowedListeners.from == "None");
}

TEST_CASE("a ListenerSet's parentRef defaults to a Gateway of its namespace", "[model][gateway]") {
  sgw::FieldErrorList errors;
  const auto set =
      sgw::model::parseListenerSet(Json::parse(R"({"metadata": {"name": "ls", "namespace": "apps"},
        "spec": {"parentRef": {"name": "g"},
                 "listeners": [{"name": "kafka", "port": 9092, "protocol": "TLS",
                                "tls": {"mode": "Passthrough"}}]}})"),
                                   "default", errors);
  REQUIRE(errors.empty());
  CHECK(set.parentGroup == "gateway.networking.k8s.io");
  CHECK(set.parentKind == "Gateway");
  CHECK(set.parent == sgw::model::ObjectKey{"apps", "g"});
  REQUIRE(set.listener("kafka") != nullptr);
  CHECK(set.listener("kafka")->port == 9092);
}

TEST_CASE("a Namespace is cluster-scoped and carries its name label", "[model][gateway]") {
  sgw::FieldErrorList errors;
  const auto ns = sgw::model::parseNamespace(
      Json::parse(R"({"metadata": {"name": "strimzi", "labels": {"team": "kafka",
                      "kubernetes.io/metadata.name": "wrong"}}})"),
      "default", errors);
  CHECK(ns.metadata.key() == sgw::model::ObjectKey{"", "strimzi"});
  CHECK(ns.metadata.labels == std::map<std::string, std::string>{
                                  {"kubernetes.io/metadata.name", "strimzi"}, {"team", "kafka"}});
}
