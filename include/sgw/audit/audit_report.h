#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>

#include "sgw/audit/audit_ledger.h"

namespace sgw::audit {

// A time as RFC 3339 in UTC to the second ("2026-11-29T16:05:00Z"), as Kubernetes prints times.
std::string rfc3339(std::chrono::system_clock::time_point time);

// The body of GET /audit: when the last audit finished (null before the first) and every current
// finding with its rule, severity, object, field path, message and first sighting:
// {"lastRun": ..., "findings": [{"rule", "severity", "kind", "namespace", "name", "field",
// "message", "firstSeen"}]}.
nlohmann::ordered_json auditReport(std::span<const TrackedFinding> findings,
                                   std::optional<std::chrono::system_clock::time_point> lastRun);

} // namespace sgw::audit
