#include "support/captured_log.h"

#include <spdlog/sinks/ostream_sink.h>

namespace sgw::test {

CapturedLog::CapturedLog(observability::LogFormat format, spdlog::level::level_enum level)
    : previous_(spdlog::default_logger()), previousLevel_(spdlog::get_level()),
      previousFormat_(observability::logFormat()) {
  auto logger = std::make_shared<spdlog::logger>(
      "sgw", std::make_shared<spdlog::sinks::ostream_sink_mt>(text_));
  spdlog::drop("sgw");
  spdlog::register_logger(logger);
  observability::configureLogging(format, level);
  spdlog::set_pattern("%l %v");
}

CapturedLog::~CapturedLog() {
  observability::configureLogging(previousFormat_, previousLevel_);
  spdlog::drop("sgw");
  spdlog::set_default_logger(previous_);
}

} // namespace sgw::test
