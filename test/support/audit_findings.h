#pragma once

#include <chrono>
#include <string>

#include "sgw/audit/audit_ledger.h"

namespace sgw::test {

// A fixed moment for audit tests: 2027-01-15T08:00:00Z.
inline const auto kAuditT0 =
    std::chrono::system_clock::time_point(std::chrono::seconds(1'800'000'000));

// A denial of TLSRoute strimzi/<name> by `rule` at spec.hostnames[0] ("a.example.com").
audit::AuditFinding routeFinding(std::string name, std::string rule, std::string detail);

} // namespace sgw::test
