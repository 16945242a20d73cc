#include "sgw/observability/review_log.h"

#include <spdlog/spdlog.h>

#include "sgw/observability/log.h"

namespace sgw::observability {

namespace {

void appendList(std::string& line, const std::vector<std::string>& items) {
  if (items.empty()) {
    line += '-';
    return;
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) {
      line += ',';
    }
    line += items[i];
  }
}

// The text line, written field by field: one string, no intermediate JSON document.
std::string textLine(const admission::ReviewRecord& record, std::string_view endpoint,
                     long long latencyMicros) {
  std::string line;
  line.reserve(256);
  line += "review uid=";
  appendTextValue(line, record.uid);
  line += " endpoint=";
  appendTextValue(line, endpoint);
  line += " kind=";
  appendTextValue(line, record.kind);
  line += " object=";
  appendTextValue(line,
                  record.namespace_.empty() ? record.name : record.namespace_ + "/" + record.name);
  line += " operation=";
  appendTextValue(line, record.operation);
  line += record.dryRun ? " dryRun=true result=" : " dryRun=false result=";
  appendTextValue(line, admission::toString(record.verdict));
  line += " denied=";
  appendList(line, record.deniedRules);
  line += " warned=";
  appendList(line, record.warnedRules);
  line += " latencyMicros=";
  line += std::to_string(latencyMicros);
  return line;
}

} // namespace

void logReview(const admission::ReviewRecord& record, std::string_view endpoint,
               long long latencyMicros) {
  auto& logger = reviewLogger();
  if (!logger.should_log(spdlog::level::info)) {
    return;
  }
  if (logFormat() == LogFormat::Text) {
    logger.info("{}", textLine(record, endpoint, latencyMicros));
    return;
  }
  logEvent(
      logger, spdlog::level::info, "review",
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
