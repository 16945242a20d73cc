#include <catch2/catch.hpp>

#include "sgw/audit/audit_ledger.h"
#include "sgw/audit/audit_report.h"
#include "support/audit_findings.h"

using namespace std::chrono_literals;
using sgw::FieldError;
using sgw::FieldPath;
using sgw::audit::AuditLedger;
using sgw::audit::TrackedFinding;
using sgw::rules::Severity;
using sgw::test::kAuditT0;
using sgw::test::routeFinding;

TEST_CASE("the audit report lists every current finding with its object and first sighting",
          "[audit]") {
  AuditLedger ledger;
  ledger.record({routeFinding("a", "hostname-san", "not covered")}, kAuditT0);
  const auto report = sgw::audit::auditReport(ledger.current(), kAuditT0 + 5s);
  CHECK(report.dump() ==
        R"({"lastRun":"2027-01-15T08:00:05Z","findings":[{"rule":"hostname-san","severity":"deny",)"
        R"("kind":"TLSRoute","namespace":"strimzi","name":"a","field":"spec.hostnames[0]",)"
        R"("message":"Invalid value: \"a.example.com\": not covered",)"
        R"("firstSeen":"2027-01-15T08:00:00Z"}]})");
  CHECK(sgw::audit::auditReport({}, std::nullopt).dump() == R"({"lastRun":null,"findings":[]})");
}

TEST_CASE("report times are RFC 3339 in UTC to the second, as Kubernetes prints them", "[audit]") {
  CHECK(sgw::audit::rfc3339(std::chrono::system_clock::time_point{}) == "1970-01-01T00:00:00Z");
  CHECK(sgw::audit::rfc3339(kAuditT0) == "2027-01-15T08:00:00Z");
  // Fractions of a second are dropped, never rounded up into the next second.
  CHECK(sgw::audit::rfc3339(kAuditT0 + 999ms) == "2027-01-15T08:00:00Z");
  CHECK(sgw::audit::rfc3339(kAuditT0 + 24h + 3661s) == "2027-01-16T09:01:01Z");
}

TEST_CASE("the audit report keeps audit order and prints warnings, other kinds and would-deny "
          "notices",
          "[audit]") {
  const auto brokers = FieldPath::root("spec")
                           .child("kafka")
                           .child("listeners")
                           .index(0)
                           .child("configuration")
                           .child("brokers")
                           .index(2)
                           .child("broker");
  sgw::rules::Finding relaxed{"broker-ids", Severity::Warn,
                              FieldError::invalid(brokers, 13, "not a broker node")};
  relaxed.wouldDeny = true;
  const std::vector<TrackedFinding> findings{
      {{sgw::model::Kind::Kafka, {"kafka", "my-cluster"}, relaxed}, kAuditT0 + 60s},
      {{sgw::model::Kind::TlsRoute,
        {"strimzi", "route"},
        {"route-backend", Severity::Warn,
         FieldError::notFound(FieldPath::root("spec").child("rules").index(0), "svc")}},
       kAuditT0},
  };
  const auto report = sgw::audit::auditReport(findings, kAuditT0 + 120s);
  CHECK(report["lastRun"] == "2027-01-15T08:02:00Z");
  REQUIRE(report["findings"].size() == 2);
  CHECK(report["findings"][0].dump() ==
        R"({"rule":"broker-ids","severity":"warn","kind":"Kafka","namespace":"kafka",)"
        R"("name":"my-cluster","field":"spec.kafka.listeners[0].configuration.brokers[2].broker",)"
        R"("message":"would deny (broker-ids): Invalid value: 13: not a broker node",)"
        R"("firstSeen":"2027-01-15T08:01:00Z"})");
  CHECK(report["findings"][1].dump() ==
        R"({"rule":"route-backend","severity":"warn","kind":"TLSRoute","namespace":"strimzi",)"
        R"("name":"route","field":"spec.rules[0]","message":"Not found: \"svc\"",)"
        R"("firstSeen":"2027-01-15T08:00:00Z"})");
}

TEST_CASE("an audit that found nothing still says when it ran", "[audit]") {
  CHECK(sgw::audit::auditReport({}, kAuditT0).dump() ==
        R"({"lastRun":"2027-01-15T08:00:00Z","findings":[]})");
}
