#include "sgw/observability/review_log.h"

#include <spdlog/spdlog.h>

#include "sgw/observability/log.h"

namespace sgw::observability {

void logReview(const admission::ReviewRecord& record, std::string_view endpoint,
               long long latencyMicros) {
  if (!spdlog::should_log(spdlog::level::info)) {
    return;
  }
  logEvent(
      spdlog::level::info, "review",
      {{"uid", record.uid},
       {"endpoint", endpoint},
       {"kind", record.kind},
       {"object", record.namespace_.empty() ? record.name : record.namespace_ + "/" + record.name},
       {"operation", record.operation},
       {"dryRun", record.dryRun},
       {"result", admission::toString(record.verdict)},
       {"denied", record.deniedRules},
       {"warned", record.warnedRules},
       {"latencyMicros", latencyMicros}});
}

} // namespace sgw::observability
