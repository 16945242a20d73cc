#include <catch2/catch.hpp>

#include "sgw/audit/audit_ledger.h"

using namespace std::chrono_literals;
using sgw::audit::AuditFinding;
using sgw::audit::AuditLedger;

namespace {

AuditFinding finding(std::string name, std::string rule, std::string detail) {
  return {sgw::model::Kind::TlsRoute,
          {"strimzi", std::move(name)},
          {std::move(rule), sgw::rules::Severity::Deny,
           sgw::FieldError::invalid(sgw::FieldPath::root("spec").child("hostnames").index(0),
                                    "a.example.com", std::move(detail))}};
}

const auto kT0 = std::chrono::system_clock::time_point(std::chrono::seconds(1'800'000'000));

} // namespace

TEST_CASE("the ledger keeps when a finding was first seen and reports what appeared and cleared",
          "[audit]") {
  AuditLedger ledger;
  auto first =
      ledger.record({finding("a", "hostname-san", "x"), finding("b", "route-backend", "y")}, kT0);
  CHECK(first.appeared.size() == 2);
  CHECK(first.cleared.empty());

  // b clears, c appears, a stays with its first sighting.
  auto second = ledger.record(
      {finding("a", "hostname-san", "x"), finding("c", "route-backend", "z")}, kT0 + 60s);
  REQUIRE(second.appeared.size() == 1);
  CHECK(second.appeared[0].finding.key.name == "c");
  REQUIRE(second.cleared.size() == 1);
  CHECK(second.cleared[0].finding.key.name == "b");
  CHECK(second.cleared[0].firstSeen == kT0);
  REQUIRE(ledger.current().size() == 2);
  CHECK(ledger.current()[0].firstSeen == kT0);
  CHECK(ledger.current()[1].firstSeen == kT0 + 60s);

  // A changed message is another finding.
  auto third = ledger.record(
      {finding("a", "hostname-san", "x2"), finding("c", "route-backend", "z")}, kT0 + 120s);
  CHECK(third.appeared.size() == 1);
  CHECK(third.cleared.size() == 1);

  // The same finding twice in one audit counts once.
  auto fourth = ledger.record(
      {finding("c", "route-backend", "z"), finding("c", "route-backend", "z")}, kT0 + 180s);
  CHECK(ledger.current().size() == 1);
  CHECK(fourth.appeared.empty());
}
