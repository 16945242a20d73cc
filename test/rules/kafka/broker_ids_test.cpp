#include <catch2/catch.hpp>
#include <functional>

#include "sgw/rules/kafka/broker_ids.h"
#include "support/seed.h"

using sgw::test::Seed;
using Json = nlohmann::json;

namespace {

Json& brokersOf(Json& kafka) {
  return kafka["spec"]["kafka"]["listeners"][0]["configuration"]["brokers"];
}

Json entry(std::int64_t id) {
  return {{"broker", id},
          {"advertisedHost", "broker-" + std::to_string(id) + ".strimzi.gateway.api.test"},
          {"advertisedPort", 9092}};
}

const std::string kPath = "spec.kafka.listeners[0].configuration.brokers";
const std::string kBrokers = "broker nodes of cluster gateway-api-test are 10, 11, 12";

} // namespace

TEST_CASE("broker-ids judges each listed ID against the cluster's nodes", "[rules][broker-ids]") {
  using Case = sgw::test::SeedCase;
  const auto c = GENERATE(values<Case>({
      {"the seed is allowed", [](Seed&, Json&) {}, {}},
      {"a controller-only node",
       [](Seed&, Json& kafka) { brokersOf(kafka).push_back(entry(0)); },
       {"deny: " + kPath +
        "[3].broker: Invalid value: 0: node 0 is a controller-only node (pool "
        "controller); " +
        kBrokers}},
      {"a duplicate",
       [](Seed&, Json& kafka) { brokersOf(kafka).push_back(entry(12)); },
       {"deny: " + kPath +
        "[3].broker: Duplicate value: 12: brokers[2] already configures it; "
        "merge the two entries"}},
      {"an ID outside every broker pool's next-node-ids",
       [](Seed&, Json& kafka) { brokersOf(kafka).push_back(entry(5)); },
       {"deny: " + kPath +
        "[3].broker: Invalid value: 5: no broker pool can get this ID (pool "
        "broker takes [10-100]); " +
        kBrokers}},
      {"an ID a scale-up could bring is a warning",
       [](Seed&, Json& kafka) { brokersOf(kafka).push_back(entry(13)); },
       {"warn: " + kPath +
        "[3].broker: Invalid value: 13: no broker 13 yet (kept for a "
        "scale-up?); " +
        kBrokers}},
      {"without next-node-ids any free ID could come",
       [](Seed& seed, Json& kafka) {
         seed.get("KafkaNodePool", "broker")["metadata"]["annotations"].erase(
             "strimzi.io/next-node-ids");
         brokersOf(kafka).push_back(entry(5));
       },
       {"warn: " + kPath +
        "[3].broker: Invalid value: 5: no broker 5 yet (kept for a scale-up?); " + kBrokers}},
      {"1000 is a node ID like any other (no cap at 999)",
       [](Seed& seed, Json& kafka) {
         seed.get("KafkaNodePool", "broker")["metadata"]["annotations"].erase(
             "strimzi.io/next-node-ids");
         brokersOf(kafka).push_back(entry(1000));
       },
       {"warn: " + kPath + "[3].broker: Invalid value: 1000: no broker 1000 yet (kept for a " +
        "scale-up?); " + kBrokers}},
      {"the largest Java int is still a node ID",
       [](Seed& seed, Json& kafka) {
         seed.get("KafkaNodePool", "broker")["metadata"]["annotations"].erase(
             "strimzi.io/next-node-ids");
         brokersOf(kafka).push_back(entry(2147483647));
       },
       {"warn: " + kPath + "[3].broker: Invalid value: 2147483647: no broker 2147483647 yet " +
        "(kept for a scale-up?); " + kBrokers}},
      {"above the largest Java int is never a node ID",
       [](Seed& seed, Json& kafka) {
         seed.get("KafkaNodePool", "broker")["metadata"]["annotations"].erase(
             "strimzi.io/next-node-ids");
         brokersOf(kafka).push_back(entry(2147483648));
       },
       {"deny: " + kPath +
        "[3].broker: Invalid value: 2147483648: node IDs run from 0 to 2147483647; " +
        kBrokers}},
      {"above 999 is fine when a range names it",
       [](Seed& seed, Json& kafka) {
         seed.get("KafkaNodePool",
                  "broker")["metadata"]["annotations"]["strimzi.io/next-node-ids"] =
             "[10-100, 1000-1010]";
         brokersOf(kafka).push_back(entry(1005));
       },
       {"warn: " + kPath +
        "[3].broker: Invalid value: 1005: no broker 1005 yet (kept for a "
        "scale-up?); " +
        kBrokers}},
      {"a negative ID",
       [](Seed&, Json& kafka) { brokersOf(kafka).push_back(entry(-1)); },
       {"deny: " + kPath + "[3].broker: Invalid value: -1: node IDs run from 0 to 2147483647; " +
        kBrokers}},
      {"an invalid next-node-ids lets Strimzi pick any ID",
       [](Seed& seed, Json& kafka) {
         seed.get("KafkaNodePool",
                  "broker")["metadata"]["annotations"]["strimzi.io/next-node-ids"] = "[10-";
         brokersOf(kafka).push_back(entry(5));
       },
       {"warn: " + kPath +
        "[3].broker: Invalid value: 5: no broker 5 yet (kept for a scale-up?); " + kBrokers}},
      {"0, 1, 2 instead of 10, 11, 12",
       [](Seed&, Json& kafka) {
         brokersOf(kafka) = Json::array({entry(0), entry(1), entry(2)});
       },
       {"deny: " + kPath + ": Invalid value: [0,1,2]: none of these is a broker node; " +
        kBrokers}},
      {"only future IDs is still none",
       [](Seed&, Json& kafka) {
         brokersOf(kafka) = Json::array({entry(13), entry(14)});
       },
       {"deny: " + kPath + ": Invalid value: [13,14]: none of these is a broker node; " +
        kBrokers}},
      {"a node of a pool without roles",
       [](Seed& seed, Json& kafka) {
         seed.get("KafkaNodePool", "controller")["spec"]["roles"] = Json::array();
         brokersOf(kafka).push_back(entry(0));
       },
       {"deny: " + kPath +
        "[3].broker: Invalid value: 0: node 0 is in pool controller, which has "
        "no broker role; " +
        kBrokers}},
      {"no pools yet: checked later",
       [](Seed& seed, Json&) {
         seed.remove("KafkaNodePool", "broker");
         seed.remove("KafkaNodePool", "controller");
       },
       {"warn: " + kPath +
        ": Invalid value: [10,11,12]: not checked yet: no KafkaNodePool has "
        "strimzi.io/cluster=gateway-api-test"}},
      {"only a controller pool: no broker nodes yet",
       [](Seed& seed, Json&) { seed.remove("KafkaNodePool", "broker"); },
       {"warn: " + kPath +
            "[0].broker: Invalid value: 10: no broker 10 yet (kept for a "
            "scale-up?); cluster gateway-api-test has no broker nodes yet",
        "warn: " + kPath +
            "[1].broker: Invalid value: 11: no broker 11 yet (kept for a "
            "scale-up?); cluster gateway-api-test has no broker nodes yet",
        "warn: " + kPath +
            "[2].broker: Invalid value: 12: no broker 12 yet (kept for a "
            "scale-up?); cluster gateway-api-test has no broker nodes yet"}},
      {"a v1beta2 cluster without node pools has brokers 0..replicas-1",
       [](Seed&, Json& kafka) {
         kafka["apiVersion"] = "kafka.strimzi.io/v1beta2";
         kafka["spec"]["kafka"]["replicas"] = 3;
       },
       {"deny: " + kPath +
        ": Invalid value: [10,11,12]: none of these is a broker node; broker "
        "nodes of cluster gateway-api-test are 0, 1, 2"}},
      {"a v1 cluster runs on its pools whatever spec.kafka.replicas says",
       [](Seed&, Json& kafka) { kafka["spec"]["kafka"]["replicas"] = 3; },
       {}},
      {"a v1 cluster runs on its pools even when the annotation says disabled",
       [](Seed&, Json& kafka) {
         kafka["metadata"]["annotations"]["strimzi.io/node-pools"] = "disabled";
       },
       {}},
      {"a v1beta2 cluster with the annotation runs on its pools",
       [](Seed&, Json& kafka) {
         kafka["apiVersion"] = "kafka.strimzi.io/v1beta2";
         kafka["metadata"]["annotations"]["strimzi.io/node-pools"] = "enabled";
         kafka["spec"]["kafka"]["replicas"] = 3;
       },
       {}},
      {"a v1beta2 cluster with neither zookeeper nor replicas can only run on pools",
       [](Seed&, Json& kafka) { kafka["apiVersion"] = "kafka.strimzi.io/v1beta2"; },
       {}},
      {"a v1beta2 ZooKeeper cluster without the annotation does not use pools",
       [](Seed&, Json& kafka) {
         kafka["apiVersion"] = "kafka.strimzi.io/v1beta2";
         kafka["spec"]["zookeeper"] = {{"replicas", 3}};
       },
       {"warn: " + kPath +
            "[0].broker: Invalid value: 10: no broker 10 yet (kept for a "
            "scale-up?); cluster gateway-api-test has no broker nodes yet",
        "warn: " + kPath +
            "[1].broker: Invalid value: 11: no broker 11 yet (kept for a "
            "scale-up?); cluster gateway-api-test has no broker nodes yet",
        "warn: " + kPath +
            "[2].broker: Invalid value: 12: no broker 12 yet (kept for a "
            "scale-up?); cluster gateway-api-test has no broker nodes yet"}},
      {"0, 1, 2 on a v1beta2 cluster gets the same message as on v1",
       [](Seed&, Json& kafka) {
         kafka["apiVersion"] = "kafka.strimzi.io/v1beta2";
         kafka["metadata"]["annotations"]["strimzi.io/node-pools"] = "enabled";
         kafka["metadata"]["annotations"]["strimzi.io/kraft"] = "enabled";
         brokersOf(kafka) = Json::array({entry(0), entry(1), entry(2)});
       },
       {"deny: " + kPath + ": Invalid value: [0,1,2]: none of these is a broker node; " +
        kBrokers}},
      {"brokers 1000, 1001, 1002 (proposal 136's node 1000)",
       [](Seed& seed, Json& kafka) {
         auto& pool = seed.get("KafkaNodePool", "broker");
         pool["metadata"]["annotations"]["strimzi.io/next-node-ids"] = "[1000-1100]";
         pool["status"]["nodeIds"] = {1000, 1001, 1002};
         brokersOf(kafka) = Json::array({entry(1000), entry(1001), entry(1002)});
       },
       {}},
      {"entries without an ID, and listeners without brokers, are left alone",
       [](Seed&, Json& kafka) {
         brokersOf(kafka).push_back({{"advertisedHost", "x.strimzi.gateway.api.test"}});
         kafka["spec"]["kafka"]["listeners"].push_back(
             {{"name", "plain"}, {"port", 9093}, {"type", "internal"}, {"tls", false}});
         kafka["spec"]["kafka"]["listeners"].push_back(
             {{"name", "empty"},
              {"port", 9094},
              {"type", "cluster-ip"},
              {"tls", false},
              {"configuration", {{"brokers", Json::array()}}}});
       },
       {}},
  }));
  CAPTURE(c.name);
  Seed seed;
  auto kafka = seed.get("Kafka", "gateway-api-test");
  c.change(seed, kafka);
  CHECK(sgw::test::check(sgw::rules::kafka::brokerIdsRule(), seed.snapshot(), kafka) == c.expected);
}

TEST_CASE("broker-ids checks each listener on its own", "[rules][broker-ids]") {
  Seed seed;
  auto kafka = seed.get("Kafka", "gateway-api-test");
  auto second = kafka["spec"]["kafka"]["listeners"][0];
  second["name"] = "second";
  second["port"] = 9093;
  second["configuration"]["brokers"] = Json::array({entry(10), entry(10), entry(0)});
  kafka["spec"]["kafka"]["listeners"].push_back(second);
  CHECK(sgw::test::check(sgw::rules::kafka::brokerIdsRule(), seed.snapshot(), kafka) ==
        std::vector<std::string>{
            "deny: spec.kafka.listeners[1].configuration.brokers[1].broker: Duplicate value: 10: "
            "brokers[0] already configures it; merge the two entries",
            "deny: spec.kafka.listeners[1].configuration.brokers[2].broker: Invalid value: 0: node "
            "0 is a controller-only node (pool controller); " +
                kBrokers});
}
