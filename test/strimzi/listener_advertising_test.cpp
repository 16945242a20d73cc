#include <catch2/catch.hpp>

#include "sgw/cluster/any_object.h"
#include "sgw/strimzi/listener_advertising.h"

using sgw::model::NodeId;
using Json = nlohmann::json;

namespace {

// The first listener of a Kafka with this one listener.
sgw::model::KafkaListener listenerOf(Json listener) {
  const Json kafka = {{"apiVersion", "kafka.strimzi.io/v1"},
                      {"kind", "Kafka"},
                      {"metadata", {{"name", "k"}, {"namespace", "strimzi"}}},
                      {"spec", {{"kafka", {{"listeners", Json::array({std::move(listener)})}}}}}};
  const auto parsed = sgw::cluster::parseObject(sgw::model::Kind::Kafka, kafka, "strimzi");
  REQUIRE(parsed.has_value());
  REQUIRE(parsed->errors.empty());
  return std::get<std::shared_ptr<const sgw::model::Kafka>>(parsed->object)->listeners.at(0);
}

Json listenerJson(const std::string& type, Json configuration) {
  return {{"name", "ext"},
          {"port", 9094},
          {"type", type},
          {"tls", true},
          {"configuration", std::move(configuration)}};
}

} // namespace

TEST_CASE("the port a broker advertises is picked as Strimzi picks it",
          "[strimzi][listener-advertising]") {
  Json configuration;
  configuration["advertisedPortTemplate"] = "9000 + {nodeId}";
  configuration["brokers"] = Json::array(
      {Json{{"broker", 10}, {"advertisedHost", "b10.example.com"}, {"advertisedPort", 443}},
       Json{{"broker", 11}, {"advertisedHost", "b11.example.com"}}});
  const auto perBroker = listenerOf(listenerJson("cluster-ip", configuration));
  // The broker's own entry first, then the template.
  CHECK(sgw::strimzi::advertisedPort(perBroker, NodeId{10}) == 443);
  CHECK(sgw::strimzi::advertisedPort(perBroker, NodeId{11}) == 9011);
  CHECK(sgw::strimzi::advertisedPort(perBroker, NodeId{12}) == 9012);

  // Without either: the listener port, or 443 for a tlsroute listener.
  CHECK(sgw::strimzi::advertisedPort(listenerOf(listenerJson("cluster-ip", Json::object())),
                                     NodeId{10}) == 9094);
  Json tlsroute;
  tlsroute["hostTemplate"] = "b-{nodeId}.example.com";
  CHECK(sgw::strimzi::advertisedPort(listenerOf(listenerJson("tlsroute", tlsroute)), NodeId{10}) ==
        443);
}

TEST_CASE("a listener advertises per broker when it lists hosts one by one",
          "[strimzi][listener-advertising]") {
  Json listedConfiguration;
  listedConfiguration["brokers"] =
      Json::array({Json{{"broker", 10}, {"advertisedHost", "b10.example.com"}},
                   Json{{"broker", 11}, {"advertisedPort", 9443}}});
  const auto listed = listenerOf(listenerJson("cluster-ip", listedConfiguration));
  CHECK(sgw::strimzi::advertisesPerBroker(listed));
  CHECK(sgw::strimzi::brokersWithoutAdvertisedHost(listed, {NodeId{10}, NodeId{11}, NodeId{12}}) ==
        std::vector<NodeId>{NodeId{11}, NodeId{12}});

  Json templatedConfiguration = listedConfiguration;
  templatedConfiguration["advertisedHostTemplate"] = "b{nodeId}.example.com";
  CHECK_FALSE(sgw::strimzi::advertisesPerBroker(
      listenerOf(listenerJson("cluster-ip", templatedConfiguration))));

  CHECK_FALSE(
      sgw::strimzi::advertisesPerBroker(listenerOf(listenerJson("cluster-ip", Json::object()))));
}
