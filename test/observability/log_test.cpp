#include <spdlog/spdlog.h>

#include <catch2/catch.hpp>
#include <sstream>

#include "sgw/observability/log.h"
#include "support/captured_log.h"

using namespace sgw::observability;
using sgw::test::CapturedLog;
using Fields = nlohmann::ordered_json;

namespace {

std::string textValue(std::string_view value) {
  std::string line;
  appendTextValue(line, value);
  return line;
}

} // namespace

TEST_CASE("text values are bare unless a space, quote, = or control character needs quotes",
          "[observability][log]") {
  CHECK(textValue("strimzi/my-cluster") == "strimzi/my-cluster");
  CHECK(textValue("broker-ids,hostname-san") == "broker-ids,hostname-san");
  CHECK(textValue("caf\xc3\xa9") == "caf\xc3\xa9");
  CHECK(textValue("") == "\"\"");
  CHECK(textValue("my cluster") == "\"my cluster\"");
  CHECK(textValue("a=b") == "\"a=b\"");
  CHECK(textValue("say \"hi\"") == R"("say \"hi\"")");
  CHECK(textValue("back\\slash") == R"("back\\slash")");
  // A line break in a value must not start a new log line.
  CHECK(textValue("two\nlines") == R"("two\nlines")");
  CHECK(textValue("tab\there") == R"("tab\there")");
  // Bytes that are not UTF-8 are replaced rather than failing the log call.
  CHECK(textValue("bad \xff") == "\"bad \xef\xbf\xbd\"");
  std::string line = "uid=";
  appendTextValue(line, "4a1f");
  CHECK(line == "uid=4a1f");
}

TEST_CASE("a text event is the message and key=value fields in order", "[observability][log]") {
  const CapturedLog log(LogFormat::Text);
  CHECK(logFormat() == LogFormat::Text);
  logEvent(spdlog::level::warn, "watch restarted",
           Fields{{"resource", "kafkas"},
                  {"reason", "too old resource version"},
                  {"attempt", 3},
                  {"ok", false},
                  {"ids", Fields::array({10, 11})},
                  {"rules", Fields::array({"broker-ids", "route-backend"})},
                  {"none", Fields::array()},
                  {"nothing", nullptr}});
  CHECK(log.text() == "warning watch restarted resource=kafkas reason=\"too old resource "
                      "version\" attempt=3 ok=false ids=10,11 rules=broker-ids,route-backend "
                      "none=- nothing=null\n");
}

TEST_CASE("a text event without fields is the message alone", "[observability][log]") {
  const CapturedLog log(LogFormat::Text);
  logEvent(spdlog::level::info, "serving");
  CHECK(log.text() == "info serving\n");
}

TEST_CASE("a JSON event is one object: time, level, msg, then the fields", "[observability][log]") {
  const CapturedLog log(LogFormat::Json);
  CHECK(logFormat() == LogFormat::Json);
  logEvent(spdlog::level::err, "cannot \"read\"",
           Fields{{"file", "/tmp/x y"}, {"bytes", 12}, {"bad", "\xff"}});
  const auto text = log.text();
  REQUIRE(text.starts_with("error "));
  REQUIRE(text.ends_with("}\n"));
  const auto line = nlohmann::ordered_json::parse(text.substr(6));
  std::vector<std::string> keys;
  for (const auto& item : line.items()) {
    keys.push_back(item.key());
  }
  CHECK(keys == std::vector<std::string>{"time", "level", "msg", "file", "bytes", "bad"});
  // An RFC 3339 UTC time with milliseconds: 2026-11-26T06:36:50.123Z.
  const auto time = line["time"].get<std::string>();
  REQUIRE(time.size() == 24);
  CHECK(time[4] == '-');
  CHECK(time[10] == 'T');
  CHECK(time[19] == '.');
  CHECK(time.ends_with("Z"));
  CHECK(line["level"] == "error");
  CHECK(line["msg"] == "cannot \"read\"");
  CHECK(line["file"] == "/tmp/x y");
  CHECK(line["bytes"] == 12);
  CHECK(line["bad"] == "\xef\xbf\xbd");
}

TEST_CASE("events below the configured level are not written", "[observability][log]") {
  const auto format = GENERATE(LogFormat::Text, LogFormat::Json);
  const CapturedLog log(format, spdlog::level::warn);
  logEvent(spdlog::level::info, "quiet", Fields{{"a", 1}});
  logEvent(spdlog::level::debug, "quieter");
  CHECK(log.text().empty());
  logEvent(spdlog::level::warn, "loud");
  CHECK_THAT(log.text(), Catch::Contains("loud"));
}
