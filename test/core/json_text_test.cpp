#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "sgw/core/json_text.h"

using sgw::jsonQuoted;

TEST_CASE("text is quoted as a JSON string, escaped as nlohmann escapes it", "[core][json]") {
  CHECK(jsonQuoted("") == R"("")");
  CHECK(jsonQuoted("broker-10.example.com") == R"("broker-10.example.com")");
  CHECK(jsonQuoted("say \"hi\"\\") == R"("say \"hi\"\\")");
  CHECK(jsonQuoted("tab\there\nline\x01") == R"("tab\there\nline\u0001")");
  // UTF-8 passes as it is; bytes that are not UTF-8 each become U+FFFD.
  CHECK(jsonQuoted("caf\xc3\xa9") == "\"caf\xc3\xa9\"");
  CHECK(jsonQuoted("a\xff\xfe"
                   "b") == "\"a\xef\xbf\xbd\xef\xbf\xbd"
                           "b\"");
}

TEST_CASE("every byte, alone and between letters, is quoted as nlohmann quotes it",
          "[core][json]") {
  const auto nlohmannQuoted = [](const std::string& text) {
    return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  };
  for (int byte = 0; byte < 256; ++byte) {
    const std::string alone(1, static_cast<char>(byte));
    const std::string between = "ab" + alone + "cd";
    INFO("byte " << byte);
    CHECK(jsonQuoted(alone) == nlohmannQuoted(alone));
    CHECK(jsonQuoted(between) == nlohmannQuoted(between));
  }
}
