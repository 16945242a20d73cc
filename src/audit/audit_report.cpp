#include "sgw/audit/audit_report.h"

#include <ctime>

namespace sgw::audit {

std::string rfc3339(std::chrono::system_clock::time_point time) {
  const auto seconds = std::chrono::system_clock::to_time_t(time);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[32];
  const auto length = std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return {buffer, length};
}

nlohmann::ordered_json auditReport(std::span<const TrackedFinding> findings,
                                   std::optional<std::chrono::system_clock::time_point> lastRun) {
  auto list = nlohmann::ordered_json::array();
  for (const auto& tracked : findings) {
    const auto& finding = tracked.finding;
    list.push_back(
        {{"rule", finding.finding.ruleId},
         {"severity", finding.finding.severity == rules::Severity::Deny ? "deny" : "warn"},
         {"kind", model::kindName(finding.kind)},
         {"namespace", finding.key.namespace_},
         {"name", finding.key.name},
         {"field", finding.finding.error.path.toString()},
         {"message", finding.finding.message()},
         {"firstSeen", rfc3339(tracked.firstSeen)}});
  }
  nlohmann::ordered_json report;
  report["lastRun"] = lastRun.has_value() ? nlohmann::ordered_json(rfc3339(*lastRun)) : nullptr;
  report["findings"] = std::move(list);
  return report;
}

} // namespace sgw::audit
