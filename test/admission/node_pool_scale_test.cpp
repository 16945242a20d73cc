#include <catch2/catch.hpp>

#include "sgw/admission/review_pipeline.h"
#include "support/seed.h"

// `kubectl scale kafkanodepool broker --replicas=4` sends an autoscaling/v1 Scale to the pool's
// scale subresource; the pool judged is the stored one with the new count.

namespace {

nlohmann::json scaleReview(const std::string& pool, nlohmann::json replicas,
                           const std::string& resource = "kafkanodepools",
                           const std::string& group = "kafka.strimzi.io") {
  const auto scale = [&](nlohmann::json count) {
    return nlohmann::json{{"apiVersion", "autoscaling/v1"},
                          {"kind", "Scale"},
                          {"metadata", {{"name", pool}, {"namespace", "strimzi"}}},
                          {"spec", {{"replicas", std::move(count)}}},
                          {"status", {{"replicas", 3}}}};
  };
  return {{"apiVersion", "admission.k8s.io/v1"},
          {"kind", "AdmissionReview"},
          {"request",
           {{"uid", "5c2e1a4d-0000-4000-8000-00000000000a"},
            {"kind", {{"group", "autoscaling"}, {"version", "v1"}, {"kind", "Scale"}}},
            {"resource", {{"group", group}, {"version", "v1beta2"}, {"resource", resource}}},
            {"subResource", "scale"},
            {"name", pool},
            {"namespace", "strimzi"},
            {"operation", "UPDATE"},
            {"object", scale(std::move(replicas))},
            {"oldObject", scale(3)}}}};
}

nlohmann::json respond(const nlohmann::json& request,
                       sgw::admission::Endpoint endpoint = sgw::admission::Endpoint::Validate) {
  static const auto snapshot = sgw::test::examplesSnapshot();
  const auto answer = sgw::admission::answer(request.dump(), endpoint, snapshot,
                                             std::chrono::system_clock::from_time_t(1795000000));
  REQUIRE(answer.status == 200);
  return nlohmann::json::parse(answer.body)["response"];
}

} // namespace

TEST_CASE("scaling a pool through its scale subresource is judged like a patch of the pool",
          "[admission][scale]") {
  const auto response = respond(scaleReview("broker", 4));
  CHECK(response["allowed"] == true);
  CHECK(response["warnings"] ==
        nlohmann::json::array({"spec.replicas: Invalid value: 4: listener obiwan of Kafka "
                               "gateway-api-test has no advertisedHost for new broker 13; add a "
                               "brokers[] entry for it"}));
}

TEST_CASE("scale requests the webhook cannot judge pass unchanged", "[admission][scale]") {
  // A pool the state does not hold, another resource's scale, the mutating endpoint.
  for (const auto& request :
       {scaleReview("unknown", 4), scaleReview("broker", 4, "deployments", "apps")}) {
    CHECK(respond(request) ==
          nlohmann::json::parse(R"({"uid":"5c2e1a4d-0000-4000-8000-00000000000a",
                                    "allowed":true})"));
  }
  CHECK(respond(scaleReview("broker", 4), sgw::admission::Endpoint::Mutate) ==
        nlohmann::json::parse(R"({"uid":"5c2e1a4d-0000-4000-8000-00000000000a","allowed":true})"));
  const auto same = respond(scaleReview("broker", 3));
  CHECK(same["allowed"] == true);
  CHECK_FALSE(same.contains("warnings"));
}

TEST_CASE("a Scale with a replica count of the wrong type is denied", "[admission][scale]") {
  const auto response = respond(scaleReview("broker", "four"));
  CHECK(response["allowed"] == false);
  CHECK(response["status"]["message"] ==
        "spec.replicas: Invalid value: \"four\": must be an integer");
}
