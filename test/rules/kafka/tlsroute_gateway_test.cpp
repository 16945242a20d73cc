#include <catch2/catch.hpp>

#include "sgw/rules/kafka/tlsroute_gateway.h"
#include "support/seed.h"

using sgw::test::Seed;
using Json = nlohmann::json;

namespace {

// The seed's Kafka gets a second listener whose TLSRoutes Strimzi creates itself, attached to the
// seed's Gateway (TLS Passthrough on port 9092, no hostname, routes from its own namespace), its
// brokers advertising the Gateway's port.
Json tlsRouteListener() {
  auto listener = sgw::test::tlsRouteListener();
  listener["configuration"]["advertisedPortTemplate"] = "9092";
  return listener;
}

Json& gwConfig(Json& kafka) {
  return kafka["spec"]["kafka"]["listeners"][1]["configuration"];
}

Json& gatewayListener(Seed& seed) {
  return seed.get("Gateway", "my-gateway")["spec"]["listeners"][0];
}

const std::string kGw = "spec.kafka.listeners[1].configuration";

std::vector<std::string> judge(Seed& seed, const Json& kafka) {
  return sgw::test::check(sgw::rules::kafka::tlsRouteGatewayRule(), seed.snapshot(), kafka);
}

} // namespace

TEST_CASE("tlsroute-gateway judges the routes Strimzi will create against their Gateway",
          "[rules][tlsroute-gateway][tlsroute]") {
  using Case = sgw::test::SeedCase;
  const auto c = GENERATE(values<Case>({
      {"the seed's Gateway takes them, on the advertised port", [](Seed&, Json&) {}, {}},
      {"a parent not applied yet",
       [](Seed&, Json& kafka) { gwConfig(kafka)["parentRefs"][0]["name"] = "later-gateway"; },
       {"warn: " + kGw +
        ".parentRefs[0].name: Not found: \"later-gateway\": no Gateway of this name in "
        "namespace strimzi yet; the TLSRoutes Strimzi creates for listener gw stay unattached "
        "until it exists"}},
      {"a section the Gateway does not have",
       [](Seed&, Json& kafka) { gwConfig(kafka)["parentRefs"][0]["sectionName"] = "kafka"; },
       {"deny: " + kGw +
        ".parentRefs[0].sectionName: Not found: \"kafka\": Gateway my-gateway has no such "
        "listener"}},
      {"the default advertised port 443 while the Gateway listens on 9092",
       [](Seed&, Json& kafka) { gwConfig(kafka).erase("advertisedPortTemplate"); },
       {"warn: " + kGw +
        ".advertisedPortTemplate: Invalid value: 443: brokers advertise 443, but listener "
        "kafka-listener of Gateway my-gateway listens on 9092; set advertisedPortTemplate: "
        "\"9092\" unless something in front maps the port"}},
      {"a per-broker advertisedPort off the Gateway's port",
       [](Seed&, Json& kafka) {
         gwConfig(kafka)["brokers"] = {{{"broker", 11}, {"advertisedPort", 9093}}};
       },
       {"warn: " + kGw +
        ".brokers[0].advertisedPort: Invalid value: 9093: broker 11 advertises 9093, but listener "
        "kafka-listener of Gateway my-gateway listens on 9092; set it to 9092 unless something in "
        "front maps the port"}},
  }));
  CAPTURE(c.name);
  Seed seed;
  auto kafka = seed.get("Kafka", "gateway-api-test");
  kafka["spec"]["kafka"]["listeners"].push_back(tlsRouteListener());
  c.change(seed, kafka);
  CHECK(judge(seed, kafka) == c.expected);
}

TEST_CASE("tlsroute-gateway refuses routes the Gateway listener would not accept",
          "[rules][tlsroute-gateway][tlsroute]") {
  Seed seed;
  auto kafka = seed.get("Kafka", "gateway-api-test");
  kafka["spec"]["kafka"]["listeners"].push_back(tlsRouteListener());

  SECTION("a listener hostname none of the hosts falls under") {
    gatewayListener(seed)["hostname"] = "*.other.example";
    const std::string detail =
        " Strimzi creates for this host would not be accepted (listener kafka-listener of "
        "Gateway my-gateway takes *.other.example); use a host that listener hostname covers";
    CHECK(judge(seed, kafka) ==
          std::vector<std::string>{
              "deny: " + kGw +
                  ".bootstrap.host: Invalid value: \"bootstrap-gw.strimzi.gateway.api.test\": the "
                  "TLSRoute gateway-api-test-kafka-gw-bootstrap" +
                  detail,
              "deny: " + kGw +
                  ".hostTemplate: Invalid value: \"broker-10-gw.strimzi.gateway.api.test\": the "
                  "TLSRoute gateway-api-test-broker-gw-10" +
                  detail,
              "deny: " + kGw +
                  ".hostTemplate: Invalid value: \"broker-11-gw.strimzi.gateway.api.test\": the "
                  "TLSRoute gateway-api-test-broker-gw-11" +
                  detail,
              "deny: " + kGw +
                  ".hostTemplate: Invalid value: \"broker-12-gw.strimzi.gateway.api.test\": the "
                  "TLSRoute gateway-api-test-broker-gw-12" +
                  detail});
  }
  SECTION("a wildcard listener hostname that covers the hosts") {
    gatewayListener(seed)["hostname"] = "*.strimzi.gateway.api.test";
    CHECK(judge(seed, kafka).empty());
  }
  SECTION("a listener that terminates TLS") {
    gatewayListener(seed)["tls"]["mode"] = "Terminate";
    CHECK(judge(seed, kafka) ==
          std::vector<std::string>{
              "deny: " + kGw +
              ".parentRefs[0].sectionName: Forbidden: listener kafka-listener of Gateway "
              "my-gateway terminates TLS (tls.mode Terminate); Gateway my-gateway would not "
              "accept the TLSRoutes Strimzi creates for listener gw (they need a TLS listener "
              "with tls.mode Passthrough that allows TLSRoutes from this namespace)"});
  }
  SECTION("a Gateway in another namespace that takes routes from its own only") {
    auto gateway = seed.get("Gateway", "my-gateway");
    seed.remove("Gateway", "my-gateway");
    gateway["metadata"]["namespace"] = "gateways";
    seed.put(gateway);
    gwConfig(kafka)["parentRefs"][0]["namespace"] = "gateways";
    CHECK(judge(seed, kafka) ==
          std::vector<std::string>{
              "deny: " + kGw +
              ".parentRefs[0].sectionName: Forbidden: listener kafka-listener of Gateway "
              "gateways/my-gateway takes routes from its own namespace gateways only "
              "(allowedRoutes.namespaces.from Same, the default), not from strimzi; set "
              "allowedRoutes.namespaces.from to All or Selector there; Gateway "
              "gateways/my-gateway would not accept the TLSRoutes Strimzi creates for listener "
              "gw (they need a TLS listener with tls.mode Passthrough that allows TLSRoutes from "
              "this namespace)"});
  }
}
