#include <catch2/catch.hpp>

#include "sgw/audit/cluster_audit.h"
#include "support/seed.h"

using namespace std::chrono_literals;
using sgw::audit::auditCluster;
using sgw::test::Seed;

namespace {

// Each finding as "<severity> Kind namespace/name [rule]: <text>".
std::vector<std::string> audited(const Seed& seed, const sgw::policy::RuleActions& actions = {}) {
  const auto snapshot = seed.snapshot();
  std::vector<std::string> out;
  for (const auto& finding : auditCluster(snapshot, sgw::test::testNow(), actions)) {
    out.push_back(
        std::string(finding.finding.severity == sgw::rules::Severity::Deny ? "deny " : "warn ") +
        std::string(sgw::model::kindName(finding.kind)) + " " + finding.key.toString() + " [" +
        finding.finding.ruleId + "]: " + finding.finding.text());
  }
  return out;
}

std::string certificatePem(std::vector<std::string> dnsNames,
                           std::chrono::system_clock::time_point notAfter) {
  sgw::test::CertificateRequest request;
  request.dnsNames = std::move(dnsNames);
  request.notBefore = sgw::test::testNow() - 24h;
  request.notAfter = notAfter;
  return sgw::test::makeCertificatePem(request);
}

} // namespace

TEST_CASE("the seed cluster audits clean", "[audit]") {
  CHECK(audited(Seed()).empty());
}

TEST_CASE("the audit sees a broker certificate rotated with other SANs", "[audit]") {
  Seed seed;
  const auto pem = certificatePem({"*.kafka.example.com"}, sgw::test::testNow() + 24h * 90);
  seed.put(sgw::test::secretJson("my-certificate", {{"tls.crt", pem}, {"ca.crt", pem}}));
  const auto findings = audited(seed);
  const std::string covered =
      "not covered by the certificate in Secret my-certificate, whose SANs are *.kafka.example.com";
  const auto has = [&](const std::string& text) {
    return std::count(findings.begin(), findings.end(), text) == 1;
  };
  CHECK(findings.size() == 7); // three advertised hosts, four routes
  CHECK(has("deny TLSRoute strimzi/gateway-api-test-bootstrap [hostname-san]: spec.hostnames[0]: "
            "Invalid value: \"bootstrap.strimzi.gateway.api.test\": not covered by the certificate "
            "of listener obiwan of Kafka gateway-api-test (Secret my-certificate), whose SANs are "
            "*.kafka.example.com"));
  CHECK(has("deny Kafka strimzi/gateway-api-test [hostname-san]: "
            "spec.kafka.listeners[0].configuration.brokers[0].advertisedHost: Invalid value: "
            "\"broker-10.strimzi.gateway.api.test\": " +
            covered));
  CHECK(std::count_if(findings.begin(), findings.end(), [](const std::string& text) {
          return text.starts_with("deny TLSRoute strimzi/gateway-api-test-broker-10 "
                                  "[hostname-san]: spec.hostnames[0]: Invalid value: "
                                  "\"broker-10.strimzi.gateway.api.test\": not covered");
        }) == 1);
}

TEST_CASE("the audit sees a pool the operator scaled: a broker without advertisedHost", "[audit]") {
  Seed seed;
  auto& pool = seed.get("KafkaNodePool", "broker");
  pool["spec"]["replicas"] = 4;
  pool["status"]["replicas"] = 4;
  pool["status"]["nodeIds"] = {10, 11, 12, 13};
  CHECK(audited(seed) ==
        std::vector<std::string>{
            "warn Kafka strimzi/gateway-api-test [listener-coverage]: "
            "spec.kafka.listeners[0].configuration.brokers: Required value: no advertisedHost for "
            "broker 13, which would advertise its internal address; add an entry for it"});
}

TEST_CASE("the audit sees a Gateway edited under the routes", "[audit]") {
  Seed seed;
  seed.get("Gateway", "my-gateway")["spec"]["listeners"][0]["tls"]["mode"] = "Terminate";
  const auto findings = audited(seed);
  REQUIRE(findings.size() == 4);
  CHECK(findings[0] ==
        "deny TLSRoute strimzi/gateway-api-test-bootstrap [gateway-passthrough]: "
        "spec.parentRefs[0].sectionName: Invalid value: \"kafka-listener\": listener "
        "kafka-listener of Gateway my-gateway terminates TLS (tls.mode Terminate); Kafka clients "
        "need tls.mode Passthrough; it has no TLS Passthrough listener");
}

TEST_CASE("the audit honours the rule actions", "[audit][policy]") {
  Seed seed;
  seed.get("Gateway", "my-gateway")["spec"]["listeners"][0]["tls"]["mode"] = "Terminate";
  const auto warnOnly =
      audited(seed, std::get<sgw::policy::RuleActions>(
                        sgw::policy::RuleActions::parse("deny", {{"gateway-passthrough=warn"}})));
  REQUIRE(warnOnly.size() == 4);
  CHECK(warnOnly[0].starts_with("warn TLSRoute strimzi/gateway-api-test-bootstrap "
                                "[gateway-passthrough]: would deny (gateway-passthrough): "
                                "spec.parentRefs[0]"));
  CHECK(audited(seed, std::get<sgw::policy::RuleActions>(
                          sgw::policy::RuleActions::parse("deny", {{"gateway-passthrough=off"}})))
            .empty());
}

TEST_CASE("certificate expiries name each broker certificate Secret once", "[audit]") {
  Seed seed;
  const auto notAfter =
      std::chrono::time_point_cast<std::chrono::seconds>(sgw::test::testNow() + 24h * 30);
  const auto pem = certificatePem({"*.strimzi.gateway.api.test"}, notAfter);
  seed.put(sgw::test::secretJson("my-certificate", {{"tls.crt", pem}, {"ca.crt", pem}}));
  const auto expiries = sgw::audit::certificateExpiries(seed.snapshot());
  REQUIRE(expiries.size() == 1);
  CHECK(expiries[0].secret.toString() == "strimzi/my-certificate");
  CHECK(expiries[0].notAfter == notAfter);

  seed.remove("Secret", "my-certificate");
  CHECK(sgw::audit::certificateExpiries(seed.snapshot()).empty());
}
