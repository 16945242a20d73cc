#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "mutation/mutation_fixture.h"

using nlohmann::json;
using namespace sgw::test;

namespace {

constexpr const char* kBrokers = "/spec/kafka/listeners/0/configuration/brokers";
constexpr const char* kAddedFromSeedTemplate =
    "spec.kafka.listeners[0].configuration.brokers: added 10, 11, 12 from template "
    "broker-{nodeId}.strimzi.gateway.api.test";

json& listener(json& kafka, std::size_t index) {
  return kafka["spec"]["kafka"]["listeners"][index];
}

json withAnnotation(json kafka, const std::string& key, const std::string& value) {
  kafka["metadata"]["annotations"][key] = value;
  return kafka;
}

json withBrokers(json kafka, json brokers) {
  listener(kafka, 0)["configuration"]["brokers"] = std::move(brokers);
  return kafka;
}

// The seed without brokers and with the template, plus: `repl` (internal, TLS, no configuration)
// with a template and port of its own, `plain` (no TLS), `lb` (loadbalancer, TLS, configuration
// without brokers) and `web` (route).
json severalListeners() {
  auto kafka = annotatedKafkaWithoutBrokers();
  auto& listeners = kafka["spec"]["kafka"]["listeners"];
  listeners.push_back({{"name", "repl"}, {"port", 9094}, {"type", "internal"}, {"tls", true}});
  listeners.push_back({{"name", "plain"}, {"port", 9095}, {"type", "cluster-ip"}, {"tls", false}});
  listeners.push_back({{"name", "lb"},
                       {"port", 9096},
                       {"type", "loadbalancer"},
                       {"tls", true},
                       {"configuration", {{"createBootstrapService", false}}}});
  listeners.push_back({{"name", "web"}, {"port", 9097}, {"type", "route"}, {"tls", true}});
  auto& annotations = kafka["metadata"]["annotations"];
  annotations["strimzi-gateway-webhook.io/advertised-host-template.repl"] =
      "{nodePodName}.{namespace}.{listener}.example";
  annotations["strimzi-gateway-webhook.io/advertised-port.repl"] = "443";
  return kafka;
}

json withoutNodePools() {
  auto kafka = annotatedKafkaWithoutBrokers();
  kafka["apiVersion"] = "kafka.strimzi.io/v1beta2";
  kafka["metadata"]["annotations"].erase("strimzi.io/node-pools");
  kafka["metadata"]["annotations"][kTemplateAnnotation] = "{nodePodName}.{pool}.example.com";
  kafka["spec"]["kafka"]["replicas"] = 2;
  return kafka;
}

} // namespace

TEST_CASE("the seed's Kafka without brokers and with the template gets exactly the seed's "
          "entries back",
          "[mutation]") {
  const auto kafka = annotatedKafkaWithoutBrokers();
  const auto result = mutate(kafka, seedSnapshot());

  CHECK(denials(result).empty());
  CHECK(result.patch == json::array({addOp(kBrokers, seedBrokerEntries())}));
  CHECK(kafka.patch(result.patch) ==
        withAnnotation(seedKafka(), kTemplateAnnotation, kSeedTemplate));
  CHECK(warnings(result) == std::vector<std::string>{kAddedFromSeedTemplate});
}

TEST_CASE("a broker pool scaled to 4 replicas adds broker 13 only", "[mutation]") {
  const auto snapshot = seedSnapshotWith({brokerPoolWithReplicas(4)});
  const auto broker13 = entry(13, "broker-13.strimzi.gateway.api.test", 9092);

  SECTION("from the template annotation") {
    const auto kafka = withAnnotation(seedKafka(), kTemplateAnnotation, kSeedTemplate);
    const auto result = mutate(kafka, snapshot);
    CHECK(result.patch == json::array({addOp(std::string(kBrokers) + "/-", broker13)}));
    CHECK(warnings(result) ==
          std::vector<std::string>{"spec.kafka.listeners[0].configuration.brokers: added 13 from "
                                   "template broker-{nodeId}.strimzi.gateway.api.test"});
    auto expected = kafka;
    listener(expected, 0)["configuration"]["brokers"].push_back(broker13);
    CHECK(kafka.patch(result.patch) == expected);
  }
  SECTION("from the pattern of the seed's entries, without annotation") {
    const auto kafka = seedKafka();
    const auto result = mutate(kafka, snapshot);
    CHECK(result.patch == json::array({addOp(std::string(kBrokers) + "/-", broker13)}));
    CHECK(warnings(result) ==
          std::vector<std::string>{"spec.kafka.listeners[0].configuration.brokers: added 13 from "
                                   "inferred pattern broker-{nodeId}.strimzi.gateway.api.test"});
    auto expected = kafka;
    listener(expected, 0)["configuration"]["brokers"].push_back(broker13);
    CHECK(kafka.patch(result.patch) == expected);
  }
}

TEST_CASE("a complete Kafka is not patched", "[mutation]") {
  const auto kafka =
      GENERATE(seedKafka(), withAnnotation(seedKafka(), kTemplateAnnotation, kSeedTemplate));
  const auto result = mutate(kafka, seedSnapshot());
  CHECK(result.patch == json::array());
  CHECK(result.findings.empty());
}

TEST_CASE("the inferred pattern keeps the entries' lack of advertisedPort", "[mutation]") {
  auto kafka = withBrokers(seedKafka(), json::array({
                                            {{"broker", 10}, {"advertisedHost", "b10.example"}},
                                            {{"broker", 11}, {"advertisedHost", "b11.example"}},
                                        }));
  const auto result = mutate(kafka, seedSnapshot());
  CHECK(result.patch == json::array({addOp(std::string(kBrokers) + "/-",
                                           {{"broker", 12}, {"advertisedHost", "b12.example"}})}));
  CHECK(warnings(result) ==
        std::vector<std::string>{"spec.kafka.listeners[0].configuration.brokers: added 12 from "
                                 "inferred pattern b{nodeId}.example"});
}

TEST_CASE("without annotation, entries that follow no pattern are left alone", "[mutation]") {
  const auto brokers =
      GENERATE(json::array({entry(10, "broker-10.strimzi.gateway.api.test", 9092)}),
               json::array({entry(10, "broker-10.strimzi.gateway.api.test", 9092),
                            entry(11, "kafka-11.strimzi.gateway.api.test", 9092)}),
               json::array({entry(10, "broker-10.strimzi.gateway.api.test", 9092),
                            entry(11, "broker-11.strimzi.gateway.api.test", 9093)}));
  CAPTURE(brokers);
  const auto result = mutate(withBrokers(seedKafka(), brokers), seedSnapshot());
  CHECK(result.patch == json::array());
  CHECK(result.findings.empty());
}

TEST_CASE("existing entries are never changed, moved or removed", "[mutation]") {
  // Broker 12 advertises a host of its own and comes first; broker 7 no longer exists.
  const auto brokers = json::array({entry(12, "custom.example.com", 9443),
                                    entry(7, "broker-7.strimzi.gateway.api.test", 9092),
                                    entry(10, "broker-10.strimzi.gateway.api.test", 9092)});
  const auto kafka =
      withAnnotation(withBrokers(seedKafka(), brokers), kTemplateAnnotation, kSeedTemplate);
  const auto result = mutate(kafka, seedSnapshot());
  // The entries disagree on the port: new ones take the listener's.
  CHECK(result.patch ==
        json::array({addOp(std::string(kBrokers) + "/-",
                           entry(11, "broker-11.strimzi.gateway.api.test", 9092))}));
  const auto patched = kafka.patch(result.patch);
  auto expectedBrokers = brokers;
  expectedBrokers.push_back(entry(11, "broker-11.strimzi.gateway.api.test", 9092));
  CHECK(patched["spec"]["kafka"]["listeners"][0]["configuration"]["brokers"] == expectedBrokers);
}

TEST_CASE("new entries are appended in broker ID order", "[mutation]") {
  // A new pool "aaa" is assigned before "broker" (pools go by name) and takes the lowest free IDs.
  auto extra = seedObject("KafkaNodePool", "broker");
  extra["metadata"]["name"] = "aaa";
  extra["metadata"]["annotations"].erase("strimzi.io/next-node-ids");
  extra["spec"]["replicas"] = 2;
  extra.erase("status");
  const auto snapshot = seedSnapshotWith({extra, brokerPoolWithReplicas(4)});
  const auto kafka = withAnnotation(
      withBrokers(seedKafka(),
                  json::array({entry(11, "broker-11.strimzi.gateway.api.test", 9092)})),
      kTemplateAnnotation, "{nodePodName}.strimzi.gateway.api.test");
  const auto result = mutate(kafka, snapshot);
  // The controller pool holds 0, so "aaa" gets 1 and 2; "broker" then scales up to 13.
  const auto path = std::string(kBrokers) + "/-";
  CHECK(result.patch ==
        json::array(
            {addOp(path, entry(1, "gateway-api-test-aaa-1.strimzi.gateway.api.test", 9092)),
             addOp(path, entry(2, "gateway-api-test-aaa-2.strimzi.gateway.api.test", 9092)),
             addOp(path, entry(10, "gateway-api-test-broker-10.strimzi.gateway.api.test", 9092)),
             addOp(path, entry(12, "gateway-api-test-broker-12.strimzi.gateway.api.test", 9092)),
             addOp(path, entry(13, "gateway-api-test-broker-13.strimzi.gateway.api.test", 9092))}));
  CHECK(warnings(result) ==
        std::vector<std::string>{"spec.kafka.listeners[0].configuration.brokers: added 1, 2, 10, "
                                 "12, 13 from template {nodePodName}.strimzi.gateway.api.test"});
}

TEST_CASE("the advertised port: annotation, else the entries' common port, else the listener's",
          "[mutation]") {
  const auto [annotations, brokers, port] = GENERATE(table<json, json, int>({
      {json::object(), json::array({entry(10, "broker-10.strimzi.gateway.api.test", 9443)}), 9443},
      {json::object(),
       json::array({entry(10, "broker-10.strimzi.gateway.api.test", 9443),
                    entry(11, "broker-11.strimzi.gateway.api.test", 443)}),
       9092},
      {json::object(),
       json::array({{{"broker", 10}, {"advertisedHost", "broker-10.strimzi.gateway.api.test"}}}),
       9092},
      {json{{"strimzi-gateway-webhook.io/advertised-port", "443"}},
       json::array({entry(10, "broker-10.strimzi.gateway.api.test", 9443)}), 443},
      {json{{"strimzi-gateway-webhook.io/advertised-port", "443"},
            {"strimzi-gateway-webhook.io/advertised-port.obiwan", "8443"}},
       json::array({entry(10, "broker-10.strimzi.gateway.api.test", 9443)}), 8443},
  }));
  CAPTURE(annotations, brokers);
  auto kafka =
      withAnnotation(withBrokers(seedKafka(), brokers), kTemplateAnnotation, kSeedTemplate);
  kafka["metadata"]["annotations"].update(annotations);
  const auto result = mutate(kafka, seedSnapshot());
  const auto last = result.patch.back();
  CHECK(last["path"] == std::string(kBrokers) + "/-");
  CHECK(last["value"] == entry(12, "broker-12.strimzi.gateway.api.test", port));
  CHECK(result.patch[0]["value"]["advertisedPort"] == port);
}

TEST_CASE("per-listener templates win over the general one, and only eligible listeners take "
          "the general one",
          "[mutation]") {
  const auto kafka = severalListeners();
  const auto result = mutate(kafka, seedSnapshot());

  const auto seedHosts = [](int port) {
    return json::array({entry(10, "broker-10.strimzi.gateway.api.test", port),
                        entry(11, "broker-11.strimzi.gateway.api.test", port),
                        entry(12, "broker-12.strimzi.gateway.api.test", port)});
  };
  CHECK(
      result.patch ==
      json::array({
          addOp(kBrokers, seedHosts(9092)),
          addOp("/spec/kafka/listeners/1/configuration",
                {{"brokers", json::array({
                                 entry(10, "gateway-api-test-broker-10.strimzi.repl.example", 443),
                                 entry(11, "gateway-api-test-broker-11.strimzi.repl.example", 443),
                                 entry(12, "gateway-api-test-broker-12.strimzi.repl.example", 443),
                             })}}),
          addOp("/spec/kafka/listeners/3/configuration/brokers", seedHosts(9096)),
      }));
  CHECK(warnings(result) ==
        std::vector<std::string>{
            kAddedFromSeedTemplate,
            "spec.kafka.listeners[1].configuration.brokers: added 10, 11, 12 from template "
            "{nodePodName}.{namespace}.{listener}.example",
            "spec.kafka.listeners[3].configuration.brokers: added 10, 11, 12 from template "
            "broker-{nodeId}.strimzi.gateway.api.test",
        });
  auto expected = kafka;
  expected["spec"]["kafka"]["listeners"][0]["configuration"]["brokers"] = seedHosts(9092);
  expected["spec"]["kafka"]["listeners"][1]["configuration"] = result.patch[1]["value"];
  expected["spec"]["kafka"]["listeners"][3]["configuration"]["brokers"] = seedHosts(9096);
  CHECK(kafka.patch(result.patch) == expected);
}

TEST_CASE("a per-listener template fills a listener the general one leaves alone", "[mutation]") {
  auto kafka = seedKafka();
  listener(kafka, 0)["tls"] = false;
  listener(kafka, 0)["configuration"].erase("brokerCertChainAndKey");
  listener(kafka, 0)["configuration"].erase("brokers");
  SECTION("the general template does not apply to a listener without TLS") {
    const auto result =
        mutate(withAnnotation(kafka, kTemplateAnnotation, kSeedTemplate), seedSnapshot());
    CHECK(result.patch == json::array());
    CHECK(result.findings.empty());
  }
  SECTION("its own template does") {
    const auto result =
        mutate(withAnnotation(kafka, std::string(kTemplateAnnotation) + ".obiwan", kSeedTemplate),
               seedSnapshot());
    CHECK(result.patch == json::array({addOp(kBrokers, seedBrokerEntries())}));
  }
}

TEST_CASE("listeners with Strimzi's advertisedHostTemplate are left alone", "[mutation]") {
  auto kafka = annotatedKafkaWithoutBrokers();
  listener(kafka, 0)["configuration"]["advertisedHostTemplate"] = "b-{nodeId}.example.com";
  SECTION("the general annotation skips them") {
    const auto result = mutate(kafka, seedSnapshot());
    CHECK(result.patch == json::array());
    CHECK(result.findings.empty());
  }
  SECTION("their own annotation is ignored with a warning") {
    const auto result =
        mutate(withAnnotation(kafka, std::string(kTemplateAnnotation) + ".obiwan", kSeedTemplate),
               seedSnapshot());
    CHECK(result.patch == json::array());
    CHECK(warnings(result) ==
          std::vector<std::string>{
              "metadata.annotations[strimzi-gateway-webhook.io/advertised-host-template.obiwan]: "
              "Forbidden: listener obiwan sets Strimzi's advertisedHostTemplate, which wins; the "
              "annotation is ignored"});
  }
}

TEST_CASE("a Kafka without node pools fills brokers 0 to replicas-1 of the pool kafka",
          "[mutation]") {
  const auto result = mutate(withoutNodePools(), seedSnapshot());
  CHECK(
      result.patch ==
      json::array({addOp(kBrokers, json::array({
                                       entry(0, "gateway-api-test-kafka-0.kafka.example.com", 9092),
                                       entry(1, "gateway-api-test-kafka-1.kafka.example.com", 9092),
                                   }))}));
}

TEST_CASE("no broker nodes yet: no patch, and a warning saying why", "[mutation]") {
  auto noBrokerPool = seedObjects();
  std::erase_if(noBrokerPool, [](const json& object) {
    return object["kind"] == "KafkaNodePool" && object["metadata"]["name"] == "broker";
  });
  const auto [snapshot, why] = GENERATE_COPY(table<sgw::cluster::ClusterSnapshot, std::string>({
      {seedSnapshotWithoutPools(),
       "cluster gateway-api-test has no KafkaNodePools yet; apply the Kafka again once its pools "
       "exist"},
      {snapshotOf(noBrokerPool), "no KafkaNodePool of cluster gateway-api-test has broker nodes "
                                 "yet; apply the Kafka again once one has"},
  }));
  SECTION("an annotated listener is told") {
    const auto result = mutate(annotatedKafkaWithoutBrokers(), snapshot);
    CHECK(result.patch == json::array());
    CHECK(denials(result).empty());
    CHECK(warnings(result) ==
          std::vector<std::string>{
              "spec.kafka.listeners[0].configuration.brokers: nothing added: " + why});
  }
  SECTION("a listener with complete entries of its own is not") {
    const auto result = mutate(seedKafka(), snapshot);
    CHECK(result.patch == json::array());
    CHECK(result.findings.empty());
  }
}

TEST_CASE("malformed annotations deny the review on the annotation", "[mutation]") {
  const std::string longLabel(61, 'x'); // 64 characters with "-10"
  const auto [key, value, denial] = GENERATE_COPY(table<std::string, std::string, std::string>({
      {kTemplateAnnotation, "broker-{id}.strimzi.gateway.api.test",
       "metadata.annotations[strimzi-gateway-webhook.io/advertised-host-template]: Invalid value: "
       "\"broker-{id}.strimzi.gateway.api.test\": unknown placeholder {id}; use {nodeId}, "
       "{nodePodName}, {pool}, {cluster}, {namespace} or {listener}"},
      {kTemplateAnnotation, "broker-{nodeId.strimzi.gateway.api.test",
       "metadata.annotations[strimzi-gateway-webhook.io/advertised-host-template]: Invalid value: "
       "\"broker-{nodeId.strimzi.gateway.api.test\": unbalanced braces: \"{\" at character 8 is "
       "not closed by \"}\""},
      {kTemplateAnnotation, "Broker-{nodeId}.strimzi.gateway.api.test",
       "metadata.annotations[strimzi-gateway-webhook.io/advertised-host-template]: Invalid value: "
       "\"Broker-{nodeId}.strimzi.gateway.api.test\": gives \"Broker-10.strimzi.gateway.api.test\" "
       "for broker 10 of listener obiwan, which is not a DNS name: contains \"B\"; only lowercase "
       "letters, digits, '-' and '.' are allowed"},
      {kTemplateAnnotation, longLabel + "-{nodeId}.strimzi.gateway.api.test",
       "metadata.annotations[strimzi-gateway-webhook.io/advertised-host-template]: Invalid value: "
       "\"" +
           longLabel + "-{nodeId}.strimzi.gateway.api.test\": gives \"" + longLabel +
           "-10.strimzi.gateway.api.test\" for broker 10 of listener obiwan, which is not a DNS "
           "name: has a label of 64 characters; at most 63 are allowed"},
      {std::string(kTemplateAnnotation) + ".obiwan", "{nodeId}}.example.com",
       "metadata.annotations[strimzi-gateway-webhook.io/advertised-host-template.obiwan]: Invalid "
       "value: \"{nodeId}}.example.com\": unbalanced braces: \"}\" at character 9 has no opening "
       "\"{\""},
      {"strimzi-gateway-webhook.io/advertised-port", "https",
       "metadata.annotations[strimzi-gateway-webhook.io/advertised-port]: Invalid value: "
       "\"https\": must be a port number from 1 to 65535"},
      {"strimzi-gateway-webhook.io/advertised-port", "0",
       "metadata.annotations[strimzi-gateway-webhook.io/advertised-port]: Invalid value: \"0\": "
       "must be a port number from 1 to 65535"},
      {"strimzi-gateway-webhook.io/advertised-port.obiwan", "65536",
       "metadata.annotations[strimzi-gateway-webhook.io/advertised-port.obiwan]: Invalid value: "
       "\"65536\": must be a port number from 1 to 65535"},
      {"strimzi-gateway-webhook.io/advertised-port", " 443",
       "metadata.annotations[strimzi-gateway-webhook.io/advertised-port]: Invalid value: \" "
       "443\": must be a port number from 1 to 65535"},
  }));
  CAPTURE(key, value);
  const auto result =
      mutate(withAnnotation(annotatedKafkaWithoutBrokers(), key, value), seedSnapshot());
  CHECK(denials(result) == std::vector<std::string>{denial});
  CHECK(result.patch == json::array());
}

TEST_CASE("a template that renders bad names is denied even when no entry is missing",
          "[mutation]") {
  const auto result = mutate(
      withAnnotation(seedKafka(), kTemplateAnnotation, "broker_{nodeId}.strimzi.gateway.api.test"),
      seedSnapshot());
  CHECK(denials(result) ==
        std::vector<std::string>{
            "metadata.annotations[strimzi-gateway-webhook.io/advertised-host-template]: Invalid "
            "value: \"broker_{nodeId}.strimzi.gateway.api.test\": gives "
            "\"broker_10.strimzi.gateway.api.test\" for broker 10 of listener obiwan, which is not "
            "a DNS name: contains \"_\"; only lowercase letters, digits, '-' and '.' are allowed"});
}

TEST_CASE("per-listener annotations naming no listener are warned about", "[mutation]") {
  auto kafka =
      withAnnotation(seedKafka(), std::string(kTemplateAnnotation) + ".obiwann", kSeedTemplate);
  kafka = withAnnotation(kafka, "strimzi-gateway-webhook.io/advertised-port.tls", "443");
  const auto result = mutate(kafka, seedSnapshot());
  CHECK(result.patch == json::array());
  CHECK(warnings(result) ==
        std::vector<std::string>{
            "metadata.annotations[strimzi-gateway-webhook.io/advertised-host-template.obiwann]: "
            "Not found: \"obiwann\": no listener has this name; the listeners are obiwan",
            "metadata.annotations[strimzi-gateway-webhook.io/advertised-port.tls]: Not found: "
            "\"tls\": no listener has this name; the listeners are obiwan"});
}

TEST_CASE("an entry without advertisedHost is reported, not changed", "[mutation]") {
  const auto kafka = withAnnotation(
      withBrokers(seedKafka(), json::array({{{"broker", 11}, {"advertisedPort", 9092}}})),
      kTemplateAnnotation, kSeedTemplate);
  const auto result = mutate(kafka, seedSnapshot());
  const auto path = std::string(kBrokers) + "/-";
  CHECK(result.patch ==
        json::array({addOp(path, entry(10, "broker-10.strimzi.gateway.api.test", 9092)),
                     addOp(path, entry(12, "broker-12.strimzi.gateway.api.test", 9092))}));
  CHECK(warnings(result) ==
        std::vector<std::string>{
            "spec.kafka.listeners[0].configuration.brokers[0]: has no advertisedHost, so broker 11 "
            "advertises Strimzi's default host; the webhook never changes an existing entry: set "
            "advertisedHost here",
            "spec.kafka.listeners[0].configuration.brokers: added 10, 12 from template "
            "broker-{nodeId}.strimzi.gateway.api.test"});
}

TEST_CASE("applying the patch and mutating again gives no patch", "[mutation][idempotence]") {
  const auto scaled = seedSnapshotWith({brokerPoolWithReplicas(4)});
  const auto [name, kafka,
              snapshot] = GENERATE_COPY(table<std::string, json, sgw::cluster::ClusterSnapshot>({
      {"seed without brokers, with the template", annotatedKafkaWithoutBrokers(), seedSnapshot()},
      {"seed with the template, pool scaled up",
       withAnnotation(seedKafka(), kTemplateAnnotation, kSeedTemplate), scaled},
      {"seed without annotation, pool scaled up", seedKafka(), scaled},
      {"several listeners, configuration created", severalListeners(), scaled},
      {"no node pools", withoutNodePools(), seedSnapshot()},
  }));
  CAPTURE(name);
  const auto first = mutate(kafka, snapshot);
  REQUIRE(first.patch.size() > 0);
  for (const auto& op : first.patch) {
    CHECK(op["op"] == "add");
  }
  const auto patched = kafka.patch(first.patch);
  const auto second = mutate(patched, snapshot);
  CHECK(second.patch == json::array());
  CHECK(second.findings.empty());
}

TEST_CASE("an inferred pattern that renders a bad name adds nothing and says why", "[mutation]") {
  const auto kafka = withBrokers(seedKafka(), json::array({entry(10, "Broker-10.example", 9092),
                                                           entry(11, "Broker-11.example", 9092)}));
  const auto result = mutate(kafka, seedSnapshot());
  CHECK(result.patch == json::array());
  CHECK(denials(result).empty());
  CHECK(warnings(result) ==
        std::vector<std::string>{
            "spec.kafka.listeners[0].configuration.brokers: nothing added: the pattern "
            "Broker-{nodeId}.example of the existing entries gives \"Broker-12.example\" for "
            "broker 12 of listener obiwan, which is not a DNS name: contains \"B\"; only lowercase "
            "letters, digits, '-' and '.' are allowed"});
}

TEST_CASE("pools claiming one node ID twice: nothing added, and why", "[mutation]") {
  auto duplicate = seedObject("KafkaNodePool", "broker");
  duplicate["metadata"]["name"] = "other";
  duplicate["spec"]["replicas"] = 1;
  duplicate["status"]["nodeIds"] = json::array({11});
  const auto result = mutate(annotatedKafkaWithoutBrokers(), seedSnapshotWith({duplicate}));
  CHECK(result.patch == json::array());
  CHECK(warnings(result) ==
        std::vector<std::string>{
            "spec.kafka.listeners[0].configuration.brokers: nothing added: duplicate node ID 11 "
            "in the status of node pool other, so the broker IDs of cluster gateway-api-test "
            "cannot be predicted; fix the pools' status, then apply the Kafka again"});
}

TEST_CASE("new entries advertise the port the listener's advertisedPortTemplate renders",
          "[mutation][advertised-port-template]") {
  auto kafka = withAnnotation(seedKafka(), kTemplateAnnotation, kSeedTemplate);
  listener(kafka, 0)["configuration"].erase("brokers");
  listener(kafka, 0)["configuration"]["advertisedPortTemplate"] = "9000 + {nodeId}";
  SECTION("each broker gets its own rendered port") {
    const auto result = mutate(kafka, seedSnapshot());
    CHECK(result.patch ==
          json::array({addOp(kBrokers, json::array({
                                           entry(10, "broker-10.strimzi.gateway.api.test", 9010),
                                           entry(11, "broker-11.strimzi.gateway.api.test", 9011),
                                           entry(12, "broker-12.strimzi.gateway.api.test", 9012),
                                       }))}));
    // Mutating the result again adds nothing.
    const auto again = mutate(kafka.patch(result.patch), seedSnapshot());
    CHECK(again.patch == json::array());
  }
  SECTION("a port annotation still wins") {
    kafka["metadata"]["annotations"]["strimzi-gateway-webhook.io/advertised-port"] = "443";
    const auto result = mutate(kafka, seedSnapshot());
    CHECK(result.patch[0]["value"][2] == entry(12, "broker-12.strimzi.gateway.api.test", 443));
  }
  SECTION("a template Strimzi cannot evaluate gives entries without a port") {
    listener(kafka, 0)["configuration"]["advertisedPortTemplate"] = "9000 / {nodeId}";
    const auto result = mutate(kafka, seedSnapshot());
    CHECK(result.patch[0]["value"][0] ==
          json({{"broker", 10}, {"advertisedHost", "broker-10.strimzi.gateway.api.test"}}));
  }
}

TEST_CASE("tlsroute listeners are left to Strimzi", "[mutation][tlsroute]") {
  auto kafka = seedKafka();
  json gw = {{"name", "gw"},
             {"port", 9095},
             {"type", "tlsroute"},
             {"tls", true},
             {"configuration",
              {{"parentRefs", {{{"name", "my-gateway"}}}},
               {"bootstrap", {{"host", "bootstrap-gw.strimzi.gateway.api.test"}}},
               {"brokers",
                {{{"broker", 10}, {"host", "b10.strimzi.gateway.api.test"}},
                 {{"broker", 11}, {"host", "b11.strimzi.gateway.api.test"}}}}}}};
  kafka["spec"]["kafka"]["listeners"].push_back(gw);
  SECTION("neither the general template nor a pattern fills them") {
    const auto result =
        mutate(withAnnotation(kafka, kTemplateAnnotation, kSeedTemplate), seedSnapshot());
    CHECK(result.patch == json::array());
    CHECK(result.findings.empty());
  }
  SECTION("a template for the listener itself is ignored, with a warning") {
    const auto result = mutate(withAnnotation(kafka, std::string(kTemplateAnnotation) + ".gw",
                                              "broker-{nodeId}.gw.example.com"),
                               seedSnapshot());
    CHECK(result.patch == json::array());
    CHECK(warnings(result) ==
          std::vector<std::string>{
              "metadata.annotations[strimzi-gateway-webhook.io/advertised-host-template.gw]: "
              "Forbidden: listener gw is of type tlsroute: Strimzi advertises each broker's route "
              "host (brokers[].host or hostTemplate); the annotation is ignored"});
  }
}
