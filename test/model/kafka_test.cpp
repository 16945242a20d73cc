#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "sgw/model/kafka.h"

using Json = nlohmann::json;

namespace {

sgw::model::Kafka parse(const Json& object, sgw::FieldErrorList& errors) {
  return sgw::model::parseKafka(object, "strimzi", errors);
}

} // namespace

TEST_CASE("whether Strimzi runs a Kafka on its KafkaNodePools", "[model][kafka][node-pools]") {
  struct Row {
    std::string apiVersion;
    Json annotations;
    Json spec;
    bool usesNodePools;
  };
  const auto row = GENERATE(values<Row>({
      // Strimzi 1.0+ serves only v1, and 0.48+ always runs KRaft on node pools.
      {"kafka.strimzi.io/v1", Json::object(), {{"kafka", Json::object()}}, true},
      {"kafka.strimzi.io/v1", Json::object(), {{"kafka", {{"replicas", 3}}}}, true},
      {"kafka.strimzi.io/v1",
       {{"strimzi.io/node-pools", "disabled"}},
       {{"kafka", {{"replicas", 3}}}},
       true},
      // v1beta2 on Strimzi 0.4x: the annotation, or a cluster that can only run on pools.
      {"kafka.strimzi.io/v1beta2",
       {{"strimzi.io/node-pools", "enabled"}},
       {{"kafka", {{"replicas", 3}}}},
       true},
      {"kafka.strimzi.io/v1beta2",
       {{"strimzi.io/node-pools", "ENABLED"}},
       {{"kafka", Json::object()}, {"zookeeper", {{"replicas", 3}}}},
       true},
      {"kafka.strimzi.io/v1beta2", Json::object(), {{"kafka", Json::object()}}, true},
      {"kafka.strimzi.io/v1beta2", Json::object(), {{"kafka", {{"replicas", 3}}}}, false},
      {"kafka.strimzi.io/v1beta2",
       Json::object(),
       {{"kafka", Json::object()}, {"zookeeper", {{"replicas", 3}}}},
       false},
      {"kafka.strimzi.io/v1beta2",
       {{"strimzi.io/node-pools", "disabled"}},
       {{"kafka", {{"replicas", 3}}}},
       false},
  }));
  CAPTURE(row.apiVersion, row.annotations.dump(), row.spec.dump());
  sgw::FieldErrorList errors;
  const auto kafka = parse({{"apiVersion", row.apiVersion},
                            {"kind", "Kafka"},
                            {"metadata", {{"name", "c"}, {"annotations", row.annotations}}},
                            {"spec", row.spec}},
                           errors);
  CHECK(errors.empty());
  CHECK(kafka.apiVersion == row.apiVersion);
  CHECK(kafka.hasZookeeper == row.spec.contains("zookeeper"));
  CHECK(kafka.usesNodePools() == row.usesNodePools);
}

TEST_CASE("a tlsroute listener's fields are read with the Gateway API defaults",
          "[model][kafka][tlsroute]") {
  const Json listener = {
      {"name", "gw"},
      {"port", 9095},
      {"type", "tlsroute"},
      {"tls", true},
      {"configuration",
       {{"parentRefs",
         {{{"name", "my-gateway"}, {"sectionName", "kafka"}},
          {{"group", "gateway.networking.k8s.io"},
           {"kind", "ListenerSet"},
           {"namespace", "gateways"},
           {"name", "kafka-set"},
           {"port", 443}}}},
        {"bootstrap", {{"host", "bootstrap.example.com"}}},
        {"hostTemplate", "broker-{nodeId}.example.com"},
        {"advertisedPortTemplate", "9000 + {nodeId}"},
        {"brokers", {{{"broker", 1000}, {"host", "b.example.com"}, {"advertisedPort", 9443}}}}}}};
  sgw::FieldErrorList errors;
  const auto kafka = parse({{"apiVersion", "kafka.strimzi.io/v1"},
                            {"kind", "Kafka"},
                            {"metadata", {{"name", "c"}, {"namespace", "kafka"}}},
                            {"spec", {{"kafka", {{"listeners", {listener}}}}}}},
                           errors);
  REQUIRE(errors.empty());
  const auto& config = kafka.listeners.at(0).configuration;
  CHECK(config.hasParentRefs);
  REQUIRE(config.parentRefs.size() == 2);
  CHECK(config.parentRefs[0].group == "gateway.networking.k8s.io");
  CHECK(config.parentRefs[0].kind == "Gateway");
  CHECK(config.parentRefs[0].namespace_ == "kafka"); // the routes live in the Kafka's namespace
  CHECK(config.parentRefs[0].name == "my-gateway");
  CHECK(config.parentRefs[0].sectionName == std::optional<std::string>("kafka"));
  CHECK_FALSE(config.parentRefs[0].port.has_value());
  CHECK(config.parentRefs[1].kind == "ListenerSet");
  CHECK(config.parentRefs[1].namespace_ == "gateways");
  CHECK(config.parentRefs[1].port == std::optional<std::int64_t>(443));
  CHECK(config.bootstrap.host == std::optional<std::string>("bootstrap.example.com"));
  CHECK(config.hostTemplate == std::optional<std::string>("broker-{nodeId}.example.com"));
  CHECK(config.advertisedPortTemplate == std::optional<std::string>("9000 + {nodeId}"));
  CHECK(config.brokers.at(0).broker == std::optional(sgw::model::NodeId{1000}));
  CHECK(config.brokers.at(0).host == std::optional<std::string>("b.example.com"));
}

TEST_CASE("ill-typed parentRefs and advertisedPortTemplate are field errors",
          "[model][kafka][tlsroute]") {
  sgw::FieldErrorList errors;
  parse({{"apiVersion", "kafka.strimzi.io/v1"},
         {"kind", "Kafka"},
         {"metadata", {{"name", "c"}}},
         {"spec",
          {{"kafka",
            {{"listeners",
              {{{"name", "gw"},
                {"type", "tlsroute"},
                {"configuration",
                 {{"parentRefs", {"my-gateway", {{"name", 7}}}},
                  {"advertisedPortTemplate", 9092}}}}}}}}}}},
        errors);
  CHECK(sgw::aggregate(errors) ==
        "[spec.kafka.listeners[0].configuration.advertisedPortTemplate: Invalid value: 9092: "
        "must be a string, spec.kafka.listeners[0].configuration.parentRefs[0]: Invalid value: "
        "\"my-gateway\": must be an object, "
        "spec.kafka.listeners[0].configuration.parentRefs[1].name: Invalid value: 7: must be a "
        "string]");
}
