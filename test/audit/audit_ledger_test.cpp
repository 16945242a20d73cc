#include <catch2/catch.hpp>

#include "sgw/audit/audit_ledger.h"
#include "support/audit_findings.h"

using namespace std::chrono_literals;
using sgw::audit::AuditLedger;
using sgw::test::kAuditT0;
using sgw::test::routeFinding;

TEST_CASE("the ledger keeps when a finding was first seen and reports what appeared and cleared",
          "[audit]") {
  AuditLedger ledger;
  auto first = ledger.record(
      {routeFinding("a", "hostname-san", "x"), routeFinding("b", "route-backend", "y")}, kAuditT0);
  CHECK(first.appeared.size() == 2);
  CHECK(first.cleared.empty());

  // b clears, c appears, a stays with its first sighting.
  auto second = ledger.record(
      {routeFinding("a", "hostname-san", "x"), routeFinding("c", "route-backend", "z")},
      kAuditT0 + 60s);
  REQUIRE(second.appeared.size() == 1);
  CHECK(second.appeared[0].finding.key.name == "c");
  REQUIRE(second.cleared.size() == 1);
  CHECK(second.cleared[0].finding.key.name == "b");
  CHECK(second.cleared[0].firstSeen == kAuditT0);
  REQUIRE(ledger.current().size() == 2);
  CHECK(ledger.current()[0].firstSeen == kAuditT0);
  CHECK(ledger.current()[1].firstSeen == kAuditT0 + 60s);

  // A changed message is another finding.
  auto third = ledger.record(
      {routeFinding("a", "hostname-san", "x2"), routeFinding("c", "route-backend", "z")},
      kAuditT0 + 120s);
  CHECK(third.appeared.size() == 1);
  CHECK(third.cleared.size() == 1);

  // The same finding twice in one audit counts once.
  auto fourth = ledger.record(
      {routeFinding("c", "route-backend", "z"), routeFinding("c", "route-backend", "z")},
      kAuditT0 + 180s);
  CHECK(ledger.current().size() == 1);
  CHECK(fourth.appeared.empty());
}
