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
  // The captured logger goes first: configuring logging hands the process logger's sinks to the
  // review logger, which must not keep a sink writing into `text_` once this object is gone.
  spdlog::drop("sgw");
  if (previous_->name() == "sgw") {
    spdlog::register_logger(previous_);
  }
  observability::configureLogging(previousFormat_, previousLevel_);
  spdlog::set_default_logger(previous_);
}

} // namespace sgw::test
