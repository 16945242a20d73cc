// A cert-manager Certificate through the whole validating pipeline: AdmissionReview bytes in,
// response bytes out, as the API server sends them for a `kubectl apply` of a Certificate.

#include <catch2/catch.hpp>

#include "sgw/admission/review_pipeline.h"
#include "support/seed.h"

using sgw::admission::answer;
using sgw::admission::Endpoint;
using Json = nlohmann::json;

namespace {

Json review(const std::string& operation, const Json& object, const Json& oldObject = nullptr) {
  return {{"apiVersion", "admission.k8s.io/v1"},
          {"kind", "AdmissionReview"},
          {"request",
           {{"uid", "6b1c2d3e-0000-4000-8000-00000000c3a7"},
            {"kind", {{"group", "cert-manager.io"}, {"version", "v1"}, {"kind", "Certificate"}}},
            {"resource",
             {{"group", "cert-manager.io"}, {"version", "v1"}, {"resource", "certificates"}}},
            {"operation", operation},
            {"namespace", "strimzi"},
            {"name", "my-certificate"},
            {"object", object},
            {"oldObject", oldObject}}}};
}

} // namespace

TEST_CASE("a Certificate UPDATE dropping the names of the seed's Kafka is denied",
          "[admission][pipeline][certificate]") {
  sgw::test::Seed seed;
  const auto stored = sgw::test::certificateJson();
  seed.put(stored);
  const auto snapshot = seed.snapshot();
  auto changed = stored;
  changed["spec"]["dnsNames"] = {"*.other.example"};

  const auto result = answer(review("UPDATE", changed, stored).dump(), Endpoint::Validate, snapshot,
                             sgw::test::testNow());
  REQUIRE(result.status == 200);
  const auto response = Json::parse(result.body)["response"];
  CHECK(response["uid"] == "6b1c2d3e-0000-4000-8000-00000000c3a7");
  CHECK(response["allowed"] == false);
  CHECK(response["status"]["code"] == 403);
  CHECK(response["status"]["reason"] == "Forbidden");
  CHECK(response["status"]["message"] ==
        "[spec.dnsNames: Invalid value: [\"*.other.example\"]: listener obiwan of Kafka "
        "gateway-api-test presents Secret my-certificate and needs "
        "broker-10.strimzi.gateway.api.test, broker-11.strimzi.gateway.api.test, "
        "broker-12.strimzi.gateway.api.test, which these names do not cover; keep them or a "
        "wildcard covering them, spec.dnsNames: Invalid value: [\"*.other.example\"]: TLSRoute "
        "gateway-api-test-bootstrap leads to listener obiwan of Kafka gateway-api-test, which "
        "presents Secret my-certificate, and needs bootstrap.strimzi.gateway.api.test, which "
        "these names do not cover; keep them or a wildcard covering them]");
  // The Secret still holds the old names: cert-manager has not reissued it.
  CHECK(response["warnings"] ==
        Json::array({"spec.secretName: Invalid value: \"my-certificate\": holds a certificate for "
                     "*.strimzi.gateway.api.test, not for the requested *.other.example; not "
                     "reissued yet, or replaced (Ready: True, Ready)"}));
  REQUIRE(result.record.has_value());
  CHECK(result.record->kind == "Certificate");
  CHECK(result.record->deniedRules == std::vector<std::string>{"certificate-names"});
  CHECK(result.record->warnedRules == std::vector<std::string>{"certificate-secret-match"});
}

TEST_CASE("a Certificate change that keeps the names is allowed",
          "[admission][pipeline][certificate]") {
  sgw::test::Seed seed;
  const auto stored = sgw::test::certificateJson();
  seed.put(stored);
  const auto snapshot = seed.snapshot();
  auto changed = stored;
  changed["spec"]["renewBefore"] = "720h";

  for (const auto& [operation, old] :
       std::vector<std::pair<std::string, Json>>{{"CREATE", nullptr}, {"UPDATE", stored}}) {
    CAPTURE(operation);
    const auto result = answer(review(operation, changed, old).dump(), Endpoint::Validate, snapshot,
                               sgw::test::testNow());
    REQUIRE(result.status == 200);
    CHECK(Json::parse(result.body) == Json::parse(R"({
        "apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview",
        "response":{"uid":"6b1c2d3e-0000-4000-8000-00000000c3a7","allowed":true}})"));
  }
}

TEST_CASE("a Certificate with fields of the wrong type is denied with their paths",
          "[admission][pipeline][certificate]") {
  auto object = sgw::test::certificateJson();
  object["spec"]["dnsNames"] = "*.strimzi.gateway.api.test";
  const auto result = answer(review("CREATE", object).dump(), Endpoint::Validate,
                             sgw::test::Seed().snapshot(), sgw::test::testNow());
  const auto response = Json::parse(result.body)["response"];
  CHECK(response["allowed"] == false);
  CHECK(response["status"]["message"] ==
        "spec.dnsNames: Invalid value: \"*.strimzi.gateway.api.test\": must be a list");
}

TEST_CASE("/mutate leaves Certificates alone", "[admission][pipeline][certificate]") {
  auto object = sgw::test::certificateJson();
  object["spec"]["dnsNames"] = {"*.other.example"};
  const auto result = answer(review("CREATE", object).dump(), Endpoint::Mutate,
                             sgw::test::Seed().snapshot(), sgw::test::testNow());
  CHECK(Json::parse(result.body) == Json::parse(R"({
      "apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview",
      "response":{"uid":"6b1c2d3e-0000-4000-8000-00000000c3a7","allowed":true}})"));
}
