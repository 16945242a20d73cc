#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "sgw/model/json_fields.h"
#include "sgw/model/tls_route.h"
#include "support/field_errors.h"

using Json = nlohmann::json;
using sgw::test::texts;

TEST_CASE("a TLSRoute fills in the Gateway API defaults of parents and backends",
          "[model][tlsroute]") {
  sgw::FieldErrorList errors;
  const auto route = sgw::model::parseTlsRoute(Json::parse(R"({
      "apiVersion": "gateway.networking.k8s.io/v1alpha2",
      "metadata": {"name": "broker-10"},
      "spec": {
        "hostnames": ["broker-10.example"],
        "parentRefs": [{"name": "my-gateway"},
                       {"group": "gateway.networking.k8s.io", "kind": "ListenerSet",
                        "namespace": "gw", "name": "extra", "sectionName": "kafka", "port": 9092}],
        "rules": [{"backendRefs": [{"name": "broker-10-svc", "port": 9092},
                                   {"group": "example.com", "kind": "Backend", "namespace": "x",
                                    "name": "b", "weight": 0}]},
                  {}]
      }})"),
                                               "strimzi", errors);
  CHECK(errors.empty());
  CHECK(route.apiVersion == "gateway.networking.k8s.io/v1alpha2");
  CHECK(route.hostnames == std::vector<std::string>{"broker-10.example"});
  REQUIRE(route.parentRefs.size() == 2);
  const auto& gateway = route.parentRefs[0];
  CHECK(gateway.group == "gateway.networking.k8s.io");
  CHECK(gateway.kind == "Gateway");
  CHECK(gateway.namespace_ == "strimzi");
  CHECK(gateway.name == "my-gateway");
  CHECK_FALSE(gateway.sectionName.has_value());
  CHECK_FALSE(gateway.port.has_value());
  CHECK(gateway.isGateway());
  const auto& set = route.parentRefs[1];
  CHECK_FALSE(set.isGateway());
  CHECK(set.namespace_ == "gw");
  CHECK(set.sectionName == "kafka");
  CHECK(set.port == 9092);

  REQUIRE(route.rules.size() == 2);
  CHECK(route.rules[1].backendRefs.empty());
  REQUIRE(route.rules[0].backendRefs.size() == 2);
  const auto& service = route.rules[0].backendRefs[0];
  CHECK(service.isService());
  CHECK(service.key() == sgw::model::ObjectKey{"strimzi", "broker-10-svc"});
  CHECK(service.port == 9092);
  CHECK_FALSE(service.weight.has_value());
  const auto& other = route.rules[0].backendRefs[1];
  CHECK_FALSE(other.isService());
  CHECK(other.key() == sgw::model::ObjectKey{"x", "b"});
  CHECK(other.weight == 0);
}

TEST_CASE("a parentRef is a Gateway only in the Gateway API group", "[model][tlsroute]") {
  sgw::FieldErrorList errors;
  const Json value{{"group", "example.com"}, {"name", "g"}};
  const auto parent = sgw::model::parseParentReference(
      sgw::model::JsonFields(value, sgw::FieldPath::root("parentRefs").index(0), errors),
      "strimzi");
  CHECK(errors.empty());
  CHECK(parent.kind == "Gateway");
  CHECK_FALSE(parent.isGateway());
}

TEST_CASE("a backend of the core group must also be of kind Service", "[model][tlsroute]") {
  sgw::model::BackendReference backend{"", "Pod", "strimzi", "p", std::nullopt, std::nullopt};
  CHECK_FALSE(backend.isService());
  backend.kind = "Service";
  CHECK(backend.isService());
}

TEST_CASE("a route is Strimzi's when a Kafka or KafkaNodePool of kafka.strimzi.io owns it",
          "[model][tlsroute]") {
  const auto ownedBy = [](const std::string& apiVersion, const std::string& kind) {
    sgw::model::TlsRoute route;
    route.metadata.ownerReferences.push_back({apiVersion, kind, "my-cluster", true});
    return route.ownedByStrimzi();
  };
  CHECK(ownedBy("kafka.strimzi.io/v1beta2", "Kafka"));
  CHECK(ownedBy("kafka.strimzi.io/v1", "KafkaNodePool"));
  CHECK_FALSE(ownedBy("kafka.strimzi.io/v1", "KafkaTopic"));
  CHECK_FALSE(ownedBy("example.com/v1", "Kafka"));
  // The group must match whole, not as a prefix.
  CHECK_FALSE(ownedBy("kafka.strimzi.io.example.com/v1", "Kafka"));
  CHECK_FALSE(ownedBy("kafka.strimzi.io", "Kafka"));
  CHECK_FALSE(sgw::model::TlsRoute{}.ownedByStrimzi());
}

TEST_CASE("ill-typed TLSRoute fields are field errors at their paths", "[model][tlsroute]") {
  sgw::FieldErrorList errors;
  const auto route = sgw::model::parseTlsRoute(Json::parse(R"({
      "metadata": {"name": "r"},
      "spec": {
        "hostnames": "a.example",
        "parentRefs": ["my-gateway", {"name": "g", "port": "9092"}],
        "rules": [7, {"backendRefs": ["svc", {"name": "s", "weight": true}]}]
      }})"),
                                               "strimzi", errors);
  CHECK(texts(errors) ==
        std::vector<std::string>{
            "spec.hostnames: Invalid value: \"a.example\": must be a list",
            "spec.parentRefs[0]: Invalid value: \"my-gateway\": must be an object",
            "spec.parentRefs[1].port: Invalid value: \"9092\": must be an integer",
            "spec.rules[0]: Invalid value: 7: must be an object",
            "spec.rules[1].backendRefs[0]: Invalid value: \"svc\": must be an object",
            "spec.rules[1].backendRefs[1].weight: Invalid value: true: must be an integer"});
  // Entries keep their positions, so later paths still name the right index.
  CHECK(route.parentRefs.size() == 2);
  REQUIRE(route.rules.size() == 2);
  CHECK(route.rules[1].backendRefs.size() == 2);
}
