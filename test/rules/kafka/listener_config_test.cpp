#include <catch2/catch.hpp>
#include <functional>

#include "sgw/rules/kafka/listener_config.h"
#include "support/seed.h"

using sgw::test::Seed;
using Json = nlohmann::json;

namespace {

Json& listener(Json& kafka, std::size_t index) {
  return kafka["spec"]["kafka"]["listeners"][index];
}

Json& gwConfig(Json& kafka) {
  return listener(kafka, 1)["configuration"];
}

Json hostEntry(std::int64_t id) {
  return {{"broker", id}, {"host", "b" + std::to_string(id) + ".strimzi.gateway.api.test"}};
}

const std::string kGw = "spec.kafka.listeners[1].configuration";
const std::string kObiwan = "spec.kafka.listeners[0].configuration";
const std::string kRefuses = "; Strimzi refuses a tlsroute listener without it";
const std::string kSyntax =
    "use a formula of numbers, {nodeId}, +, -, * and parentheses, such as 9000 + {nodeId} or "
    "9092";

} // namespace

TEST_CASE("listener-config refuses what Strimzi refuses at reconcile time",
          "[rules][listener-config][tlsroute]") {
  using Case = sgw::test::SeedCase;
  const auto c = GENERATE(values<Case>({
      {"a complete tlsroute listener is allowed", [](Seed&, Json&) {}, {}},
      {"brokers[].host for every broker instead of a template",
       [](Seed&, Json& kafka) {
         gwConfig(kafka).erase("hostTemplate");
         gwConfig(kafka)["brokers"] = {hostEntry(10), hostEntry(11), hostEntry(12)};
       },
       {}},
      {"no configuration at all",
       [](Seed&, Json& kafka) { listener(kafka, 1).erase("configuration"); },
       {"deny: " + kGw +
            ".parentRefs: Required value: the Gateway (or ListenerSet) the TLSRoutes of "
            "listener gw attach to" +
            kRefuses,
        "deny: " + kGw +
            ".bootstrap.host: Required value: the hostname of the bootstrap TLSRoute of "
            "listener gw" +
            kRefuses,
        "deny: " + kGw +
            ".hostTemplate: Required value: set hostTemplate (such as "
            "broker-{nodeId}.example.com) or a brokers[].host for every broker; Strimzi refuses "
            "a tlsroute listener without broker hosts"}},
      {"no parentRefs",
       [](Seed&, Json& kafka) { gwConfig(kafka).erase("parentRefs"); },
       {"deny: " + kGw +
        ".parentRefs: Required value: the Gateway (or ListenerSet) the TLSRoutes of listener gw "
        "attach to" +
        kRefuses}},
      {"an empty parentRefs list",
       [](Seed&, Json& kafka) { gwConfig(kafka)["parentRefs"] = Json::array(); },
       {"deny: " + kGw +
        ".parentRefs: Required value: an empty list attaches the TLSRoutes of listener gw to "
        "nothing; name the Gateway (or ListenerSet) they attach to"}},
      {"a parentRef without a name",
       [](Seed&, Json& kafka) {
         gwConfig(kafka)["parentRefs"][0].erase("name");
         gwConfig(kafka)["parentRefs"][0]["kind"] = "ListenerSet";
       },
       {"deny: " + kGw +
        ".parentRefs[0].name: Required value: the name of the ListenerSet; a TLSRoute parent "
        "reference needs one"}},
      {"no bootstrap.host",
       [](Seed&, Json& kafka) { gwConfig(kafka).erase("bootstrap"); },
       {"deny: " + kGw +
        ".bootstrap.host: Required value: the hostname of the bootstrap TLSRoute of listener gw" +
        kRefuses}},
      {"a broker node without host and no hostTemplate",
       [](Seed&, Json& kafka) {
         gwConfig(kafka).erase("hostTemplate");
         gwConfig(kafka)["brokers"] = {hostEntry(10), hostEntry(11)};
       },
       {"deny: " + kGw +
        ".brokers: Required value: no host for broker 12 of cluster gateway-api-test; add a "
        "brokers[].host for it or set hostTemplate; Strimzi refuses a tlsroute listener "
        "without broker hosts"}},
      {"Strimzi reads only the first entry of a broker",
       [](Seed&, Json& kafka) {
         gwConfig(kafka).erase("hostTemplate");
         gwConfig(kafka)["brokers"] = {hostEntry(10),
                                       {{"broker", 11}},
                                       hostEntry(11),
                                       {{"broker", 12}, {"advertisedPort", 9443}}};
       },
       {"deny: " + kGw +
        ".brokers: Required value: no host for brokers 11, 12 of cluster gateway-api-test; add "
        "a brokers[].host for each or set hostTemplate; Strimzi refuses a tlsroute listener "
        "without broker hosts"}},
      {"a broker added by a scale-up needs a host too",
       [](Seed& seed, Json& kafka) {
         seed.get("KafkaNodePool", "broker")["spec"]["replicas"] = 4;
         gwConfig(kafka).erase("hostTemplate");
         gwConfig(kafka)["brokers"] = {hostEntry(10), hostEntry(11), hostEntry(12)};
       },
       {"deny: " + kGw +
        ".brokers: Required value: no host for broker 13 of cluster gateway-api-test; add a "
        "brokers[].host for it or set hostTemplate; Strimzi refuses a tlsroute listener "
        "without broker hosts"}},
      {"host fields on a cluster-ip listener",
       [](Seed&, Json& kafka) {
         auto& config = listener(kafka, 0)["configuration"];
         config["hostTemplate"] = "broker-{nodeId}.strimzi.gateway.api.test";
         config["bootstrap"] = {{"host", "bootstrap.strimzi.gateway.api.test"}};
         config["brokers"][1]["host"] = "broker-11.strimzi.gateway.api.test";
         config["parentRefs"] = {{{"name", "my-gateway"}}};
       },
       {"deny: " + kObiwan +
            ".hostTemplate: Forbidden: listener obiwan is of type cluster-ip; Strimzi takes it on "
            "tlsroute, route and ingress listeners only",
        "deny: " + kObiwan +
            ".bootstrap.host: Forbidden: listener obiwan is of type cluster-ip; Strimzi takes it "
            "on tlsroute, route and ingress listeners only",
        "deny: " + kObiwan +
            ".brokers[1].host: Forbidden: listener obiwan is of type cluster-ip; Strimzi takes it "
            "on tlsroute, route and ingress listeners only; set advertisedHost for the name "
            "brokers advertise",
        "deny: " + kObiwan +
            ".parentRefs: Forbidden: listener obiwan is of type cluster-ip; Strimzi takes "
            "parentRefs on tlsroute listeners only"}},
      {"host fields on a route listener are fine, parentRefs are not",
       [](Seed&, Json& kafka) {
         auto& route = listener(kafka, 1);
         route["type"] = "route";
         route["configuration"].erase("parentRefs");
         route["configuration"]["parentRefs"] = Json::array();
       },
       {"deny: " + kGw +
        ".parentRefs: Forbidden: listener gw is of type route; Strimzi takes parentRefs on "
        "tlsroute listeners only"}},
  }));
  CAPTURE(c.name);
  Seed seed;
  auto kafka = seed.get("Kafka", "gateway-api-test");
  kafka["spec"]["kafka"]["listeners"].push_back(sgw::test::tlsRouteListener());
  c.change(seed, kafka);
  CHECK(sgw::test::check(sgw::rules::kafka::listenerConfigRule(), seed.snapshot(), kafka) ==
        c.expected);
}

TEST_CASE("listener-config refuses an advertisedPortTemplate Strimzi cannot evaluate",
          "[rules][listener-config][advertised-port-template]") {
  const auto [portTemplate, expected] = GENERATE(table<std::string, std::vector<std::string>>({
      {"9000 + {nodeId}", {}},
      {"9092", {}},
      {"{nodeId} + 10000", {}},
      {"9000 + ({nodeId} * 10)", {}},
      {"9000+{nodeId}", {}},
      {"9000 / {nodeId}",
       {"deny: " + kObiwan +
        ".advertisedPortTemplate: Invalid value: \"9000 / {nodeId}\": Strimzi cannot "
        "evaluate it (unexpected \"/ 0\"); " +
        kSyntax}},
      {"9000 + {podId}",
       {"deny: " + kObiwan +
        ".advertisedPortTemplate: Invalid value: \"9000 + {podId}\": Strimzi cannot "
        "evaluate it (unexpected \"{podId}\" where a number was expected); " +
        kSyntax}},
      {"(9000 + {nodeId}",
       {"deny: " + kObiwan +
        ".advertisedPortTemplate: Invalid value: \"(9000 + {nodeId}\": Strimzi cannot "
        "evaluate it (a parenthesis is not closed); " +
        kSyntax}},
      {"-{nodeId}",
       {"deny: " + kObiwan +
        ".advertisedPortTemplate: Invalid value: \"-{nodeId}\": Strimzi cannot evaluate it "
        "(unexpected \"-0\" where a number was expected); " +
        kSyntax}},
      {"",
       {"deny: " + kObiwan +
        ".advertisedPortTemplate: Invalid value: \"\": Strimzi cannot evaluate it (it ends "
        "where a number was expected); " +
        kSyntax}},
      {"65530 + {nodeId}",
       {"deny: " + kObiwan +
        ".advertisedPortTemplate: Invalid value: \"65530 + {nodeId}\": renders 65540 for "
        "broker 10, 65541 for broker 11, 65542 for broker 12; a port runs from 1 to 65535"}},
      {"{nodeId} - 11",
       {"deny: " + kObiwan +
        ".advertisedPortTemplate: Invalid value: \"{nodeId} - 11\": renders -1 for broker "
        "10, 0 for broker 11; a port runs from 1 to 65535"}},
  }));
  CAPTURE(portTemplate);
  Seed seed;
  auto kafka = seed.get("Kafka", "gateway-api-test");
  listener(kafka, 0)["configuration"]["advertisedPortTemplate"] = portTemplate;
  CHECK(sgw::test::check(sgw::rules::kafka::listenerConfigRule(), seed.snapshot(), kafka) ==
        expected);
}
