#include <catch2/catch.hpp>
#include <functional>

#include "sgw/rules/certificate/certificate_names.h"
#include "support/seed.h"

using sgw::test::Seed;
using Json = nlohmann::json;

namespace {

std::shared_ptr<const sgw::model::Certificate> parse(const Json& object) {
  auto parsed = sgw::cluster::parseObject(object, "strimzi");
  REQUIRE(parsed.has_value());
  REQUIRE(parsed->errors.empty());
  return std::get<std::shared_ptr<const sgw::model::Certificate>>(parsed->object);
}

// Runs certificate-names on `changed` the way the review pipeline does: the stored version is
// `stored` (UPDATE) or none (CREATE).
std::vector<std::string> judge(const Seed& seed, const Json& changed, const Json* stored) {
  const auto snapshot = seed.snapshot();
  const auto object = parse(changed);
  const auto old = stored != nullptr ? parse(*stored) : nullptr;
  const auto view = sgw::cluster::ClusterView::withObject(snapshot, object);
  const auto operation =
      stored != nullptr ? sgw::rules::Operation::Update : sgw::rules::Operation::Create;
  const sgw::derived::ReviewModel model(view);
  const sgw::rules::Subject<sgw::model::Certificate> subject{
      *object, old.get(), operation, view, sgw::test::testNow(), model};
  const auto& rule = sgw::rules::certificate::certificateNamesRule();
  sgw::rules::FindingList findings;
  sgw::rules::FindingSink sink(rule.id, findings);
  rule.check(subject, sink);
  std::vector<std::string> out;
  for (const auto& finding : findings) {
    out.push_back((finding.severity == sgw::rules::Severity::Deny ? "deny: " : "warn: ") +
                  finding.error.toString());
  }
  return out;
}

Json& listenerConfiguration(Seed& seed) {
  return seed.get("Kafka", "gateway-api-test")["spec"]["kafka"]["listeners"][0]["configuration"];
}

const std::string kListener =
    "listener obiwan of Kafka gateway-api-test presents Secret my-certificate and needs ";
// How a field error prints a list of names longer than 100 bytes.
const std::string kThreeBrokers =
    "[\"broker-10.strimzi.gateway.api.test\","
    "\"broker-11.strimzi.gateway.api.test\",\"broker-12.strimzi.gat...";
const std::string kBootstrapRoute =
    "TLSRoute gateway-api-test-bootstrap leads to listener obiwan of Kafka gateway-api-test, "
    "which presents Secret my-certificate, and needs ";

struct Case {
  std::string name;
  std::function<void(Seed&, Json&)> change;
  std::vector<std::string> expected;
};

} // namespace

TEST_CASE("certificate-names refuses a Certificate change that drops a name a listener needs",
          "[rules][certificate-names]") {
  const auto c = GENERATE_REF(values<Case>({
      {"the seed's Certificate, unchanged", [](Seed&, Json&) {}, {}},
      {"another name added",
       [](Seed&, Json& certificate) {
         certificate["spec"]["dnsNames"].push_back("kafka.example.org");
       },
       {}},
      {"the wildcard replaced by the names in use",
       [](Seed&, Json& certificate) {
         certificate["spec"]["dnsNames"] = {
             "broker-10.strimzi.gateway.api.test", "broker-11.strimzi.gateway.api.test",
             "BROKER-12.strimzi.gateway.api.test", "bootstrap.strimzi.gateway.api.test"};
       },
       {}},
      {"the wildcard dropped",
       [](Seed&, Json& certificate) { certificate["spec"]["dnsNames"] = {"*.other.example"}; },
       {"deny: spec.dnsNames: Invalid value: [\"*.other.example\"]: " + kListener +
            "broker-10.strimzi.gateway.api.test, broker-11.strimzi.gateway.api.test, "
            "broker-12.strimzi.gateway.api.test, which these names do not cover; keep them or a "
            "wildcard covering them",
        "deny: spec.dnsNames: Invalid value: [\"*.other.example\"]: " + kBootstrapRoute +
            "bootstrap.strimzi.gateway.api.test, which these names do not cover; keep them or a "
            "wildcard covering them"}},
      {"the wildcard narrowed to one broker",
       [](Seed&, Json& certificate) {
         certificate["spec"]["dnsNames"] = {"broker-10.strimzi.gateway.api.test"};
       },
       {"deny: spec.dnsNames: Invalid value: [\"broker-10.strimzi.gateway.api.test\"]: " +
            kListener +
            "broker-11.strimzi.gateway.api.test, broker-12.strimzi.gateway.api.test, which these "
            "names do not cover; keep them or a wildcard covering them",
        "deny: spec.dnsNames: Invalid value: [\"broker-10.strimzi.gateway.api.test\"]: " +
            kBootstrapRoute +
            "bootstrap.strimzi.gateway.api.test, which these names do not cover; keep them or a "
            "wildcard covering them"}},
      {"the common name is no SAN",
       [](Seed&, Json& certificate) {
         certificate["spec"]["dnsNames"] = {"broker-10.strimzi.gateway.api.test",
                                            "broker-11.strimzi.gateway.api.test",
                                            "broker-12.strimzi.gateway.api.test"};
         certificate["spec"]["commonName"] = "bootstrap.strimzi.gateway.api.test";
       },
       {"deny: spec.dnsNames: Invalid value: " + kThreeBrokers + ": " + kBootstrapRoute +
        "bootstrap.strimzi.gateway.api.test, which these names do not cover; keep them or a "
        "wildcard covering them"}},
      {"a name no Kafka uses any more",
       [](Seed& seed, Json& certificate) {
         listenerConfiguration(seed)["brokerCertChainAndKey"]["secretName"] = "other";
         seed.remove("TLSRoute", "gateway-api-test-bootstrap");
         certificate["spec"]["dnsNames"] = {"*.other.example"};
       },
       {}},
      {"a Kafka of another namespace with a Secret of the same name",
       [](Seed& seed, Json& certificate) {
         auto kafka = seed.get("Kafka", "gateway-api-test");
         kafka["metadata"]["namespace"] = "elsewhere";
         seed.remove("Kafka", "gateway-api-test");
         seed.remove("TLSRoute", "gateway-api-test-bootstrap");
         seed.put(kafka);
         certificate["spec"]["dnsNames"] = {"*.other.example"};
       },
       {}},
  }));
  CAPTURE(c.name);
  Seed seed;
  const auto stored = sgw::test::certificateJson();
  auto changed = stored;
  c.change(seed, changed);
  seed.put(stored);
  SECTION("UPDATE") {
    CHECK(judge(seed, changed, &stored) == c.expected);
  }
  SECTION("CREATE") {
    seed.remove("Certificate", "my-certificate");
    CHECK(judge(seed, changed, nullptr) == c.expected);
  }
}

TEST_CASE("certificate-names only warns about names the stored Certificate lacked already",
          "[rules][certificate-names]") {
  Seed seed;
  auto stored = sgw::test::certificateJson();
  stored["spec"]["dnsNames"] = {"broker-10.strimzi.gateway.api.test",
                                "broker-11.strimzi.gateway.api.test",
                                "bootstrap.strimzi.gateway.api.test"};
  seed.put(stored);
  auto changed = stored;
  changed["spec"]["duration"] = "2160h";
  const std::string names = "[\"broker-10.strimzi.gateway.api.test\","
                            "\"broker-11.strimzi.gateway.api.test\",\"bootstrap.strimzi.gat...";
  const std::string old = "warn: spec.dnsNames: Invalid value: " + names + ": " + kListener +
                          "broker-12.strimzi.gateway.api.test, which these names do not cover "
                          "(nor did they before this change); add them or a wildcard covering "
                          "them";
  CHECK(judge(seed, changed, &stored) == std::vector<std::string>{old});
  // The audit judges a stored Certificate against itself: old faults are warnings.
  CHECK(judge(seed, stored, &stored) == std::vector<std::string>{old});

  changed["spec"]["dnsNames"] = {"broker-10.strimzi.gateway.api.test",
                                 "bootstrap.strimzi.gateway.api.test"};
  const std::string narrowed = "[\"broker-10.strimzi.gateway.api.test\","
                               "\"bootstrap.strimzi.gateway.api.test\"]";
  CHECK(judge(seed, changed, &stored) ==
        std::vector<std::string>{
            "deny: spec.dnsNames: Invalid value: " + narrowed + ": " + kListener +
                "broker-11.strimzi.gateway.api.test, which these names do not cover; keep them or "
                "a wildcard covering them",
            "warn: spec.dnsNames: Invalid value: " + narrowed + ": " + kListener +
                "broker-12.strimzi.gateway.api.test, which these names do not cover (nor did they "
                "before this change); add them or a wildcard covering them"});
}

TEST_CASE("certificate-names names the hand-made TLSRoutes and tlsroute listeners that need a name",
          "[rules][certificate-names]") {
  Seed seed;
  auto& kafka = seed.get("Kafka", "gateway-api-test");
  kafka["spec"]["kafka"]["listeners"].push_back(sgw::test::tlsRouteListener());
  auto route = seed.get("TLSRoute", "gateway-api-test-broker-10");
  route["metadata"]["name"] = "extra";
  route["spec"]["hostnames"] = {"kafka.strimzi.gateway.api.test"};
  seed.put(route);
  const auto stored = sgw::test::certificateJson();
  seed.put(stored);
  auto changed = stored;
  changed["spec"]["dnsNames"] = {
      "broker-10.strimzi.gateway.api.test", "broker-11.strimzi.gateway.api.test",
      "broker-12.strimzi.gateway.api.test", "bootstrap.strimzi.gateway.api.test"};
  const std::string& names = kThreeBrokers;
  CHECK(judge(seed, changed, &stored) ==
        std::vector<std::string>{
            "deny: spec.dnsNames: Invalid value: " + names +
                ": TLSRoute extra leads to listener obiwan of Kafka gateway-api-test, which "
                "presents Secret my-certificate, and needs kafka.strimzi.gateway.api.test, which "
                "these names do not cover; keep them or a wildcard covering them",
            "deny: spec.dnsNames: Invalid value: " + names +
                ": listener gw of Kafka gateway-api-test presents Secret my-certificate and needs "
                "broker-10-gw.strimzi.gateway.api.test, broker-11-gw.strimzi.gateway.api.test, "
                "broker-12-gw.strimzi.gateway.api.test, bootstrap-gw.strimzi.gateway.api.test, "
                "which these names do not cover; keep them or a wildcard covering them"});
}

TEST_CASE("certificate-names refuses dropping an IP address a broker advertises",
          "[rules][certificate-names]") {
  Seed seed;
  listenerConfiguration(seed)["brokers"][1]["advertisedHost"] = "192.0.2.11";
  auto stored = sgw::test::certificateJson();
  stored["spec"]["ipAddresses"] = {"192.0.2.11"};
  seed.put(stored);
  auto changed = stored;
  CHECK(judge(seed, changed, &stored).empty());
  changed["spec"]["ipAddresses"] = {"192.0.2.99"};
  const std::vector<std::string> dropped{
      "deny: spec.ipAddresses: Invalid value: [\"192.0.2.99\"]: " + kListener +
      "192.0.2.11, which these addresses do not cover; keep them"};
  CHECK(judge(seed, changed, &stored) == dropped);
  seed.remove("Certificate", "my-certificate");
  CHECK(judge(seed, changed, nullptr) == dropped);
}

TEST_CASE("certificate-names warns when the Certificate leaves a Secret listeners present",
          "[rules][certificate-names]") {
  Seed seed;
  const auto stored = sgw::test::certificateJson();
  seed.put(stored);
  auto moved = stored;
  moved["spec"]["secretName"] = "renamed";
  CHECK(judge(seed, moved, &stored) ==
        std::vector<std::string>{
            "warn: spec.secretName: Invalid value: \"renamed\": Secret my-certificate is no longer "
            "renewed, but listener obiwan of Kafka gateway-api-test still presents it"});
  seed.remove("Certificate", "my-certificate");
  CHECK(judge(seed, moved, nullptr).empty());
}
