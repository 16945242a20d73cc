#include <catch2/catch.hpp>

#include "sgw/offline/tls_routes.h"
#include "support/seed.h"

using sgw::offline::generateTlsRoutes;
using sgw::offline::TlsRouteRequest;
using sgw::test::Seed;
using Json = nlohmann::json;

namespace {

TlsRouteRequest seedRequest() {
  TlsRouteRequest request;
  request.kafka = {"strimzi", "gateway-api-test"};
  request.gateway = {"", "my-gateway"};
  request.sectionName = "kafka-listener";
  return request;
}

std::vector<Json> seedRoutes() {
  std::vector<Json> out;
  for (const auto& object : sgw::test::loadExamples()) {
    if (object.value("kind", "") == "TLSRoute") {
      out.push_back(object);
    }
  }
  return out;
}

std::vector<Json> routesOf(const Seed& seed, const TlsRouteRequest& request) {
  const auto generated = generateTlsRoutes(seed.snapshot(), request);
  if (const auto* error = std::get_if<std::string>(&generated)) {
    FAIL(*error);
  }
  return std::get<sgw::offline::GeneratedTlsRoutes>(generated).routes;
}

std::string errorOf(const Seed& seed, const TlsRouteRequest& request) {
  const auto generated = generateTlsRoutes(seed.snapshot(), request);
  REQUIRE(std::holds_alternative<std::string>(generated));
  return std::get<std::string>(generated);
}

std::vector<std::string> hostnamesOf(const std::vector<Json>& routes) {
  std::vector<std::string> out;
  for (const auto& route : routes) {
    out.push_back(route["spec"]["hostnames"][0]);
  }
  return out;
}

Json& listenerOf(Seed& seed) {
  return seed.get("Kafka", "gateway-api-test")["spec"]["kafka"]["listeners"][0];
}

} // namespace

TEST_CASE("the routes for the seed's cluster are the seed's four TLSRoutes", "[offline][routes]") {
  const Seed seed;
  const auto generated = generateTlsRoutes(seed.snapshot(), seedRequest());
  REQUIRE(std::holds_alternative<sgw::offline::GeneratedTlsRoutes>(generated));
  CHECK(std::get<sgw::offline::GeneratedTlsRoutes>(generated).listener == "obiwan");
  CHECK(std::get<sgw::offline::GeneratedTlsRoutes>(generated).routes == seedRoutes());
}

TEST_CASE("route version, Gateway namespace and section name follow the request",
          "[offline][routes]") {
  const Seed seed;
  auto request = seedRequest();
  request.version = GENERATE(as<std::string>{}, "v1alpha2", "v1alpha3", "v1");
  request.gateway = {"gateways", "shared"};
  request.sectionName.reset();
  const auto routes = routesOf(seed, request);
  REQUIRE(routes.size() == 4);
  for (const auto& route : routes) {
    CHECK(route["apiVersion"] == "gateway.networking.k8s.io/" + request.version);
    CHECK(route["spec"]["parentRefs"] == Json::parse(R"([{"group": "gateway.networking.k8s.io",
        "kind": "Gateway", "name": "shared", "namespace": "gateways"}])"));
  }
}

TEST_CASE("routes follow the predicted nodes and advertisedHostTemplate", "[offline][routes]") {
  Seed seed;
  auto& configuration = listenerOf(seed)["configuration"];
  configuration.erase("brokers");
  configuration["advertisedHostTemplate"] = "kafka-{nodeId}.strimzi.gateway.api.test";
  seed.get("KafkaNodePool", "broker")["spec"]["replicas"] = 4; // scale-up: node 13
  const auto routes = routesOf(seed, seedRequest());
  CHECK(hostnamesOf(routes) == std::vector<std::string>{"kafka-10.strimzi.gateway.api.test",
                                                        "kafka-11.strimzi.gateway.api.test",
                                                        "kafka-12.strimzi.gateway.api.test",
                                                        "kafka-13.strimzi.gateway.api.test",
                                                        "bootstrap.strimzi.gateway.api.test"});
  REQUIRE(routes.size() == 5);
  CHECK(routes[3]["metadata"]["name"] == "gateway-api-test-broker-13");
  CHECK(routes[3]["spec"]["rules"][0]["backendRefs"][0]["name"] ==
        "gateway-api-test-broker-obiwan-13");
}

TEST_CASE("the bootstrap hostname: asked for, written, or derived", "[offline][routes]") {
  Seed seed;
  auto request = seedRequest();
  auto& bootstrap = listenerOf(seed)["configuration"]["bootstrap"];
  SECTION("derived from the brokers' pattern") {
    CHECK(hostnamesOf(routesOf(seed, request)).back() == "bootstrap.strimzi.gateway.api.test");
  }
  SECTION("the first alternative name") {
    bootstrap["alternativeNames"] = {"kafka.strimzi.gateway.api.test", "other.example.com"};
    CHECK(hostnamesOf(routesOf(seed, request)).back() == "kafka.strimzi.gateway.api.test");
  }
  SECTION("bootstrap.host wins over alternative names") {
    bootstrap["alternativeNames"] = {"kafka.strimzi.gateway.api.test"};
    bootstrap["host"] = "boot.strimzi.gateway.api.test";
    CHECK(hostnamesOf(routesOf(seed, request)).back() == "boot.strimzi.gateway.api.test");
  }
  SECTION("the request wins over everything") {
    bootstrap["host"] = "boot.strimzi.gateway.api.test";
    request.bootstrapHost = "entry.strimzi.gateway.api.test";
    CHECK(hostnamesOf(routesOf(seed, request)).back() == "entry.strimzi.gateway.api.test");
  }
}

TEST_CASE("bootstrapHostFromPattern replaces the node's label", "[offline][routes]") {
  using sgw::offline::bootstrapHostFromPattern;
  CHECK(bootstrapHostFromPattern("broker-{nodeId}.strimzi.gateway.api.test") ==
        "bootstrap.strimzi.gateway.api.test");
  CHECK(bootstrapHostFromPattern("kafka.{nodeId}.example.com") == "kafka.bootstrap.example.com");
  CHECK(bootstrapHostFromPattern("{nodePodName}.example.com") == "bootstrap.example.com");
  CHECK(bootstrapHostFromPattern("example.com.b{nodeId}") == "example.com.bootstrap");
  CHECK(bootstrapHostFromPattern("b-{nodeId}") == "bootstrap");
  CHECK(bootstrapHostFromPattern("example.com") == std::nullopt);
  CHECK(bootstrapHostFromPattern("{nodeId}.{nodeId}.example.com") == std::nullopt);
  CHECK(bootstrapHostFromPattern("{nodeId}.{cluster}.example.com") == std::nullopt);
}

TEST_CASE("routes that cannot be made are refused with what to change", "[offline][routes]") {
  Seed seed;
  auto request = seedRequest();
  auto& listener = listenerOf(seed);
  auto& brokers = listener["configuration"]["brokers"];

  SECTION("no such Kafka") {
    request.kafka = {"kafka", "gateway-api-test"};
    CHECK(errorOf(seed, request) ==
          "no Kafka kafka/gateway-api-test in the manifests; Kafkas there: "
          "strimzi/gateway-api-test");
  }
  SECTION("no Kafka at all") {
    seed.remove("Kafka", "gateway-api-test");
    CHECK(errorOf(seed, request) ==
          "no Kafka strimzi/gateway-api-test in the manifests; they hold no Kafka");
  }
  SECTION("no such listener") {
    request.listener = "external";
    CHECK(errorOf(seed, request) ==
          "Kafka strimzi/gateway-api-test has no listener external; its listeners are obiwan");
  }
  SECTION("no listener advertises hosts") {
    listener["configuration"].erase("brokers");
    CHECK(errorOf(seed, request) ==
          "no listener of Kafka strimzi/gateway-api-test sets "
          "configuration.brokers[].advertisedHost or advertisedHostTemplate, so no broker "
          "advertises a hostname a TLSRoute could carry; set them on the listener to expose (its "
          "listeners are obiwan)");
  }
  SECTION("several listeners advertise hosts") {
    auto second = listener;
    second["name"] = "yoda";
    second["port"] = 9093;
    seed.get("Kafka", "gateway-api-test")["spec"]["kafka"]["listeners"].push_back(second);
    CHECK(errorOf(seed, request) == "several listeners of Kafka strimzi/gateway-api-test advertise "
                                    "hostnames of their own: obiwan, yoda; choose one with "
                                    "--listener");
    request.listener = "yoda";
    CHECK(routesOf(seed, request)[0]["spec"]["rules"][0]["backendRefs"][0] ==
          Json::parse(R"({"group": "", "kind": "Service",
                          "name": "gateway-api-test-broker-yoda-10", "port": 9093})"));
  }
  SECTION("an internal listener") {
    listener["type"] = "internal";
    CHECK(errorOf(seed, request) == "listener obiwan of Kafka strimzi/gateway-api-test is of type "
                                    "internal, which has no per-broker Services to route to");
  }
  SECTION("a loadbalancer listener without bootstrap Service") {
    listener["type"] = "loadbalancer";
    listener["configuration"]["createBootstrapService"] = false;
    CHECK(errorOf(seed, request) ==
          "listener obiwan of Kafka strimzi/gateway-api-test sets createBootstrapService: false, "
          "so there is no bootstrap Service to route to");
  }
  SECTION("a broker without advertised host") {
    seed.get("KafkaNodePool", "broker")["spec"]["replicas"] = 5;
    CHECK(errorOf(seed, request) ==
          "brokers 13, 14 advertise no hostname on listener obiwan of Kafka "
          "strimzi/gateway-api-test; add configuration.brokers[] entries with advertisedHost (or "
          "an advertisedHostTemplate)");
  }
  SECTION("a hostname a TLSRoute cannot carry") {
    brokers[1]["advertisedHost"] = "Broker-11.strimzi.gateway.api.test";
    CHECK(errorOf(seed, request) ==
          "the hostname \"Broker-11.strimzi.gateway.api.test\" broker 11 advertises on listener "
          "obiwan of Kafka strimzi/gateway-api-test contains \"B\"; only lowercase letters, "
          "digits, '-' and '.' are allowed");
    brokers[1]["advertisedHost"] = "10.0.0.11";
    CHECK(errorOf(seed, request) ==
          "the hostname \"10.0.0.11\" broker 11 advertises on listener obiwan of Kafka "
          "strimzi/gateway-api-test is an IP address; TLSRoute hostnames are DNS names");
  }
  SECTION("two brokers advertise one hostname") {
    brokers[2]["advertisedHost"] = "broker-11.strimzi.gateway.api.test";
    CHECK(errorOf(seed, request) ==
          "brokers 11 and 12 both advertise broker-11.strimzi.gateway.api.test on listener obiwan "
          "of Kafka strimzi/gateway-api-test; each broker needs a hostname of its own");
  }
  SECTION("no way to tell the bootstrap hostname") {
    brokers[2]["advertisedHost"] = "kafka-c.strimzi.gateway.api.test";
    CHECK(errorOf(seed, request) ==
          "cannot tell the bootstrap hostname of listener obiwan of Kafka "
          "strimzi/gateway-api-test: it sets no bootstrap.host or bootstrap.alternativeNames, and "
          "its brokers' hostnames follow no common pattern; pass --bootstrap-host");
  }
  SECTION("a bootstrap hostname that is a broker's") {
    request.bootstrapHost = "broker-10.strimzi.gateway.api.test";
    CHECK(errorOf(seed, request) ==
          "the bootstrap hostname broker-10.strimzi.gateway.api.test is the hostname of broker "
          "10; pass another with --bootstrap-host");
    request.bootstrapHost = "bootstrap..example.com";
    CHECK(errorOf(seed, request) == "the bootstrap hostname \"bootstrap..example.com\" has an "
                                    "empty label; labels are separated by single dots");
  }
  SECTION("no broker nodes") {
    seed.remove("KafkaNodePool", "broker");
    CHECK(errorOf(seed, request) ==
          "Kafka strimzi/gateway-api-test has no broker nodes; no KafkaNodePool in namespace "
          "strimzi with the broker role and replicas is labelled strimzi.io/cluster: "
          "gateway-api-test");
  }
  SECTION("an unknown route version") {
    request.version = "v2";
    CHECK(errorOf(seed, request) == "TLSRoute version v2 is not one of v1alpha2, v1alpha3, v1");
  }
}
