#include <catch2/catch.hpp>

#include "sgw/observability/review_metrics.h"

using sgw::admission::ReviewRecord;
using sgw::admission::Verdict;
using namespace sgw::observability;

TEST_CASE("a review counts its result and each rule that denied or warned", "[observability]") {
  Metrics metrics;
  describeWebhookMetrics(metrics);
  ReviewRecord record;
  record.kind = "Kafka";
  record.operation = "UPDATE";
  record.verdict = Verdict::Denied;
  record.deniedRules = {"broker-ids", "hostname-san"};
  record.warnedRules = {"listener-coverage"};

  recordReview(metrics, record, "validate", 0.0003);
  recordReview(metrics, record, "validate", 0.002);

  CHECK(metrics.value(kReviewsTotal, {{"endpoint", "validate"},
                                      {"kind", "Kafka"},
                                      {"operation", "UPDATE"},
                                      {"result", "denied"}}) == 2);
  CHECK(metrics.value(kRuleFindingsTotal, {{"rule", "broker-ids"}, {"severity", "deny"}}) == 2);
  CHECK(metrics.value(kRuleFindingsTotal, {{"rule", "hostname-san"}, {"severity", "deny"}}) == 2);
  CHECK(metrics.value(kRuleFindingsTotal, {{"rule", "listener-coverage"}, {"severity", "warn"}}) ==
        2);
  const auto text = metrics.render();
  CHECK(text.find("sgw_admission_review_duration_seconds_bucket{endpoint=\"validate\",le="
                  "\"0.0005\"} 1\n") != std::string::npos);
  CHECK(text.find("sgw_admission_review_duration_seconds_count{endpoint=\"validate\"} 2\n") !=
        std::string::npos);
}
