#include <catch2/catch.hpp>

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
