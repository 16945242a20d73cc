#include <catch2/catch.hpp>
#include <functional>

#include "sgw/rules/tls_route/route_backend.h"
#include "support/seed.h"

using sgw::test::Seed;
using Json = nlohmann::json;

namespace {

Json& backendOf(Json& route) {
  return route["spec"]["rules"][0]["backendRefs"][0];
}

const std::string kBackend = "spec.rules[0].backendRefs[0]";
const std::string kServices =
    "Services of cluster gateway-api-test are gateway-api-test-broker-obiwan-10, "
    "gateway-api-test-broker-obiwan-11, gateway-api-test-broker-obiwan-12, "
    "gateway-api-test-kafka-obiwan-bootstrap";

} // namespace

TEST_CASE("route-backend allows the seed's routes", "[rules][route-backend]") {
  const auto name =
      GENERATE(as<std::string>{}, "gateway-api-test-broker-10", "gateway-api-test-broker-11",
               "gateway-api-test-broker-12", "gateway-api-test-bootstrap");
  Seed seed;
  CHECK(sgw::test::check(sgw::rules::tls_route::routeBackendRule(), seed.snapshot(),
                         seed.get("TLSRoute", name))
            .empty());
}

TEST_CASE("route-backend wants Services that exist or that Strimzi will create",
          "[rules][route-backend]") {
  using Case = sgw::test::SeedCase;
  const auto c = GENERATE(values<Case>({
      {"a Service for a broker that does not exist",
       [](Seed&, Json& route) { backendOf(route)["name"] = "gateway-api-test-broker-obiwan-13"; },
       {"deny: " + kBackend +
        ".name: Not found: \"gateway-api-test-broker-obiwan-13\": " + kServices}},
      {"the Service of a broker being added will be created",
       [](Seed& seed, Json& route) {
         seed.get("KafkaNodePool", "broker")["spec"]["replicas"] = 4;
         backendOf(route)["name"] = "gateway-api-test-broker-obiwan-13";
       },
       {}},
      {"a Service Strimzi has not made yet",
       [](Seed& seed, Json&) { seed.remove("Service", "gateway-api-test-broker-obiwan-10"); },
       {}},
      {"the wrong port of an existing Service",
       [](Seed&, Json& route) { backendOf(route)["port"] = 9093; },
       {"deny: " + kBackend +
        ".port: Invalid value: 9093: Service "
        "gateway-api-test-broker-obiwan-10 has port 9092"}},
      {"the wrong port of a Service to be created",
       [](Seed& seed, Json& route) {
         seed.get("KafkaNodePool", "broker")["spec"]["replicas"] = 4;
         backendOf(route)["name"] = "gateway-api-test-broker-obiwan-13";
         backendOf(route)["port"] = 443;
       },
       {"deny: " + kBackend +
        ".port: Invalid value: 443: Service gateway-api-test-broker-obiwan-13, "
        "which Strimzi creates for listener obiwan, has port 9092"}},
      {"no port",
       [](Seed&, Json& route) { backendOf(route).erase("port"); },
       {"deny: " + kBackend +
        ".port: Required value: set the Service port: Service "
        "gateway-api-test-broker-obiwan-10 has port 9092"}},
      {"a Service name unrelated to any cluster in a namespace with one Kafka",
       [](Seed&, Json& route) { backendOf(route)["name"] = "kafka"; },
       {"deny: " + kBackend + ".name: Not found: \"kafka\": " + kServices}},
      {"a Service in a namespace without Kafka",
       [](Seed&, Json& route) {
         backendOf(route)["name"] = "kafka";
         backendOf(route)["namespace"] = "apps";
       },
       {"deny: " + kBackend +
        ".name: Not found: \"kafka\": no Service of this name in namespace "
        "apps"}},
      {"a cluster whose pools are missing",
       [](Seed& seed, Json&) {
         seed.remove("KafkaNodePool", "broker");
         seed.remove("Service", "gateway-api-test-broker-obiwan-10");
       },
       {"deny: " + kBackend +
        ".name: Not found: \"gateway-api-test-broker-obiwan-10\": Services "
        "of cluster gateway-api-test are "
        "gateway-api-test-kafka-obiwan-bootstrap"}},
      {"an existing Service left over from a removed broker",
       [](Seed& seed, Json&) { seed.get("KafkaNodePool", "broker")["spec"]["replicas"] = 0; },
       {"warn: " + kBackend +
        ".name: Invalid value: \"gateway-api-test-broker-obiwan-10\": no "
        "broker or listener of cluster gateway-api-test needs this Service "
        "any more; Strimzi will delete it"}},
      {"a Service that is not Strimzi's is taken as it is",
       [](Seed& seed, Json& route) {
         auto service = seed.get("Service", "gateway-api-test-broker-obiwan-10");
         service["metadata"]["name"] = "proxy";
         service["metadata"].erase("labels");
         seed.put(service);
         backendOf(route)["name"] = "proxy";
       },
       {}},
      {"backends of other kinds are not judged",
       [](Seed&, Json& route) {
         backendOf(route)["group"] = "example.com";
         backendOf(route)["kind"] = "Backend";
         backendOf(route)["name"] = "anything";
       },
       {}},
      {"a route without rules", [](Seed&, Json& route) { route["spec"].erase("rules"); }, {}},
  }));
  CAPTURE(c.name);
  Seed seed;
  auto route = seed.get("TLSRoute", "gateway-api-test-broker-10");
  c.change(seed, route);
  CHECK(sgw::test::check(sgw::rules::tls_route::routeBackendRule(), seed.snapshot(), route) ==
        c.expected);
}
