#include "sgw/observability/log.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <atomic>

#include "sgw/observability/fd_sink.h"

namespace sgw::observability {

namespace {

std::atomic<LogFormat> gFormat{LogFormat::Text};

constexpr const char* kProcessLoggerName = "sgw";
constexpr const char* kReviewLoggerName = "sgw.review";
constexpr auto kReviewLinesWrittenWithin = std::chrono::seconds(1);

bool needsQuoting(std::string_view text) {
  if (text.empty()) {
    return true;
  }
  for (const char c : text) {
    if (c == ' ' || c == '"' || c == '=' || c == '\\' || static_cast<unsigned char>(c) < 0x20) {
      return true;
    }
  }
  return false;
}

template <class Json> std::string dumpSafe(const Json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string textFields(const nlohmann::ordered_json& fields) {
  std::string out;
  for (const auto& [key, value] : fields.items()) {
    out += ' ';
    out += key;
    out += '=';
    if (value.is_string()) {
      const auto& text = value.get_ref<const std::string&>();
      out += needsQuoting(text) ? dumpSafe(value) : text;
    } else if (value.is_array()) {
      // Lists of ids print as a,b,c: short and still unambiguous for rule ids.
      std::string joined;
      for (const auto& item : value) {
        if (!joined.empty()) {
          joined += ',';
        }
        joined += item.is_string() ? item.get<std::string>() : dumpSafe(item);
      }
      out += joined.empty() ? "-" : joined;
    } else {
      out += dumpSafe(value);
    }
  }
  return out;
}

} // namespace

LogFormat logFormat() {
  return gFormat.load();
}

void appendTextValue(std::string& line, std::string_view value) {
  if (needsQuoting(value)) {
    line += dumpSafe(nlohmann::json(value));
  } else {
    line += value;
  }
}

void configureLogging(LogFormat format, spdlog::level::level_enum level) {
  // The periodic flush walks the loggers' sinks, which change below: stop it until they have.
  spdlog::flush_every(std::chrono::seconds(0));
  gFormat = format;
  auto logger = spdlog::get(kProcessLoggerName);
  if (logger == nullptr) {
    logger = std::make_shared<spdlog::logger>(kProcessLoggerName,
                                              std::make_shared<FdSink>(STDERR_FILENO));
    spdlog::register_logger(logger);
  }
  spdlog::set_default_logger(logger);
  // The review logger shares the process logger's sinks, so its lines keep their place among the
  // others; they are handed over again because the process logger may be new (tests capture it).
  auto& reviews = reviewLogger();
  reviews.sinks() = logger->sinks();
  if (format == LogFormat::Json) {
    spdlog::set_pattern("%v");
  } else {
    spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %l %v", spdlog::pattern_time_type::utc);
  }
  spdlog::set_level(level);
  logger->flush_on(spdlog::level::trace);
  reviews.flush_on(spdlog::level::warn);
  spdlog::flush_every(kReviewLinesWrittenWithin);
}

spdlog::logger& reviewLogger() {
  // Made once and never replaced, so a review never looks it up in spdlog's registry (a mutex the
  // periodic flush holds while it writes); registered so that flush reaches it.
  static const std::shared_ptr<spdlog::logger> kReviews = [] {
    const auto& sinks = spdlog::default_logger_raw()->sinks();
    auto logger = std::make_shared<spdlog::logger>(kReviewLoggerName, sinks.begin(), sinks.end());
    spdlog::register_logger(logger);
    return logger;
  }();
  return *kReviews;
}

void logEvent(spdlog::level::level_enum level, std::string_view message,
              const nlohmann::ordered_json& fields) {
  logEvent(*spdlog::default_logger_raw(), level, message, fields);
}

void logEvent(spdlog::logger& logger, spdlog::level::level_enum level, std::string_view message,
              const nlohmann::ordered_json& fields) {
  if (!logger.should_log(level)) {
    return;
  }
  if (gFormat.load() == LogFormat::Json) {
    nlohmann::ordered_json line = {
        {"time", ""}, {"level", spdlog::level::to_string_view(level).data()}, {"msg", message}};
    const auto now = std::chrono::system_clock::now();
    const auto seconds = std::chrono::system_clock::to_time_t(now);
    const auto millis =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() %
        1000;
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char stamp[64];
    std::snprintf(stamp, sizeof(stamp), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                  utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                  static_cast<int>(millis));
    line["time"] = stamp;
    for (const auto& [key, value] : fields.items()) {
      line[key] = value;
    }
    logger.log(level, "{}", dumpSafe(line));
    return;
  }
  logger.log(level, "{}{}", message, textFields(fields));
}

} // namespace sgw::observability
