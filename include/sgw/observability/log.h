#pragma once

#include <spdlog/common.h>
#include <spdlog/logger.h>

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace sgw::observability {

enum class LogFormat { Text, Json };

// Sets up the process-wide logger on stderr. Text lines read
// `2026-11-26T06:36:50.123Z info review allowed uid=... kind=Kafka`; JSON lines are one object
// each: {"time":...,"level":...,"msg":...,<fields>}. Every line is written out at once, except
// the review logger's info lines (see reviewLogger).
void configureLogging(LogFormat format, spdlog::level::level_enum level = spdlog::level::info);

// The format configureLogging chose.
LogFormat logFormat();

// A value as text lines print it: bare when it holds no space, quote, `=`, backslash or control
// character (and is not empty), else as a JSON string.
void appendTextValue(std::string& line, std::string_view value);

// The logger for the line every review leaves. It writes through the process logger's sink,
// in order with its lines, but a busy server should not pay one write to stderr per review: its
// info lines go out with the next line of the process logger, once 64 KiB have gathered, or
// within a second. Its warnings and errors go out at once.
spdlog::logger& reviewLogger();

// Logs one event with structured fields. Callers never pass Secret data or key material.
void logEvent(spdlog::level::level_enum level, std::string_view message,
              const nlohmann::ordered_json& fields = nlohmann::ordered_json::object());
// The same, through the given logger.
void logEvent(spdlog::logger& logger, spdlog::level::level_enum level, std::string_view message,
              const nlohmann::ordered_json& fields = nlohmann::ordered_json::object());

} // namespace sgw::observability
