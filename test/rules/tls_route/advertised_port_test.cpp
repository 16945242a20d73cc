#include <catch2/catch.hpp>

#include "sgw/rules/tls_route/advertised_port.h"
#include "support/seed.h"

using sgw::test::Seed;
using Json = nlohmann::json;

namespace {

Json& brokerEntry(Seed& seed, std::size_t index) {
  return seed.get(
      "Kafka",
      "gateway-api-test")["spec"]["kafka"]["listeners"][0]["configuration"]["brokers"][index];
}

} // namespace

TEST_CASE("advertised-port: brokers advertise the port their Gateway listener listens on",
          "[rules][advertised-port]") {
  using Case = sgw::test::SeedCase;
  const auto c = GENERATE(values<Case>({
      {"the seed route is allowed", [](Seed&, Json&) {}, {}},
      {"broker 10 advertises 9093, the Gateway listener listens on 9092",
       [](Seed& seed, Json&) { brokerEntry(seed, 0)["advertisedPort"] = 9093; },
       {"warn: spec.parentRefs[0]: Invalid value: \"my-gateway\": broker 10 advertises port 9093 "
        "on listener obiwan, but Gateway my-gateway takes this route on port 9092; set its "
        "advertisedPort to 9092 unless something in front maps the port"}},
      {"another broker's port is not this route's business",
       [](Seed& seed, Json&) { brokerEntry(seed, 1)["advertisedPort"] = 9093; },
       {}},
      {"without advertisedPort the listener port counts",
       [](Seed& seed, Json&) {
         brokerEntry(seed, 0).erase("advertisedPort");
         seed.get("Gateway", "my-gateway")["spec"]["listeners"][0]["port"] = 443;
       },
       {"warn: spec.parentRefs[0]: Invalid value: \"my-gateway\": broker 10 advertises port 9092 "
        "on listener obiwan, but Gateway my-gateway takes this route on port 443; set its "
        "advertisedPort to 443 unless something in front maps the port"}},
      {"a parent that does not accept the route is left to the other rules",
       [](Seed& seed, Json&) {
         brokerEntry(seed, 0)["advertisedPort"] = 9093;
         seed.get("Gateway", "my-gateway")["spec"]["listeners"][0]["hostname"] = "*.other.example";
       },
       {}},
  }));
  CAPTURE(c.name);
  Seed seed;
  auto route = seed.get("TLSRoute", "gateway-api-test-broker-10");
  c.change(seed, route);
  CHECK(sgw::test::check(sgw::rules::tls_route::advertisedPortRule(), seed.snapshot(), route) ==
        c.expected);
}
