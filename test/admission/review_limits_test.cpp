#include <catch2/catch.hpp>

#include "sgw/admission/review_pipeline.h"
#include "sgw/core/message_limits.h"
#include "support/seed.h"
#include "support/temp_dir.h"

// Whatever a request holds and whatever the cluster holds, a review ends in a response of
// bounded size: a 400 with a short reason, or an AdmissionReview whose warnings and denial stay
// within what the API server keeps.

namespace {

using Json = nlohmann::json;
using sgw::admission::Endpoint;

const auto kNow = sgw::test::testNow();

Json recorded(const std::string& name) {
  return Json::parse(sgw::test::readFile(sgw::test::fixturePath("admission/" + name)));
}

constexpr const char* kKafkaUpdate = "050-validate-Kafka-UPDATE-gateway-api-test.json";

sgw::admission::HttpAnswer answerWith(const std::string& body, const sgw::test::Seed& seed,
                                      Endpoint endpoint = Endpoint::Validate) {
  const auto snapshot = seed.snapshot();
  return sgw::admission::answer(body, endpoint, snapshot, kNow);
}

} // namespace

TEST_CASE("numbers beyond a double's range get 400 with a short reason", "[admission][limits]") {
  const sgw::test::Seed seed;
  auto review = recorded(kKafkaUpdate).dump();
  const std::string field = "\"advertisedPort\":";
  const auto at = review.find(field) + field.size();
  for (const std::string& number : {std::string(100000, '9'), std::string("1e400")}) {
    INFO(number.substr(0, 20));
    auto body = review;
    body.replace(at, body.find_first_of(",}", at) - at, number);
    const auto answer = answerWith(body, seed);
    CHECK(answer.status == 400);
    CHECK_THAT(answer.error,
               Catch::StartsWith("request body is not valid JSON: "
                                 "[json.exception.out_of_range.406] number overflow parsing '"));
    CHECK(answer.error.size() <=
          std::string("request body is not valid JSON: ").size() + sgw::kMaxWarningBytes);
    CHECK_FALSE(answer.record.has_value());
  }
}

TEST_CASE("a Kafka listing 100000 brokers gets a small answer", "[admission][limits]") {
  const sgw::test::Seed seed;
  auto review = recorded(kKafkaUpdate);
  auto& brokers =
      review["request"]["object"]["spec"]["kafka"]["listeners"][0]["configuration"]["brokers"];
  brokers = Json::array();
  for (int id = 0; id < 100000; ++id) {
    brokers.push_back({{"broker", id},
                       {"advertisedHost", "broker-" + std::to_string(id) + ".elsewhere.example"},
                       {"advertisedPort", 9092}});
  }
  const auto body = review.dump();
  REQUIRE(body.size() > 5'000'000);
  for (const auto endpoint : {Endpoint::Validate, Endpoint::Mutate}) {
    const auto answer = answerWith(body, seed, endpoint);
    REQUIRE(answer.status == 200);
    CHECK(answer.body.size() < sgw::kMaxWarningsTotalBytes + sgw::kMaxDenialBytes + 1024);
    const auto response = Json::parse(answer.body)["response"];
    std::size_t warningBytes = 0;
    for (const auto& warning : response.value("warnings", Json::array())) {
      CHECK(warning.get<std::string>().size() <= sgw::kMaxWarningBytes);
      warningBytes += warning.get<std::string>().size();
    }
    CHECK(warningBytes <= sgw::kMaxWarningsTotalBytes);
    if (endpoint == Endpoint::Validate) {
      // Every broker but 10, 11 and 12 is denied; the message lists the first ones.
      CHECK(response["allowed"] == false);
      const auto message = response["status"]["message"].get<std::string>();
      CHECK(message.size() <= sgw::kMaxDenialBytes);
      CHECK_THAT(message, Catch::StartsWith("[spec.kafka.listeners[0].configuration.brokers[0]"));
      CHECK_THAT(message, Catch::EndsWith(" more]"));
    }
  }
}

TEST_CASE("bytes that are not UTF-8 in the cluster's certificates do not break the response",
          "[admission][limits]") {
  using namespace std::chrono_literals;
  sgw::test::Seed seed;
  sgw::test::CertificateRequest certificate;
  certificate.dnsNames = {"*.strimzi.gateway.api.t\xff"};
  certificate.notBefore = kNow - 24h;
  certificate.notAfter = kNow + 24h * 365;
  seed.put(sgw::test::secretJson("my-certificate",
                                 {{"tls.crt", sgw::test::makeCertificatePem(certificate)}}));
  const auto body = recorded("028-validate-TLSRoute-CREATE-gateway-api-test-broker-10.json").dump();
  const auto answer = answerWith(body, seed);
  REQUIRE(answer.status == 200);
  const auto response = Json::parse(answer.body)["response"];
  CHECK(response["allowed"] == false);
  CHECK_THAT(response["status"]["message"].get<std::string>(),
             Catch::Contains("whose SANs are *.strimzi.gateway.api.t\xef\xbf\xbd"));
}

TEST_CASE("a review that fails inside the webhook is allowed with a warning saying so",
          "[admission][limits]") {
  const auto body = recorded(kKafkaUpdate).dump();
  const auto answer = sgw::admission::answer(
      body, Endpoint::Validate,
      [](const sgw::cluster::AnyObject*) -> std::shared_ptr<const sgw::cluster::ClusterSnapshot> {
        throw std::runtime_error("no snapshot \xff today");
      },
      kNow);
  REQUIRE(answer.status == 200);
  const auto response = Json::parse(answer.body)["response"];
  CHECK(response["uid"] == "ebeafb42-ecd2-40dc-b1ee-e05b6625d1a9");
  CHECK(response["allowed"] == true);
  CHECK(response["warnings"] ==
        Json::array({"the webhook could not review this object: no snapshot \xef\xbf\xbd today"}));
  REQUIRE(answer.record.has_value());
  CHECK(answer.record->verdict == sgw::admission::Verdict::Warned);
  CHECK(answer.record->warnedRules == std::vector<std::string>{"review-failed"});
}
