#include <catch2/catch.hpp>
#include <functional>

#include "sgw/rules/tls_route/route_broker_match.h"
#include "support/seed.h"

using sgw::test::Seed;
using Json = nlohmann::json;

namespace {

Json backend(const std::string& name) {
  return {{"group", ""}, {"kind", "Service"}, {"name", name}, {"port", 9092}};
}

Json& configurationOf(Seed& seed) {
  return seed.get("Kafka", "gateway-api-test")["spec"]["kafka"]["listeners"][0]["configuration"];
}

} // namespace

TEST_CASE("route-broker-match allows the seed's routes", "[rules][route-broker-match]") {
  const auto name =
      GENERATE(as<std::string>{}, "gateway-api-test-broker-10", "gateway-api-test-broker-11",
               "gateway-api-test-broker-12", "gateway-api-test-bootstrap");
  Seed seed;
  CHECK(sgw::test::check(sgw::rules::tls_route::routeBrokerMatchRule(), seed.snapshot(),
                         seed.get("TLSRoute", name))
            .empty());
}

TEST_CASE("route-broker-match keeps each broker's hostname on its own Service",
          "[rules][route-broker-match]") {
  struct Case {
    std::string name;
    std::string route;
    std::function<void(Seed&, Json&)> change;
    std::vector<std::string> expected;
  };
  const auto c = GENERATE(values<Case>({
      {"broker 11's hostname to broker 12's Service",
       "gateway-api-test-broker-11",
       [](Seed&, Json& route) {
         route["spec"]["rules"][0]["backendRefs"][0] = backend("gateway-api-test-broker-obiwan-12");
       },
       {"deny: spec.rules[0].backendRefs[0].name: Invalid value: "
        "\"gateway-api-test-broker-obiwan-12\": spec.hostnames[0] "
        "broker-11.strimzi.gateway.api.test is advertised by broker 11 (listener obiwan); route "
        "it to gateway-api-test-broker-obiwan-11"}},
      {"hostnames of two brokers on one route",
       "gateway-api-test-broker-10",
       [](Seed&, Json& route) {
         route["spec"]["hostnames"].push_back("broker-11.strimzi.gateway.api.test");
       },
       {"deny: spec.rules[0].backendRefs[0].name: Invalid value: "
        "\"gateway-api-test-broker-obiwan-10\": spec.hostnames[1] "
        "broker-11.strimzi.gateway.api.test is advertised by broker 11 (listener obiwan); route "
        "it to gateway-api-test-broker-obiwan-11"}},
      {"one route spread over two brokers",
       "gateway-api-test-broker-10",
       [](Seed&, Json& route) {
         route["spec"]["hostnames"][0] = "kafka.strimzi.gateway.api.test";
         route["spec"]["rules"][0]["backendRefs"].push_back(
             backend("gateway-api-test-broker-obiwan-11"));
       },
       {"deny: spec.rules[0].backendRefs[1].name: Invalid value: "
        "\"gateway-api-test-broker-obiwan-11\": this route already leads to broker 10 "
        "(gateway-api-test-broker-obiwan-10); a route must lead to one broker, as clients reach "
        "each broker by its own hostname"}},
      {"two backends of the same broker are fine",
       "gateway-api-test-broker-10",
       [](Seed&, Json& route) {
         route["spec"]["rules"][0]["backendRefs"].push_back(
             backend("gateway-api-test-broker-obiwan-10"));
       },
       {}},
      {"the bootstrap hostname to a broker",
       "gateway-api-test-bootstrap",
       [](Seed& seed, Json& route) {
         configurationOf(seed)["bootstrap"]["alternativeNames"] = {
             "bootstrap.strimzi.gateway.api.test"};
         route["spec"]["rules"][0]["backendRefs"][0] = backend("gateway-api-test-broker-obiwan-10");
       },
       {"deny: spec.rules[0].backendRefs[0].name: Invalid value: "
        "\"gateway-api-test-broker-obiwan-10\": spec.hostnames[0] "
        "bootstrap.strimzi.gateway.api.test is a bootstrap host of listener obiwan; route it to "
        "gateway-api-test-kafka-obiwan-bootstrap"}},
      {"hostnames rendered from a template",
       "gateway-api-test-broker-11",
       [](Seed& seed, Json& route) {
         configurationOf(seed).erase("brokers");
         configurationOf(seed)["advertisedHostTemplate"] =
             "broker-{nodeId}.strimzi.gateway.api.test";
         route["spec"]["rules"][0]["backendRefs"][0] = backend("gateway-api-test-broker-obiwan-12");
       },
       {"deny: spec.rules[0].backendRefs[0].name: Invalid value: "
        "\"gateway-api-test-broker-obiwan-12\": spec.hostnames[0] "
        "broker-11.strimzi.gateway.api.test is advertised by broker 11 (listener obiwan); route "
        "it to gateway-api-test-broker-obiwan-11"}},
      {"a hostname the broker does not advertise",
       "gateway-api-test-broker-10",
       [](Seed&, Json& route) { route["spec"]["hostnames"][0] = "broker-10.other.example"; },
       {"warn: spec.hostnames[0]: Invalid value: \"broker-10.other.example\": broker 10 advertises "
        "broker-10.strimzi.gateway.api.test; clients are never sent to this hostname"}},
      {"wildcard hostnames are left alone",
       "gateway-api-test-broker-10",
       [](Seed&, Json& route) { route["spec"]["hostnames"][0] = "*.strimzi.gateway.api.test"; },
       {}},
      {"a listener that advertises nothing names no hosts",
       "gateway-api-test-broker-11",
       [](Seed& seed, Json& route) {
         configurationOf(seed).erase("brokers");
         route["spec"]["rules"][0]["backendRefs"][0] = backend("gateway-api-test-broker-obiwan-12");
       },
       {}},
  }));
  CAPTURE(c.name);
  Seed seed;
  auto route = seed.get("TLSRoute", c.route);
  c.change(seed, route);
  CHECK(sgw::test::check(sgw::rules::tls_route::routeBrokerMatchRule(), seed.snapshot(), route) ==
        c.expected);
}
