#include <catch2/catch.hpp>
#include <functional>

#include "sgw/admission/review_pipeline.h"
#include "support/fixtures.h"
#include "support/seed.h"

using sgw::test::Seed;
using Json = nlohmann::json;

namespace {

struct Outcome {
  bool allowed = true;
  int code = 0;
  std::string message;
  std::vector<std::string> warnings;

  bool operator==(const Outcome&) const = default;
};

std::ostream& operator<<(std::ostream& out, const Outcome& outcome) {
  out << (outcome.allowed ? "allowed" : "denied") << " code=" << outcome.code << " message=\""
      << outcome.message << "\" warnings=" << Json(outcome.warnings).dump();
  return out;
}

// Answers a recorded /validate request of `set` and returns what the apiserver would act on.
Outcome validate(const std::string& prefix, const sgw::cluster::ClusterSnapshot& snapshot,
                 const std::string& set) {
  const auto body = sgw::test::readFixture(sgw::test::fixtureFile(prefix, set), set);
  const auto answer = sgw::admission::answer(body, sgw::admission::Endpoint::Validate, snapshot,
                                             sgw::test::testNow());
  REQUIRE(answer.status == 200);
  const auto review = Json::parse(answer.body);
  const auto& response = review.at("response");
  CHECK(response.at("uid") == Json::parse(body).at("request").at("uid"));
  CHECK_FALSE(response.contains("patch"));
  CHECK_FALSE(response.contains("patchType"));
  Outcome out;
  out.allowed = response.at("allowed").get<bool>();
  if (response.contains("status")) {
    out.code = response["status"].value("code", 0);
    out.message = response["status"].value("message", "");
    CHECK(response["status"].value("reason", "") == "Forbidden");
  }
  if (response.contains("warnings")) {
    out.warnings = response["warnings"].get<std::vector<std::string>>();
  }
  return out;
}

Outcome allowed(std::vector<std::string> warnings = {}) {
  return {true, 0, "", std::move(warnings)};
}
Outcome denied(std::string message, std::vector<std::string> warnings = {}) {
  return {false, 403, std::move(message), std::move(warnings)};
}

const std::string kServices =
    "Services of cluster gateway-api-test are gateway-api-test-broker-obiwan-10, "
    "gateway-api-test-broker-obiwan-11, gateway-api-test-broker-obiwan-12, "
    "gateway-api-test-kafka-obiwan-bootstrap";
const std::string kRemovedBrokers =
    "metadata.name: Invalid value: \"broker\": deleting the pool removes brokers 10, 11, 12";

// The cluster after fixtures 035-040: the broker pool scaled to 4 and reconciled.
void brokerPoolOfFour(Seed& seed) {
  auto& pool = seed.get("KafkaNodePool", "broker");
  pool["spec"]["replicas"] = 4;
  pool["status"]["nodeIds"] = {10, 11, 12, 13};
  pool["status"]["replicas"] = 4;
}

} // namespace

TEST_CASE("recorded reviews are answered exactly, against the examples",
          "[admission][recorded][rules]") {
  struct Case {
    std::string fixture;
    Outcome expected;
  };
  const auto c = GENERATE(values<Case>({
      {"016-validate", allowed()},
      {"018-validate", allowed()},
      {"022-validate", allowed()}, // status subresource
      {"028-validate", allowed()},
      {"034-validate", allowed()},
      {"036-validate",
       allowed({"spec.replicas: Invalid value: 4: listener obiwan of Kafka gateway-api-test has no "
                "advertisedHost for new broker 13; add a brokers[] entry for it"})},
      {"042-validate",
       denied("spec.hostnames[0]: Invalid value: \"broker-10.other.example\": not covered by the "
              "certificate of listener obiwan of Kafka gateway-api-test (Secret my-certificate), "
              "whose SANs are *.strimzi.gateway.api.test",
              {"spec.hostnames[0]: Invalid value: \"broker-10.other.example\": broker 10 "
               "advertises broker-10.strimzi.gateway.api.test; clients are never sent to this "
               "hostname"})},
      {"044-validate", denied("spec.rules[0].backendRefs[0].name: Not found: "
                              "\"gateway-api-test-broker-obiwan-13\": " +
                              kServices)},
      {"046-validate",
       denied("spec.rules[0].backendRefs[0].name: Invalid value: "
              "\"gateway-api-test-broker-obiwan-12\": spec.hostnames[0] "
              "broker-11.strimzi.gateway.api.test is advertised by broker 11 (listener obiwan); "
              "route it to gateway-api-test-broker-obiwan-11")},
      {"048-validate", allowed()},
      {"050-validate",
       denied("spec.kafka.listeners[0].configuration.brokers[4].broker: Invalid value: 0: node 0 "
              "is a controller-only node (pool controller); broker nodes of cluster "
              "gateway-api-test are 10, 11, 12",
              {"spec.kafka.listeners[0].configuration.brokers[3].broker: Invalid value: 13: no "
               "broker 13 yet (kept for a scale-up?); broker nodes of cluster gateway-api-test "
               "are 10, 11, 12"})},
      {"052-validate", denied("spec.rules[0].backendRefs[0].name: Not found: "
                              "\"gateway-api-test-broker-obiwan-14\": " +
                              kServices)},
      {"002-validate", allowed()}, // TLSRoute DELETE
      {"012-validate", allowed()}, // controller pool DELETE
      {"014-validate", allowed()}, // Kafka DELETE
      {"066-validate",
       allowed({kRemovedBrokers + ", which listener obiwan of Kafka gateway-api-test still lists; "
                                  "remove the brokers[] entries",
                kRemovedBrokers + "; TLSRoutes gateway-api-test-broker-10, "
                                  "gateway-api-test-broker-11, gateway-api-test-broker-12 still "
                                  "route to their Services"})},
  }));
  // Both stacks give the same answers: the v1beta2 cluster enables node pools by annotation, the
  // v1 cluster always runs on them.
  const std::string set = GENERATE(sgw::test::kStrimzi043Reviews, sgw::test::kCurrentReviews);
  CAPTURE(set, c.fixture);
  Seed seed;
  CHECK(validate(c.fixture, seed.snapshot(), set) == c.expected);
}

TEST_CASE("recorded reviews are answered exactly, at the moment they were recorded",
          "[admission][recorded][rules]") {
  struct Case {
    std::string fixture;
    std::function<void(Seed&)> moment;
    Outcome expected;
  };
  const auto c = GENERATE(values<Case>({
      // Broker 13 runs after 035-040, so Strimzi will create its Service.
      {"044-validate", brokerPoolOfFour, allowed()},
      // Broker 13 is a broker then; only the controller remains wrong.
      {"050-validate", brokerPoolOfFour,
       denied("spec.kafka.listeners[0].configuration.brokers[4].broker: Invalid value: 0: node 0 "
              "is a controller-only node (pool controller); broker nodes of cluster "
              "gateway-api-test are 10, 11, 12, 13")},
      // The scale-up to 5 after 055-058: broker 14 is no listener entry yet.
      {"058-validate", brokerPoolOfFour,
       allowed({"spec.replicas: Invalid value: 5: listener obiwan of Kafka gateway-api-test has no "
                "advertisedHost for new broker 14; add a brokers[] entry for it"})},
      // Everything deleted, routes first (fixtures 002-008): nothing routes to the brokers.
      {"010-validate",
       [](Seed& seed) {
         for (const auto* name : {"gateway-api-test-broker-10", "gateway-api-test-broker-11",
                                  "gateway-api-test-broker-12", "gateway-api-test-bootstrap"}) {
           seed.remove("TLSRoute", name);
         }
       },
       allowed({kRemovedBrokers + ", which listener obiwan of Kafka gateway-api-test still lists; "
                                  "remove the brokers[] entries"})},
  }));
  const std::string set = GENERATE(sgw::test::kStrimzi043Reviews, sgw::test::kCurrentReviews);
  CAPTURE(set, c.fixture);
  Seed seed;
  c.moment(seed);
  CHECK(validate(c.fixture, seed.snapshot(), set) == c.expected);
}

TEST_CASE("the seed applied in its order is allowed with only pending-state warnings",
          "[admission][recorded][rules]") {
  // Before the seed: the Gateway and cert-manager's Secret. Each allowed request then changes
  // the cluster, as the apiserver would store it.
  Seed seed;
  sgw::cluster::ClusterSnapshot::Builder builder;
  for (const auto& object : seed.objects()) {
    const auto kind = object.value("kind", "");
    if (kind == "Gateway" || kind == "Secret") {
      builder.put(sgw::cluster::parseObject(object, "strimzi")->object);
    }
  }
  auto snapshot = builder.build();

  const std::string set = GENERATE(sgw::test::kStrimzi043Reviews, sgw::test::kCurrentReviews);
  CAPTURE(set);
  std::vector<std::string> warnings;
  for (int number = 16; number <= 34; number += 2) { // the /validate half of 015-034
    char prefix[16];
    std::snprintf(prefix, sizeof prefix, "%03d-validate", number);
    const auto file = sgw::test::fixtureFile(prefix, set);
    CAPTURE(file);
    const auto body = sgw::test::readFixture(file, set);
    const auto answer = sgw::admission::answer(body, sgw::admission::Endpoint::Validate, snapshot,
                                               sgw::test::testNow());
    const auto response = Json::parse(answer.body).at("response");
    CHECK(response.at("allowed") == true);
    for (const auto& warning : response.value("warnings", Json::array())) {
      warnings.push_back(std::string(prefix) + ": " + warning.get<std::string>());
    }
    const auto request = Json::parse(body).at("request");
    auto parsed = sgw::cluster::parseObject(request.at("object"), request.at("namespace"));
    REQUIRE(parsed.has_value());
    snapshot = sgw::cluster::ClusterSnapshot::Builder(snapshot).put(parsed->object).build();
  }
  CHECK(warnings == std::vector<std::string>{
                        "016-validate: spec.kafka.listeners[0].configuration.brokers: Invalid "
                        "value: [10,11,12]: not checked yet: no KafkaNodePool has "
                        "strimzi.io/cluster=gateway-api-test"});
}

TEST_CASE("a misrouted TLSRoute that Strimzi owns is only warned about",
          "[admission][recorded][rules]") {
  auto body = Json::parse(sgw::test::readFixture(sgw::test::fixtureFile("046-validate")));
  body["request"]["object"]["metadata"]["ownerReferences"] = {
      {{"apiVersion", "kafka.strimzi.io/v1"},
       {"kind", "KafkaNodePool"},
       {"name", "broker"},
       {"uid", "1"},
       {"controller", false}}};
  Seed seed;
  const auto answer = sgw::admission::answer(body.dump(), sgw::admission::Endpoint::Validate,
                                             seed.snapshot(), sgw::test::testNow());
  const auto response = Json::parse(answer.body).at("response");
  CHECK(response.at("allowed") == true);
  CHECK_FALSE(response.contains("status"));
  CHECK(response.at("warnings") ==
        Json::array({"spec.rules[0].backendRefs[0].name: Invalid value: "
                     "\"gateway-api-test-broker-obiwan-12\": spec.hostnames[0] "
                     "broker-11.strimzi.gateway.api.test is advertised by broker 11 (listener "
                     "obiwan); route it to gateway-api-test-broker-obiwan-11"}));
}
