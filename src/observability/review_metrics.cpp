#include "sgw/observability/review_metrics.h"

#include <string>

namespace sgw::observability {

void recordReview(Metrics& metrics, const admission::ReviewRecord& record,
                  std::string_view endpoint, double seconds) {
  const std::string endpointName(endpoint);
  metrics.observe(kReviewDuration, {{"endpoint", endpointName}}, seconds);
  metrics.increment(kReviewsTotal, {{"endpoint", endpointName},
                                    {"kind", record.kind},
                                    {"operation", record.operation},
                                    {"result", std::string(admission::toString(record.verdict))}});
  for (const auto& rule : record.deniedRules) {
    metrics.increment(kRuleFindingsTotal, {{"rule", rule}, {"severity", "deny"}});
  }
  for (const auto& rule : record.warnedRules) {
    metrics.increment(kRuleFindingsTotal, {{"rule", rule}, {"severity", "warn"}});
  }
}

} // namespace sgw::observability
