#include <algorithm>
#include <catch2/catch.hpp>

#include "sgw/offline/check.h"
#include "support/seed.h"

using sgw::test::Seed;
using Json = nlohmann::json;

namespace {

// Findings as "<input position> <Kind> <namespace/name> <rule> <deny|warn>: <field error>".
std::vector<std::string> describe(const std::vector<sgw::offline::ObjectFinding>& findings) {
  std::vector<std::string> out;
  for (const auto& finding : findings) {
    out.push_back(std::to_string(finding.object) + " " +
                  std::string(sgw::model::kindName(finding.kind)) + " " + finding.key.toString() +
                  " " + finding.finding.ruleId +
                  (finding.finding.severity == sgw::rules::Severity::Deny ? " deny: " : " warn: ") +
                  finding.finding.error.toString());
  }
  return out;
}

std::size_t positionOf(const Seed& seed, std::string_view kind, std::string_view name) {
  const auto& objects = seed.objects();
  for (std::size_t i = 0; i < objects.size(); ++i) {
    if (objects[i].value("kind", "") == kind && objects[i]["metadata"].value("name", "") == name) {
      return i;
    }
  }
  throw std::runtime_error("not in the seed");
}

sgw::offline::CheckResult check(const Seed& seed) {
  return sgw::offline::checkObjects(seed.objects(), "default", sgw::test::testNow());
}

const char* const kTemplateAnnotation = "strimzi-gateway-webhook.io/advertised-host-template";

// The seed's Kafka without its brokers[] entries, to be filled from a template annotation.
void useTemplate(Seed& seed, const std::string& hostTemplate) {
  auto& kafka = seed.get("Kafka", "gateway-api-test");
  kafka["spec"]["kafka"]["listeners"][0]["configuration"].erase("brokers");
  kafka["metadata"]["annotations"][kTemplateAnnotation] = hostTemplate;
}

} // namespace

TEST_CASE("the seed's manifests pass without a finding", "[offline][check]") {
  const Seed seed;
  const auto result = check(seed);
  CHECK(describe(result.findings).empty());
  CHECK(result.judged == 7); // the Kafka, two pools, four routes
  CHECK(result.deniedObjects == 0);
  CHECK_FALSE(result.denied());
  REQUIRE(result.mutated.mutations.size() == 1);
  CHECK(result.mutated.mutations[0].patch == Json::array());
  CHECK(result.mutated.objects == seed.objects());
}

TEST_CASE("a Kafka is mutated first and validated as mutated", "[offline][check]") {
  Seed seed;
  const auto written = seed.get("Kafka", "gateway-api-test");
  useTemplate(seed, "broker-{nodeId}.strimzi.gateway.api.test");
  const auto kafka = positionOf(seed, "Kafka", "gateway-api-test");

  SECTION("the entries come from the template, as the seed wrote them by hand") {
    const auto result = check(seed);
    CHECK(describe(result.findings) ==
          std::vector<std::string>{
              std::to_string(kafka) +
              " Kafka strimzi/gateway-api-test advertised-hosts warn: "
              "spec.kafka.listeners[0].configuration.brokers: added 10, 11, 12 from template "
              "broker-{nodeId}.strimzi.gateway.api.test"});
    CHECK_FALSE(result.denied());
    auto expected = written;
    expected["metadata"]["annotations"][kTemplateAnnotation] =
        "broker-{nodeId}.strimzi.gateway.api.test";
    CHECK(result.mutated.objects[kafka] == expected);
  }
  SECTION("routes are judged against the mutated Kafka") {
    seed.get("TLSRoute",
             "gateway-api-test-broker-11")["spec"]["rules"][0]["backendRefs"][0]["name"] =
        "gateway-api-test-broker-obiwan-12";
    const auto route = positionOf(seed, "TLSRoute", "gateway-api-test-broker-11");
    const auto result = check(seed);
    CHECK(describe(result.findings) ==
          std::vector<std::string>{
              std::to_string(kafka) +
                  " Kafka strimzi/gateway-api-test advertised-hosts warn: "
                  "spec.kafka.listeners[0].configuration.brokers: added 10, 11, 12 from template "
                  "broker-{nodeId}.strimzi.gateway.api.test",
              std::to_string(route) +
                  " TLSRoute strimzi/gateway-api-test-broker-11 route-broker-match deny: "
                  "spec.rules[0].backendRefs[0].name: Invalid value: "
                  "\"gateway-api-test-broker-obiwan-12\": spec.hostnames[0] "
                  "broker-11.strimzi.gateway.api.test is advertised by broker 11 (listener "
                  "obiwan); route it to gateway-api-test-broker-obiwan-11"});
    CHECK(result.deniedObjects == 1);
  }
}

TEST_CASE("a Kafka the mutation denies is not validated", "[offline][check]") {
  Seed seed;
  auto& kafka = seed.get("Kafka", "gateway-api-test");
  kafka["metadata"]["annotations"][kTemplateAnnotation] = "broker-{id}.strimzi.gateway.api.test";
  // broker-ids would deny this too, but the API server never calls the validating webhook for an
  // object a mutating webhook refused.
  kafka["spec"]["kafka"]["listeners"][0]["configuration"]["brokers"][0]["broker"] = 0;
  const auto result = check(seed);
  CHECK(describe(result.findings) ==
        std::vector<std::string>{
            std::to_string(positionOf(seed, "Kafka", "gateway-api-test")) +
            " Kafka strimzi/gateway-api-test advertised-hosts deny: "
            "metadata.annotations[strimzi-gateway-webhook.io/advertised-host-template]: Invalid "
            "value: \"broker-{id}.strimzi.gateway.api.test\": unknown placeholder {id}; use "
            "{nodeId}, {nodePodName}, {pool}, {cluster}, {namespace} or {listener}"});
  CHECK(result.deniedObjects == 1);
  CHECK(result.mutated.objects == seed.objects());
}

TEST_CASE("type errors deny reviewed kinds and warn about the objects left out",
          "[offline][check]") {
  Seed seed;
  seed.get("TLSRoute", "gateway-api-test-bootstrap")["spec"]["rules"][0]["backendRefs"][0]["port"] =
      "9092";
  seed.get("Service", "gateway-api-test-kafka-obiwan-bootstrap")["spec"]["ports"][0]["port"] =
      "9092";
  const auto result = check(seed);
  CHECK(describe(result.findings) ==
        std::vector<std::string>{
            std::to_string(positionOf(seed, "Service", "gateway-api-test-kafka-obiwan-bootstrap")) +
                " Service strimzi/gateway-api-test-kafka-obiwan-bootstrap object-schema warn: "
                "spec.ports[0].port: Invalid value: \"9092\": must be an integer",
            std::to_string(positionOf(seed, "TLSRoute", "gateway-api-test-bootstrap")) +
                " TLSRoute strimzi/gateway-api-test-bootstrap object-schema deny: "
                "spec.rules[0].backendRefs[0].port: Invalid value: \"9092\": must be an "
                "integer"});
  CHECK(result.judged == 7);
  CHECK(result.deniedObjects == 1);
}

TEST_CASE("denials on a TLSRoute Strimzi owns are warnings", "[offline][check]") {
  Seed seed;
  auto& route = seed.get("TLSRoute", "gateway-api-test-broker-11");
  route["metadata"]["ownerReferences"] = {{{"apiVersion", "kafka.strimzi.io/v1beta2"},
                                           {"kind", "KafkaNodePool"},
                                           {"name", "broker"},
                                           {"uid", "1"},
                                           {"controller", true}}};
  route["spec"]["rules"][0]["backendRefs"][0]["name"] = "gateway-api-test-broker-obiwan-12";
  const auto result = check(seed);
  REQUIRE(result.findings.size() == 1);
  CHECK(result.findings[0].finding.severity == sgw::rules::Severity::Warn);
  CHECK(result.findings[0].finding.ruleId == "route-broker-match");
  CHECK_FALSE(result.denied());
}

TEST_CASE("judgeAdded judges new objects created together into a snapshot", "[offline][check]") {
  Seed seed;
  auto misrouted = seed.get("TLSRoute", "gateway-api-test-broker-11");
  misrouted["spec"]["rules"][0]["backendRefs"][0]["name"] = "gateway-api-test-broker-obiwan-12";
  const auto good = seed.get("TLSRoute", "gateway-api-test-broker-10");
  seed.remove("TLSRoute", "gateway-api-test-broker-10");
  seed.remove("TLSRoute", "gateway-api-test-broker-11");
  const std::vector<Json> added{good, misrouted};
  CHECK(
      describe(sgw::offline::judgeAdded(seed.snapshot(), added, "default", sgw::test::testNow())) ==
      std::vector<std::string>{
          "1 TLSRoute strimzi/gateway-api-test-broker-11 route-broker-match deny: "
          "spec.rules[0].backendRefs[0].name: Invalid value: "
          "\"gateway-api-test-broker-obiwan-12\": spec.hostnames[0] "
          "broker-11.strimzi.gateway.api.test is advertised by broker 11 (listener obiwan); "
          "route it to gateway-api-test-broker-obiwan-11"});
}

TEST_CASE("check judges cert-manager Certificates as created with the manifests",
          "[offline][check][certificate]") {
  Seed seed;
  seed.put(sgw::test::certificateJson(""));
  SECTION("the seed's Certificate passes") {
    const auto result = check(seed);
    CHECK(describe(result.findings).empty());
    CHECK(result.judged == 8);
  }
  SECTION("a Certificate that would not cover the listener") {
    seed.get("Certificate", "my-certificate")["spec"]["dnsNames"] = {
        "broker-10.strimzi.gateway.api.test", "broker-11.strimzi.gateway.api.test",
        "broker-12.strimzi.gateway.api.test"};
    const auto position = std::to_string(positionOf(seed, "Certificate", "my-certificate"));
    const auto result = check(seed);
    CHECK(describe(result.findings) ==
          std::vector<std::string>{
              position + " Certificate strimzi/my-certificate certificate-names deny: "
                         "spec.dnsNames: Invalid value: [\"broker-10.strimzi.gateway.api.test\","
                         "\"broker-11.strimzi.gateway.api.test\",\"broker-12.strimzi.gat...: "
                         "TLSRoute "
                         "gateway-api-test-bootstrap leads to listener obiwan of Kafka "
                         "gateway-api-test, which presents Secret my-certificate, and needs "
                         "bootstrap.strimzi.gateway.api.test, which these names do not cover; "
                         "keep them or a wildcard covering them",
              position + " Certificate strimzi/my-certificate certificate-secret-match warn: "
                         "spec.secretName: Invalid value: \"my-certificate\": holds a "
                         "certificate for *.strimzi.gateway.api.test, not for the requested "
                         "broker-10.strimzi.gateway.api.test, broker-11.strimzi.gateway.api.test, "
                         "broker-12.strimzi.gateway.api.test; not reissued yet, or replaced (no "
                         "Ready condition yet)"});
    CHECK(result.deniedObjects == 1);
  }
  SECTION("the Secret is not in the manifests: hosts are judged against the Certificate") {
    seed.remove("Secret", "my-certificate");
    seed.get("Kafka", "gateway-api-test")["spec"]["kafka"]["listeners"][0]["configuration"]
                                         ["brokers"][2]["advertisedHost"] =
        "broker-12.other.example";
    const auto position = std::to_string(positionOf(seed, "Kafka", "gateway-api-test"));
    const auto findings = describe(check(seed).findings);
    const auto denial = position +
                        " Kafka strimzi/gateway-api-test hostname-san deny: "
                        "spec.kafka.listeners[0].configuration.brokers[2].advertisedHost: "
                        "Invalid value: \"broker-12.other.example\": not covered by the "
                        "certificate that Certificate my-certificate will issue into "
                        "Secret my-certificate, whose SANs are *.strimzi.gateway.api.test";
    CHECK(std::count(findings.begin(), findings.end(), denial) == 1);
  }
}
