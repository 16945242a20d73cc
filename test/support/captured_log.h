#pragma once

#include <spdlog/spdlog.h>

#include <memory>
#include <sstream>
#include <string>

#include "sgw/observability/log.h"

namespace sgw::test {

// Routes the process logger into a string for the duration of a test, each line printed as
// `<level> <message>`, then puts back the logger, level and format the other tests run with.
class CapturedLog {
public:
  explicit CapturedLog(observability::LogFormat format,
                       spdlog::level::level_enum level = spdlog::level::info);
  ~CapturedLog();
  CapturedLog(const CapturedLog&) = delete;
  CapturedLog& operator=(const CapturedLog&) = delete;

  std::string text() const { return text_.str(); }

private:
  std::shared_ptr<spdlog::logger> previous_;
  spdlog::level::level_enum previousLevel_;
  observability::LogFormat previousFormat_;
  std::ostringstream text_;
};

} // namespace sgw::test
