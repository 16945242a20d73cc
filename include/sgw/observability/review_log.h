#pragma once

#include <string_view>

#include "sgw/admission/review_pipeline.h"

namespace sgw::observability {

// Logs the one line every answered review leaves (info level): what was reviewed, the verdict,
// the rules that denied or warned, and how long the review took. Holds no object content.
void logReview(const admission::ReviewRecord& record, std::string_view endpoint,
               long long latencyMicros);

} // namespace sgw::observability
