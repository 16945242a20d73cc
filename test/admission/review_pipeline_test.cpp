#include <catch2/catch.hpp>

#include "sgw/admission/review_pipeline.h"
#include "sgw/manifest/manifest.h"
#include "sgw/state/manifest_snapshot.h"
#include "support/fixtures.h"
#include "support/seed.h"
#include "support/temp_dir.h"

using sgw::admission::answer;
using sgw::admission::Endpoint;

namespace {

const sgw::cluster::ClusterSnapshot& seedSnapshot() {
  static const auto snapshot = [] {
    auto loaded = sgw::manifest::loadPath(sgw::test::sourcePath("examples"));
    REQUIRE(loaded.errors.empty());
    return sgw::state::snapshotFromManifests(loaded.manifests).snapshot;
  }();
  return snapshot;
}

const auto kNow = std::chrono::system_clock::from_time_t(1795000000); // 2026-11-18

nlohmann::json review(const std::string& group, const std::string& version, const std::string& kind,
                      const std::string& operation, nlohmann::json object,
                      nlohmann::json oldObject = nullptr) {
  return {{"apiVersion", "admission.k8s.io/v1"},
          {"kind", "AdmissionReview"},
          {"request",
           {{"uid", "3a1f0e7c-0000-4000-8000-000000000001"},
            {"kind", {{"group", group}, {"version", version}, {"kind", kind}}},
            {"operation", operation},
            {"namespace", "strimzi"},
            {"name", "x"},
            {"object", std::move(object)},
            {"oldObject", std::move(oldObject)}}}};
}

nlohmann::json responseOf(const nlohmann::json& request, Endpoint endpoint) {
  const auto result = answer(request.dump(), endpoint, seedSnapshot(), kNow);
  REQUIRE(result.status == 200);
  REQUIRE(result.contentType == "application/json");
  return nlohmann::json::parse(result.body);
}

} // namespace

TEST_CASE("kinds the webhook does not handle are allowed unchanged", "[admission][pipeline]") {
  const auto pod = review("", "v1", "Pod", "CREATE", {{"metadata", {{"name", "x"}}}});
  for (const auto endpoint : {Endpoint::Validate, Endpoint::Mutate}) {
    CHECK(responseOf(pod, endpoint) == nlohmann::json::parse(R"({
        "apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview",
        "response":{"uid":"3a1f0e7c-0000-4000-8000-000000000001","allowed":true}})"));
  }
}

TEST_CASE("status subresource writes of the operator are allowed unchanged",
          "[admission][pipeline]") {
  const auto body = sgw::test::readFile(
      sgw::test::fixturePath("admission/038-validate-KafkaNodePool-UPDATE_status-broker.json"));
  const auto result = answer(body, Endpoint::Validate, seedSnapshot(), kNow);
  REQUIRE(result.status == 200);
  const auto response = nlohmann::json::parse(result.body)["response"];
  CHECK(response["allowed"] == true);
  CHECK_FALSE(response.contains("warnings"));
  CHECK_FALSE(response.contains("status"));
}

TEST_CASE("fields of the wrong type deny with their paths", "[admission][pipeline]") {
  nlohmann::json kafka = {{"apiVersion", "kafka.strimzi.io/v1beta2"},
                          {"kind", "Kafka"},
                          {"metadata", {{"name", "gateway-api-test"}, {"namespace", "strimzi"}}},
                          {"spec",
                           {{"kafka",
                             {{"listeners",
                               {{{"name", "obiwan"},
                                 {"port", "9092"},
                                 {"type", "cluster-ip"},
                                 {"tls", true},
                                 {"configuration", {{"brokers", {{{"broker", "ten"}}}}}}}}}}}}}};
  for (const auto endpoint : {Endpoint::Validate, Endpoint::Mutate}) {
    const auto response =
        responseOf(review("kafka.strimzi.io", "v1beta2", "Kafka", "CREATE", kafka), endpoint);
    CHECK(response["response"]["allowed"] == false);
    CHECK(response["response"]["status"]["code"] == 403);
    CHECK(response["response"]["status"]["reason"] == "Forbidden");
    CHECK(response["response"]["status"]["message"] ==
          "[spec.kafka.listeners[0].port: Invalid value: \"9092\": must be an integer, "
          "spec.kafka.listeners[0].configuration.brokers[0].broker: Invalid value: \"ten\": must "
          "be an integer]");
    CHECK_FALSE(response["response"].contains("patch"));
  }
}

TEST_CASE("DELETE reviews judge the old object", "[admission][pipeline]") {
  // A DELETE carries the object only as oldObject; a broken oldObject proves it is the one read.
  const auto deletion = review("kafka.strimzi.io", "v1beta2", "KafkaNodePool", "DELETE", nullptr,
                               {{"metadata", {{"name", "broker"}}}, {"spec", {{"replicas", "3"}}}});
  const auto response = responseOf(deletion, Endpoint::Validate);
  CHECK(response["response"]["allowed"] == false);
  CHECK(response["response"]["status"]["message"] ==
        "spec.replicas: Invalid value: \"3\": must be an integer");
}

TEST_CASE("a stored Kafka of the wrong shape does not change an UPDATE's verdict",
          "[admission][pipeline]") {
  // No Kafka rule reads the stored version (only a DELETE's oldObject, the object under review,
  // is judged: above), so the review neither decodes nor parses it.
  const nlohmann::json kafka = {{"metadata", {{"name", "gateway-api-test"}}},
                                {"spec", {{"kafka", 7}}}};
  const auto update = review("kafka.strimzi.io", "v1", "Kafka", "UPDATE",
                             sgw::test::Seed().get("Kafka", "gateway-api-test"), kafka);
  const auto response = responseOf(update, Endpoint::Validate);
  CHECK(response["response"]["allowed"] == true);
  CHECK_FALSE(response["response"].contains("warnings"));
}

TEST_CASE("dry-run reviews are answered exactly like others", "[admission][pipeline]") {
  auto request = review("", "v1", "Pod", "CREATE", {{"metadata", {{"name", "x"}}}});
  const auto normal = responseOf(request, Endpoint::Validate);
  request["request"]["dryRun"] = true;
  CHECK(responseOf(request, Endpoint::Validate) == normal);
}

TEST_CASE("every recorded review is answered with its own uid and never a validating patch",
          "[admission][pipeline]") {
  for (const auto& entry :
       std::filesystem::directory_iterator(sgw::test::fixturePath("admission"))) {
    if (entry.path().extension() != ".json") {
      continue;
    }
    INFO(entry.path().filename().string());
    const auto body = sgw::test::readFile(entry.path());
    const auto uid = nlohmann::json::parse(body)["request"]["uid"];
    const bool mutating = entry.path().filename().string().find("-mutate-") != std::string::npos;
    const auto result =
        answer(body, mutating ? Endpoint::Mutate : Endpoint::Validate, seedSnapshot(), kNow);
    REQUIRE(result.status == 200);
    const auto response = nlohmann::json::parse(result.body);
    CHECK(response["apiVersion"] == "admission.k8s.io/v1");
    CHECK(response["kind"] == "AdmissionReview");
    CHECK(response["response"]["uid"] == uid);
    CHECK(response["response"]["allowed"].is_boolean());
    if (!mutating) {
      CHECK_FALSE(response["response"].contains("patch"));
      CHECK_FALSE(response["response"].contains("patchType"));
    }
    CHECK(response["response"].contains("patch") == response["response"].contains("patchType"));
  }
}

TEST_CASE("the snapshot is chosen for the object under review, parsed once",
          "[admission][pipeline]") {
  struct Case {
    std::string fixture;
    std::optional<std::string> reviewed; // the name of the Kafka handed over, if any
    Endpoint endpoint = Endpoint::Validate;
  };
  const auto c = GENERATE(
      Case{"016-validate-Kafka-CREATE-gateway-api-test.json", "gateway-api-test"},
      Case{"050-validate-Kafka-UPDATE-gateway-api-test.json", "gateway-api-test"},
      Case{"014-validate-Kafka-DELETE-gateway-api-test.json", std::nullopt},
      Case{"040-validate-Kafka-UPDATE_status-gateway-api-test.json", std::nullopt},
      // Mutation reads no Secret: nothing for the state source to look up.
      Case{"015-mutate-Kafka-CREATE-gateway-api-test.json", std::nullopt, Endpoint::Mutate},
      Case{"049-mutate-Kafka-UPDATE-gateway-api-test.json", std::nullopt, Endpoint::Mutate});
  CAPTURE(c.fixture);
  const std::shared_ptr<const sgw::cluster::ClusterSnapshot> borrowed(
      std::shared_ptr<const sgw::cluster::ClusterSnapshot>(), &seedSnapshot());
  int asked = 0;
  std::optional<std::string> handedOver;
  const auto result = answer(
      sgw::test::readFixture(c.fixture, sgw::test::kCurrentReviews), c.endpoint,
      [&](const sgw::cluster::AnyObject* reviewed) {
        ++asked;
        if (reviewed != nullptr) {
          handedOver = sgw::cluster::metadataOf(*reviewed).name;
          CHECK(sgw::cluster::kindOf(*reviewed) == sgw::model::Kind::Kafka);
        }
        return borrowed;
      },
      kNow);
  CHECK(result.status == 200);
  CHECK(asked == 1);
  CHECK(handedOver == c.reviewed);
}
