#pragma once

#include <string_view>

#include "sgw/admission/review_pipeline.h"
#include "sgw/observability/metrics.h"

namespace sgw::observability {

// Counts one answered review in the webhook's metrics (see describeWebhookMetrics): its
// duration, its result by endpoint, kind and operation, and the rules that denied or warned.
void recordReview(Metrics& metrics, const admission::ReviewRecord& record,
                  std::string_view endpoint, double seconds);

} // namespace sgw::observability
