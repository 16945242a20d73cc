#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "mutation/mutation_fixture.h"
#include "sgw/offline/mutated_objects.h"
#include "support/test_certificates.h"

using nlohmann::json;
using sgw::offline::mutateObjects;
using sgw::rules::Severity;
using namespace sgw::test;

namespace {

constexpr const char* kBrokers = "/spec/kafka/listeners/0/configuration/brokers";

// The seed's objects with its Kafka replaced by `kafka`; `position` is where the Kafka is.
std::vector<json> seedWithKafka(const json& kafka, std::size_t& position) {
  auto objects = seedObjects();
  for (std::size_t i = 0; i < objects.size(); ++i) {
    if (objects[i].value("kind", "") == "Kafka") {
      objects[i] = kafka;
      position = i;
      return objects;
    }
  }
  FAIL("no Kafka in examples/");
  return objects;
}

const sgw::model::Kafka& kafkaIn(const sgw::offline::MutatedObjects& mutated,
                                 const sgw::model::ObjectKey& key) {
  const auto& kafkas = mutated.set.snapshot.kafkas();
  const auto found = kafkas.find(key);
  REQUIRE(found != kafkas.end());
  return *found->second;
}

} // namespace

TEST_CASE("nothing in, nothing out", "[offline][mutation]") {
  const auto mutated = mutateObjects({}, "default", testNow());
  CHECK(mutated.objects.empty());
  CHECK(mutated.mutations.empty());
  CHECK(mutated.set.parsed.empty());
  CHECK(mutated.set.snapshot.objectCount() == 0);
}

TEST_CASE("a Kafka missing its listener entries is validated as the mutating webhook leaves it",
          "[offline][mutation]") {
  std::size_t position = 0;
  const auto objects = seedWithKafka(annotatedKafkaWithoutBrokers(), position);
  const auto mutated = mutateObjects(objects, "default", testNow());

  REQUIRE(mutated.mutations.size() == 1);
  const auto& mutation = mutated.mutations[0];
  CHECK(mutation.object == position);
  CHECK(mutation.patch == json::array({addOp(kBrokers, seedBrokerEntries())}));
  CHECK(texts(mutation.findings, Severity::Warn) ==
        std::vector<std::string>{"spec.kafka.listeners[0].configuration.brokers: added 10, 11, "
                                 "12 from template broker-{nodeId}.strimzi.gateway.api.test"});
  CHECK(texts(mutation.findings, Severity::Deny).empty());

  // Only the Kafka changes, and only by the patch.
  REQUIRE(mutated.objects.size() == objects.size());
  for (std::size_t i = 0; i < objects.size(); ++i) {
    if (i != position) {
      CHECK(mutated.objects[i] == objects[i]);
    }
  }
  auto expected = annotatedKafkaWithoutBrokers();
  expected["spec"]["kafka"]["listeners"][0]["configuration"]["brokers"] = seedBrokerEntries();
  CHECK(mutated.objects[position] == expected);

  // The set the validating rules judge is the mutated one.
  CHECK(mutated.set.parsed.size() == objects.size());
  const auto& kafka = kafkaIn(mutated, {"strimzi", "gateway-api-test"});
  REQUIRE(kafka.listeners.size() == 1);
  CHECK(kafka.listeners[0].configuration.brokers.size() == 3);

  // Mutating the result again gives no patch.
  const auto again = mutateObjects(mutated.objects, "default", testNow());
  REQUIRE(again.mutations.size() == 1);
  CHECK(again.mutations[0].patch == json::array());
  CHECK(again.objects == mutated.objects);
}

TEST_CASE("a Kafka with nothing missing is reported with an empty patch and stays as written",
          "[offline][mutation]") {
  const auto objects = seedObjects();
  const auto mutated = mutateObjects(objects, "default", testNow());
  REQUIRE(mutated.mutations.size() == 1);
  CHECK(mutated.mutations[0].patch == json::array());
  CHECK(mutated.mutations[0].findings.empty());
  CHECK(mutated.objects == objects);
  CHECK(
      kafkaIn(mutated, {"strimzi", "gateway-api-test"}).listeners[0].configuration.brokers.size() ==
      3);
}

TEST_CASE("a Kafka the mutation denies stays as written, with the denial and no patch",
          "[offline][mutation]") {
  auto kafka = annotatedKafkaWithoutBrokers();
  kafka["metadata"]["annotations"][kTemplateAnnotation] =
      "broker-{broker}.strimzi.gateway.api.test";
  std::size_t position = 0;
  const auto objects = seedWithKafka(kafka, position);
  const auto mutated = mutateObjects(objects, "default", testNow());
  REQUIRE(mutated.mutations.size() == 1);
  CHECK(mutated.mutations[0].object == position);
  CHECK(mutated.mutations[0].patch == json::array());
  CHECK(texts(mutated.mutations[0].findings, Severity::Deny) ==
        std::vector<std::string>{
            "metadata.annotations[strimzi-gateway-webhook.io/advertised-host-template]: Invalid "
            "value: \"broker-{broker}.strimzi.gateway.api.test\": unknown placeholder {broker}; "
            "use {nodeId}, {nodePodName}, {pool}, {cluster}, {namespace} or {listener}"});
  CHECK(mutated.objects == objects);
  CHECK(
      kafkaIn(mutated, {"strimzi", "gateway-api-test"}).listeners[0].configuration.brokers.empty());
}

TEST_CASE("only well-formed Kafkas are mutated; positions count every input",
          "[offline][mutation]") {
  std::size_t position = 0;
  auto objects = seedWithKafka(annotatedKafkaWithoutBrokers(), position);
  const json configMap = {{"apiVersion", "v1"},
                          {"kind", "ConfigMap"},
                          {"metadata", {{"name", "settings"}, {"namespace", "strimzi"}}}};
  objects.insert(objects.begin(), configMap);
  ++position;
  auto broken = annotatedKafkaWithoutBrokers();
  broken["metadata"]["name"] = "broken";
  broken["spec"]["kafka"]["replicas"] = "three";
  objects.push_back(broken);

  const auto mutated = mutateObjects(objects, "default", testNow());
  REQUIRE(mutated.mutations.size() == 1);
  CHECK(mutated.mutations[0].object == position);
  CHECK(mutated.mutations[0].patch == json::array({addOp(kBrokers, seedBrokerEntries())}));
  CHECK(mutated.objects.front() == configMap);
  CHECK(mutated.objects.back() == broken);
  // The broken Kafka keeps its type errors and stays out of the snapshot.
  REQUIRE(mutated.set.parsed.size() == objects.size());
  REQUIRE(mutated.set.parsed.back().has_value());
  CHECK(sgw::aggregate(mutated.set.parsed.back()->errors) ==
        "spec.kafka.replicas: Invalid value: \"three\": must be an integer");
  CHECK(mutated.set.snapshot.kafkas().count({"strimzi", "broken"}) == 0);
  CHECK_FALSE(mutated.set.parsed.front().has_value());
}

TEST_CASE("a Kafka without a namespace is mutated in the namespace given", "[offline][mutation]") {
  auto kafka = annotatedKafkaWithoutBrokers();
  kafka["metadata"].erase("namespace");
  std::size_t position = 0;
  const auto objects = seedWithKafka(kafka, position);

  SECTION("the namespace of its pools") {
    const auto mutated = mutateObjects(objects, "strimzi", testNow());
    REQUIRE(mutated.mutations.size() == 1);
    CHECK(mutated.mutations[0].patch == json::array({addOp(kBrokers, seedBrokerEntries())}));
    CHECK(kafkaIn(mutated, {"strimzi", "gateway-api-test"})
              .listeners[0]
              .configuration.brokers.size() == 3);
  }
  SECTION("a namespace without pools") {
    const auto mutated = mutateObjects(objects, "default", testNow());
    REQUIRE(mutated.mutations.size() == 1);
    CHECK(mutated.mutations[0].patch == json::array());
    CHECK(texts(mutated.mutations[0].findings, Severity::Warn) ==
          std::vector<std::string>{
              "spec.kafka.listeners[0].configuration.brokers: nothing added: cluster "
              "gateway-api-test has no KafkaNodePools yet; apply the Kafka again once its pools "
              "exist"});
    CHECK(mutated.objects == objects);
    CHECK(kafkaIn(mutated, {"default", "gateway-api-test"})
              .listeners[0]
              .configuration.brokers.empty());
  }
}
