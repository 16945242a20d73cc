#include <catch2/catch.hpp>

#include "sgw/audit/policy_reports.h"
#include "sgw/cluster/any_object.h"
#include "support/audit_findings.h"
#include "support/seed.h"

using namespace std::chrono_literals;
using sgw::audit::TrackedFinding;
using sgw::test::kAuditT0;

namespace {

// The seed's Kafka (with a uid) in namespace strimzi and one of its TLSRoutes moved to namespace
// team-b: two reports.
sgw::cluster::ClusterSnapshot twoNamespaces() {
  sgw::test::Seed seed;
  auto kafka = seed.get("Kafka", "gateway-api-test");
  kafka["metadata"]["uid"] = "0b5e-kafka";
  auto route = seed.get("TLSRoute", "gateway-api-test-bootstrap");
  route["metadata"]["namespace"] = "team-b";
  sgw::cluster::ClusterSnapshot::Builder builder;
  for (const auto& object : {kafka, route}) {
    builder.put(sgw::cluster::parseObject(object, "strimzi")->object);
  }
  return builder.build();
}

TrackedFinding tracked(sgw::rules::Severity severity, std::string rule, std::string detail,
                       std::chrono::system_clock::time_point firstSeen) {
  return {{sgw::model::Kind::Kafka,
           {"strimzi", "gateway-api-test"},
           {std::move(rule), severity,
            sgw::FieldError::invalid(sgw::FieldPath::root("spec").child("replicas"), 3,
                                     std::move(detail))}},
          firstSeen};
}

} // namespace

TEST_CASE("policy reports hold a result per finding and a pass per clean object, per namespace",
          "[audit]") {
  const std::vector<TrackedFinding> findings = {
      tracked(sgw::rules::Severity::Deny, "rule-a", "too few", kAuditT0),
      tracked(sgw::rules::Severity::Warn, "rule-b", "odd", kAuditT0 + 1500ms)};
  const auto reports = sgw::audit::policyReports(twoNamespaces(), findings);
  REQUIRE(reports.size() == 2);
  CHECK(reports.at("strimzi").dump() == nlohmann::ordered_json::parse(R"({
    "apiVersion": "wgpolicyk8s.io/v1alpha2", "kind": "PolicyReport",
    "metadata": {"name": "strimzi-gateway-webhook", "namespace": "strimzi",
                 "labels": {"app.kubernetes.io/managed-by": "strimzi-gateway-webhook"}},
    "results": [
      {"policy": "strimzi-gateway-webhook", "rule": "rule-a", "result": "fail",
       "source": "strimzi-gateway-webhook",
       "message": "spec.replicas: Invalid value: 3: too few",
       "properties": {"field": "spec.replicas", "firstSeen": "2027-01-15T08:00:00Z"},
       "resources": [{"apiVersion": "kafka.strimzi.io/v1", "kind": "Kafka",
                      "namespace": "strimzi", "name": "gateway-api-test", "uid": "0b5e-kafka"}],
       "timestamp": {"seconds": 1800000000, "nanos": 0}},
      {"policy": "strimzi-gateway-webhook", "rule": "rule-b", "result": "warn",
       "source": "strimzi-gateway-webhook",
       "message": "spec.replicas: Invalid value: 3: odd",
       "properties": {"field": "spec.replicas", "firstSeen": "2027-01-15T08:00:01Z"},
       "resources": [{"apiVersion": "kafka.strimzi.io/v1", "kind": "Kafka",
                      "namespace": "strimzi", "name": "gateway-api-test", "uid": "0b5e-kafka"}],
       "timestamp": {"seconds": 1800000001, "nanos": 500000000}}],
    "summary": {"pass": 0, "fail": 1, "warn": 1, "error": 0, "skip": 0}})")
                                            .dump());
  CHECK(reports.at("team-b").dump() == nlohmann::ordered_json::parse(R"({
    "apiVersion": "wgpolicyk8s.io/v1alpha2", "kind": "PolicyReport",
    "metadata": {"name": "strimzi-gateway-webhook", "namespace": "team-b",
                 "labels": {"app.kubernetes.io/managed-by": "strimzi-gateway-webhook"}},
    "results": [
      {"policy": "strimzi-gateway-webhook", "rule": "all", "result": "pass",
       "source": "strimzi-gateway-webhook", "message": "no findings",
       "resources": [{"apiVersion": "gateway.networking.k8s.io/v1", "kind": "TLSRoute",
                      "namespace": "team-b", "name": "gateway-api-test-bootstrap"}]}],
    "summary": {"pass": 1, "fail": 0, "warn": 0, "error": 0, "skip": 0}})")
                                           .dump());
}

TEST_CASE("policy reports are the same for the same audit and absent without audited objects",
          "[audit]") {
  const std::vector<TrackedFinding> findings = {
      tracked(sgw::rules::Severity::Deny, "rule-a", "too few", kAuditT0)};
  CHECK(sgw::audit::policyReports(twoNamespaces(), findings) ==
        sgw::audit::policyReports(twoNamespaces(), findings));
  CHECK(sgw::audit::policyReports(sgw::cluster::ClusterSnapshot::Builder().build(), findings)
            .empty());
}

TEST_CASE("policy reports name each object by the version it was read at", "[audit]") {
  sgw::test::Seed seed;
  auto pool = seed.get("KafkaNodePool", "broker");
  sgw::cluster::ClusterSnapshot::Builder builder;
  builder.put(sgw::cluster::parseObject(pool, "strimzi")->object);
  pool["apiVersion"] = "kafka.strimzi.io/v1beta2";
  pool["metadata"]["namespace"] = "yesterday";
  builder.put(sgw::cluster::parseObject(pool, "strimzi")->object);
  const auto reports = sgw::audit::policyReports(builder.build(), {});
  CHECK(reports.at("strimzi")["results"][0]["resources"][0]["apiVersion"] == "kafka.strimzi.io/v1");
  CHECK(reports.at("yesterday")["results"][0]["resources"][0]["apiVersion"] ==
        "kafka.strimzi.io/v1beta2");
}

TEST_CASE("a policy report too large for the API server keeps the failures that fit", "[audit]") {
  const std::vector<TrackedFinding> findings = {
      tracked(sgw::rules::Severity::Deny, "rule-a", "too few", kAuditT0),
      tracked(sgw::rules::Severity::Warn, "rule-b", "odd", kAuditT0)};
  const auto whole = sgw::audit::policyReports(twoNamespaces(), findings);
  const auto firstResultBytes = whole.at("strimzi")["results"][0].dump().size() + 1;
  const auto cut = sgw::audit::policyReports(twoNamespaces(), findings, firstResultBytes);
  const auto& report = cut.at("strimzi");
  REQUIRE(report["results"].size() == 1);
  CHECK(report["results"][0]["rule"] == "rule-a");
  CHECK(report["summary"] == whole.at("strimzi")["summary"]);
  // team-b's one pass result fits: its report is whole.
  CHECK(cut.at("team-b") == whole.at("team-b"));
  // Below the size of that pass result, it goes; the summary still counts it.
  const auto passBytes = whole.at("team-b")["results"][0].dump().size() + 1;
  const auto tiny = sgw::audit::policyReports(twoNamespaces(), findings, passBytes - 1);
  CHECK(tiny.at("team-b")["results"].empty());
  CHECK(tiny.at("team-b")["summary"]["pass"] == 1);
}
