#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "mutation/mutation_fixture.h"
#include "sgw/admission/review_pipeline.h"
#include "sgw/core/base64.h"
#include "support/test_paths.h"

using nlohmann::json;
using sgw::admission::Endpoint;
using namespace sgw::test;

namespace {

constexpr const char* kKafkaCreate = "015-mutate-Kafka-CREATE-gateway-api-test.json";
constexpr const char* kBrokers = "/spec/kafka/listeners/0/configuration/brokers";

json fixture(const std::string& name) {
  std::ifstream stream(std::string(SGW_FIXTURES_DIR) + "/admission/" + name);
  REQUIRE(stream);
  return json::parse(stream);
}

// The recorded Kafka CREATE, with the seed's `brokers` list taken out and the template added.
json annotatedCreateWithoutBrokers() {
  auto review = fixture(kKafkaCreate);
  auto& object = review["request"]["object"];
  object["spec"]["kafka"]["listeners"][0]["configuration"].erase("brokers");
  object["metadata"]["annotations"][kTemplateAnnotation] = kSeedTemplate;
  return review;
}

json answer(const json& review, Endpoint endpoint, const sgw::cluster::ClusterSnapshot& snapshot) {
  const auto answered = sgw::admission::answer(review.dump(), endpoint, snapshot, {});
  REQUIRE(answered.status == 200);
  return json::parse(answered.body);
}

json decodedPatch(const json& response) {
  const auto bytes = sgw::base64Decode(response.at("patch").get<std::string>());
  REQUIRE(bytes.has_value());
  return json::parse(*bytes);
}

// The validating review the apiserver sends after the mutating one: same request, mutated object.
json validateAfter(json review, const json& patch) {
  auto& object = review["request"]["object"];
  object = object.patch(patch);
  return review;
}

} // namespace

TEST_CASE("/mutate answers the seed without brokers with the seed's entries as a JSON patch",
          "[mutation][admission]") {
  const auto review = annotatedCreateWithoutBrokers();
  const auto body = answer(review, Endpoint::Mutate, seedSnapshot());

  const auto expectedPatch = json::array({addOp(kBrokers, seedBrokerEntries())});
  CHECK(body == json{{"apiVersion", "admission.k8s.io/v1"},
                     {"kind", "AdmissionReview"},
                     {"response",
                      {{"uid", "79e49b46-4555-4f57-9b82-9122e1dffd5e"},
                       {"allowed", true},
                       {"patchType", "JSONPatch"},
                       {"patch", sgw::base64Encode(expectedPatch.dump())},
                       {"warnings",
                        {"spec.kafka.listeners[0].configuration.brokers: added 10, 11, "
                         "12 from template broker-{nodeId}.strimzi.gateway.api.test"}}}}});
  CHECK(decodedPatch(body["response"]) == expectedPatch);

  // What the apiserver stores: the recorded object (with its entries) plus the annotation.
  auto expected = fixture(kKafkaCreate)["request"]["object"];
  expected["metadata"]["annotations"][kTemplateAnnotation] = kSeedTemplate;
  CHECK(review["request"]["object"].patch(decodedPatch(body["response"])) == expected);
}

TEST_CASE("/mutate leaves the recorded seed Kafka alone: no patch, no patchType",
          "[mutation][admission]") {
  const auto body = answer(fixture(kKafkaCreate), Endpoint::Mutate, seedSnapshot());
  CHECK(body["response"] ==
        json{{"uid", "79e49b46-4555-4f57-9b82-9122e1dffd5e"}, {"allowed", true}});
}

TEST_CASE("/mutate denies a malformed template with 403 and no patch", "[mutation][admission]") {
  auto review = annotatedCreateWithoutBrokers();
  review["request"]["object"]["metadata"]["annotations"][kTemplateAnnotation] =
      "broker-{broker}.strimzi.gateway.api.test";
  const auto body = answer(review, Endpoint::Mutate, seedSnapshot());
  CHECK(body["response"] ==
        json{{"uid", "79e49b46-4555-4f57-9b82-9122e1dffd5e"},
             {"allowed", false},
             {"status",
              {{"code", 403},
               {"reason", "Forbidden"},
               {"message",
                "metadata.annotations[strimzi-gateway-webhook.io/advertised-host-template]: "
                "Invalid value: \"broker-{broker}.strimzi.gateway.api.test\": unknown "
                "placeholder {broker}; use {nodeId}, {nodePodName}, {pool}, {cluster}, "
                "{namespace} or {listener}"}}}});
}

TEST_CASE("/mutate warns and does not patch when the cluster has no pools yet",
          "[mutation][admission]") {
  const auto body =
      answer(annotatedCreateWithoutBrokers(), Endpoint::Mutate, seedSnapshotWithoutPools());
  CHECK(body["response"] ==
        json{{"uid", "79e49b46-4555-4f57-9b82-9122e1dffd5e"},
             {"allowed", true},
             {"warnings",
              {"spec.kafka.listeners[0].configuration.brokers: nothing added: cluster "
               "gateway-api-test has no KafkaNodePools yet; apply the Kafka again once "
               "its pools exist"}}});
}

TEST_CASE("the mutated Kafka passes /validate and mutating it again gives no patch",
          "[mutation][admission]") {
  // The apiserver runs validating webhooks on the object the mutating ones produced.
  auto scaled = fixture(kKafkaCreate);
  scaled["request"]["operation"] = "UPDATE";
  scaled["request"]["oldObject"] = scaled["request"]["object"];
  const auto [name, review,
              snapshot] = GENERATE_COPY(table<std::string, json, sgw::cluster::ClusterSnapshot>({
      {"seed without brokers, with the template", annotatedCreateWithoutBrokers(), seedSnapshot()},
      {"seed Kafka updated after the broker pool went to 4 replicas", scaled,
       seedSnapshotWith({brokerPoolWithReplicas(4)})},
  }));
  CAPTURE(name);
  const auto mutated = answer(review, Endpoint::Mutate, snapshot);
  REQUIRE(mutated["response"]["allowed"] == true);
  REQUIRE(mutated["response"].contains("patch"));
  const auto next = validateAfter(review, decodedPatch(mutated["response"]));

  const auto validated = answer(next, Endpoint::Validate, snapshot);
  CHECK(validated["response"]["allowed"] == true);
  CHECK_FALSE(validated["response"].contains("patch"));
  CHECK_FALSE(validated["response"].contains("patchType"));

  const auto again = answer(next, Endpoint::Mutate, snapshot);
  CHECK(again["response"] ==
        json{{"uid", "79e49b46-4555-4f57-9b82-9122e1dffd5e"}, {"allowed", true}});
}
