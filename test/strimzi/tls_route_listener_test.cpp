#include <catch2/catch.hpp>

#include "sgw/cluster/cluster_view.h"
#include "sgw/model/kafka.h"
#include "sgw/strimzi/node_assignment.h"
#include "sgw/strimzi/tls_route_listener.h"
#include "support/seed.h"

using sgw::test::Seed;
using Json = nlohmann::json;

namespace {

Json gatewayListener() {
  return {{"name", "gw"},
          {"port", 9095},
          {"type", "tlsroute"},
          {"tls", true},
          {"configuration",
           {{"parentRefs", {{{"name", "my-gateway"}, {"sectionName", "kafka-listener"}}}},
            {"bootstrap", {{"host", "bootstrap.example.com"}}},
            {"hostTemplate", "{nodePodName}.example.com"}}}};
}

// What the operator would make for the seed's Kafka with `listener` added as its second.
sgw::strimzi::TlsRouteListener derive(Seed& seed, const Json& listener) {
  auto kafkaJson = seed.get("Kafka", "gateway-api-test");
  kafkaJson["spec"]["kafka"]["listeners"].push_back(listener);
  sgw::FieldErrorList errors;
  const auto kafka = sgw::model::parseKafka(kafkaJson, "strimzi", errors);
  REQUIRE(errors.empty());
  const auto snapshot = seed.snapshot();
  const sgw::cluster::ClusterView view(snapshot);
  return sgw::strimzi::tlsRouteListener(kafka, 1, sgw::strimzi::clusterNodes(kafka, view));
}

} // namespace

TEST_CASE("what Strimzi creates for a tlsroute listener", "[strimzi][tlsroute]") {
  Seed seed;
  const auto routes = derive(seed, gatewayListener());
  CHECK(routes.listenerIndex == 1);
  CHECK(routes.namespace_ == "strimzi");
  REQUIRE(routes.parentRefs.size() == 1);
  CHECK(routes.parentRefs[0].name == "my-gateway");
  CHECK(routes.parentRefs[0].namespace_ == "strimzi");
  CHECK(routes.parentRefs[0].kind == "Gateway");

  CHECK(routes.bootstrap.name == "gateway-api-test-kafka-gw-bootstrap");
  CHECK(routes.bootstrap.ownerKind == "Kafka");
  CHECK(routes.bootstrap.hostname == std::optional<std::string>("bootstrap.example.com"));
  CHECK(routes.bootstrap.service == "gateway-api-test-kafka-gw-bootstrap");
  CHECK(routes.bootstrap.servicePort == 9095);
  CHECK_FALSE(routes.bootstrap.broker.has_value());

  REQUIRE(routes.brokers.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) {
    const auto& route = routes.brokers[i];
    const auto id = std::to_string(10 + i);
    CAPTURE(id);
    CHECK(route.name == "gateway-api-test-broker-gw-" + id);
    CHECK(route.service == "gateway-api-test-broker-gw-" + id);
    CHECK(route.servicePort == 9095);
    CHECK(route.pool == "broker");
    CHECK(route.ownerKind == "KafkaNodePool");
    CHECK(route.broker == std::optional(sgw::model::NodeId{static_cast<std::int64_t>(10 + i)}));
    CHECK(route.hostname ==
          std::optional<std::string>("gateway-api-test-broker-" + id + ".example.com"));
    // Without advertisedHost the broker advertises its route host, on the Gateway's 443.
    CHECK(route.advertisedHost == route.hostname);
    CHECK(route.advertisedPort == std::optional<std::int64_t>(443));
  }
}

TEST_CASE("a tlsroute listener's advertised addresses follow Strimzi's overrides",
          "[strimzi][tlsroute]") {
  Seed seed;
  auto listener = gatewayListener();
  auto& config = listener["configuration"];
  config["advertisedPortTemplate"] = "9000 + {nodeId}";
  config["advertisedHostTemplate"] = "kafka-{nodeId}.example.com";
  config["brokers"] = {{{"broker", 10}, {"host", "ten.example.com"}, {"advertisedPort", 9092}},
                       {{"broker", 11}, {"advertisedHost", "eleven.example.com"}}};
  const auto routes = derive(seed, listener);
  REQUIRE(routes.brokers.size() == 3);
  CHECK(routes.brokers[0].hostname == std::optional<std::string>("ten.example.com"));
  CHECK(routes.brokers[0].advertisedHost == std::optional<std::string>("kafka-10.example.com"));
  CHECK(routes.brokers[0].advertisedPort == std::optional<std::int64_t>(9092));
  CHECK(routes.brokers[1].hostname ==
        std::optional<std::string>("gateway-api-test-broker-11.example.com"));
  CHECK(routes.brokers[1].advertisedHost == std::optional<std::string>("eleven.example.com"));
  CHECK(routes.brokers[1].advertisedPort == std::optional<std::int64_t>(9011));
  CHECK(routes.brokers[2].advertisedPort == std::optional<std::int64_t>(9012));

  config["advertisedPortTemplate"] = "9000 / {nodeId}";
  const auto broken = derive(seed, listener);
  CHECK(broken.brokers[0].advertisedPort == std::optional<std::int64_t>(9092));
  CHECK_FALSE(broken.brokers[1].advertisedPort.has_value());
}

TEST_CASE("a tlsroute listener named external on 9094 keeps Strimzi's older route names",
          "[strimzi][tlsroute]") {
  Seed seed;
  auto listener = gatewayListener();
  listener["name"] = "external";
  listener["port"] = 9094;
  listener["configuration"].erase("hostTemplate");
  const auto routes = derive(seed, listener);
  CHECK(routes.bootstrap.name == "gateway-api-test-kafka-bootstrap");
  CHECK(routes.bootstrap.service == "gateway-api-test-kafka-external-bootstrap");
  REQUIRE(routes.brokers.size() == 3);
  CHECK(routes.brokers[0].name == "gateway-api-test-broker-10");
  CHECK_FALSE(routes.brokers[0].hostname.has_value());
  CHECK_FALSE(routes.brokers[0].advertisedHost.has_value());
}
