#include <catch2/catch.hpp>
#include <functional>

#include "sgw/rules/kafka/listener_coverage.h"
#include "support/seed.h"

using sgw::test::Seed;
using Json = nlohmann::json;

namespace {

Json& configurationOf(Json& kafka) {
  return kafka["spec"]["kafka"]["listeners"][0]["configuration"];
}

const std::string kPath = "spec.kafka.listeners[0].configuration.brokers";

} // namespace

TEST_CASE("listener-coverage warns about brokers that would advertise internal addresses",
          "[rules][listener-coverage]") {
  using Case = sgw::test::SeedCase;
  const auto c = GENERATE(values<Case>({
      {"the seed is allowed", [](Seed&, Json&) {}, {}},
      {"a fourth broker without an entry",
       [](Seed& seed, Json&) { seed.get("KafkaNodePool", "broker")["spec"]["replicas"] = 4; },
       {"warn: " + kPath +
        ": Required value: no advertisedHost for broker 13, which would "
        "advertise its internal address; add an entry for it"}},
      {"two brokers without entries",
       [](Seed& seed, Json& kafka) {
         seed.get("KafkaNodePool", "broker")["spec"]["replicas"] = 4;
         configurationOf(kafka)["brokers"][1]["advertisedHost"] = "";
       },
       {"warn: " + kPath +
        ": Required value: no advertisedHost for brokers 11, 13, which would "
        "advertise their internal addresses; add entries for them"}},
      {"an entry for another ID does not count",
       [](Seed&, Json& kafka) { configurationOf(kafka)["brokers"][2]["broker"] = 14; },
       {"warn: " + kPath +
        ": Required value: no advertisedHost for broker 12, which would "
        "advertise its internal address; add an entry for it"}},
      {"a template covers every broker",
       [](Seed& seed, Json& kafka) {
         seed.get("KafkaNodePool", "broker")["spec"]["replicas"] = 4;
         configurationOf(kafka)["advertisedHostTemplate"] =
             "broker-{nodeId}.strimzi.gateway.api.test";
       },
       {}},
      {"a listener without advertised hosts is not judged",
       [](Seed& seed, Json& kafka) {
         seed.get("KafkaNodePool", "broker")["spec"]["replicas"] = 4;
         for (auto& entry : configurationOf(kafka)["brokers"]) {
           entry.erase("advertisedHost");
         }
       },
       {}},
      {"no pools yet: nothing to compare",
       [](Seed& seed, Json&) {
         seed.remove("KafkaNodePool", "broker");
         seed.remove("KafkaNodePool", "controller");
       },
       {}},
  }));
  CAPTURE(c.name);
  Seed seed;
  auto kafka = seed.get("Kafka", "gateway-api-test");
  c.change(seed, kafka);
  CHECK(sgw::test::check(sgw::rules::kafka::listenerCoverageRule(), seed.snapshot(), kafka) ==
        c.expected);
}
