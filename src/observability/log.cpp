#include "sgw/observability/log.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <atomic>

namespace sgw::observability {

namespace {

std::atomic<LogFormat> gFormat{LogFormat::Text};

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
  gFormat = format;
  auto logger = spdlog::get("sgw");
  if (logger == nullptr) {
    logger = spdlog::stderr_logger_mt("sgw");
  }
  spdlog::set_default_logger(logger);
  if (format == LogFormat::Json) {
    spdlog::set_pattern("%v");
  } else {
    spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %l %v", spdlog::pattern_time_type::utc);
  }
  spdlog::set_level(level);
  spdlog::flush_on(spdlog::level::info);
}

void logEvent(spdlog::level::level_enum level, std::string_view message,
              const nlohmann::ordered_json& fields) {
  if (!spdlog::should_log(level)) {
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
    spdlog::log(level, "{}", dumpSafe(line));
    return;
  }
  spdlog::log(level, "{}{}", message, textFields(fields));
}

} // namespace sgw::observability
