#include <catch2/catch.hpp>

#include "sgw/rules/kafka/advertised_port.h"
#include "support/seed.h"

using sgw::test::Seed;
using Json = nlohmann::json;

TEST_CASE("advertised-port (Kafka): brokers advertise the port their routes attach on",
          "[rules][advertised-port]") {
  using Case = sgw::test::SeedCase;
  const auto c = GENERATE(values<Case>({
      {"the seed Kafka is allowed", [](Seed&, Json&) {}, {}},
      {"broker 11 advertises 9093",
       [](Seed&, Json& kafka) {
         kafka["spec"]["kafka"]["listeners"][0]["configuration"]["brokers"][1]["advertisedPort"] =
             9093;
       },
       {"warn: spec.kafka.listeners[0].configuration.brokers[1].advertisedPort: Invalid value: "
        "9093: its TLSRoute gateway-api-test-broker-11 attaches to Gateway my-gateway on port "
        "9092; advertise 9092 unless something in front maps the port"}},
      {"no advertisedPort: the listener port, and a Gateway listener on 443",
       [](Seed& seed, Json& kafka) {
         for (auto& entry : kafka["spec"]["kafka"]["listeners"][0]["configuration"]["brokers"]) {
           entry.erase("advertisedPort");
         }
         seed.get("Gateway", "my-gateway")["spec"]["listeners"][0]["port"] = 443;
       },
       {"warn: spec.kafka.listeners[0].port: Invalid value: 9092: its TLSRoute "
        "gateway-api-test-broker-10 attaches to Gateway my-gateway on port 443; advertise 443 "
        "unless something in front maps the port",
        "warn: spec.kafka.listeners[0].port: Invalid value: 9092: its TLSRoute "
        "gateway-api-test-broker-11 attaches to Gateway my-gateway on port 443; advertise 443 "
        "unless something in front maps the port",
        "warn: spec.kafka.listeners[0].port: Invalid value: 9092: its TLSRoute "
        "gateway-api-test-broker-12 attaches to Gateway my-gateway on port 443; advertise 443 "
        "unless something in front maps the port"}},
  }));
  CAPTURE(c.name);
  Seed seed;
  auto kafka = seed.get("Kafka", "gateway-api-test");
  c.change(seed, kafka);
  CHECK(sgw::test::check(sgw::rules::kafka::advertisedPortRule(), seed.snapshot(), kafka) ==
        c.expected);
}
