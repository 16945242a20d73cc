#include <catch2/catch.hpp>

#include "sgw/core/field_error.h"
#include "sgw/core/message_limits.h"

using sgw::FieldError;
using sgw::FieldPath;

TEST_CASE("shortened cuts long text at a character boundary", "[core][message-limits]") {
  CHECK(sgw::shortened("short", 10) == "short");
  CHECK(sgw::shortened("0123456789abc", 10) == "0123456...");
  // "é" is two bytes: a cut never leaves half of it.
  CHECK(sgw::shortened("aaaaaa\xc3\xa9zzzz", 10) == "aaaaaa...");
  CHECK(sgw::shortened("abcdef", 2) == "..");
}

TEST_CASE("validUtf8 replaces what is not UTF-8", "[core][message-limits]") {
  CHECK(sgw::validUtf8("caf\xc3\xa9") == "caf\xc3\xa9");
  CHECK(sgw::validUtf8("a\xff"
                       "b") == "a\xef\xbf\xbd"
                               "b");
  CHECK(sgw::validUtf8("\xc0\xaf") == "\xef\xbf\xbd\xef\xbf\xbd");                 // overlong '/'
  CHECK(sgw::validUtf8("\xed\xa0\x80") == "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"); // surrogate
  CHECK(sgw::validUtf8("\xe2\x82") == "\xef\xbf\xbd\xef\xbf\xbd");                 // cut off
  CHECK(sgw::validUtf8("\xf0\x9f\x98\x80") == "\xf0\x9f\x98\x80");
}

TEST_CASE("warnings stay within what the API server keeps", "[core][message-limits]") {
  CHECK(sgw::capWarnings({"a", "b"}) == std::vector<std::string>{"a", "b"});
  // Whole while they all fit, as the API server keeps them.
  const auto one = sgw::capWarnings({std::string(1000, 'x')});
  REQUIRE(one.size() == 1);
  CHECK(one[0] == std::string(1000, 'x'));
  // Once they do not, each is shortened.
  const auto large = sgw::capWarnings({std::string(5000, 'x'), "b"});
  REQUIRE(large.size() == 2);
  CHECK(large[0] == std::string(253, 'x') + "...");
  CHECK(large[1] == "b");

  std::vector<std::string> many;
  for (int i = 0; i < 100000; ++i) {
    many.push_back("spec.kafka.listeners[0].configuration.brokers[" + std::to_string(i) +
                   "].broker: " + std::string(100, 'w'));
  }
  const auto capped = sgw::capWarnings(many);
  std::size_t total = 0;
  for (const auto& warning : capped) {
    CHECK(warning.size() <= sgw::kMaxWarningBytes);
    total += warning.size();
  }
  CHECK(total <= sgw::kMaxWarningsTotalBytes);
  CHECK(capped.front() == many.front());
  CHECK(capped.back() ==
        std::to_string(many.size() - (capped.size() - 1)) + " more warnings not shown");
}

TEST_CASE("a denial lists a bounded number of errors", "[core][message-limits]") {
  CHECK(sgw::cappedAggregate({"e1"}) == "e1");
  CHECK(sgw::cappedAggregate({"e1", "e2", "e1"}) == "[e1, e2]");
  std::vector<std::string> many;
  for (int i = 0; i < 1000; ++i) {
    many.push_back("e" + std::to_string(i));
  }
  const auto message = sgw::cappedAggregate(many);
  CHECK(message == "[e0, e1, e2, e3, e4, e5, e6, e7, e8, e9, e10, e11, e12, e13, e14, e15, e16, "
                   "e17, e18, e19, and 980 more]");
  const auto longOnes = sgw::cappedAggregate({std::string(100000, 'a'), std::string(100000, 'b')});
  CHECK(longOnes.size() <= sgw::kMaxDenialBytes);
  CHECK(longOnes.starts_with("[aaa"));
  CHECK_THAT(longOnes, Catch::Contains("..., bbb"));
}

TEST_CASE("field errors print long and non-UTF-8 values shortened and escaped",
          "[core][message-limits][field-error]") {
  const auto path = FieldPath::root("spec").child("x");
  CHECK(FieldError::invalid(path, std::string(5000, 'y'), "too long").toString() ==
        "spec.x: Invalid value: \"" + std::string(97, 'y') + "...\": too long");
  // Go's %q escapes bytes that are not UTF-8 and keeps the ones that are.
  CHECK(sgw::goQuote("a\xff\xc3\xa9") == "\"a\\xff\xc3\xa9\"");
  nlohmann::json brokers = nlohmann::json::array();
  for (int i = 0; i < 1000; ++i) {
    brokers.push_back(i);
  }
  CHECK(FieldError::invalid(path, brokers, "must be an object").toString() ==
        "spec.x: Invalid value: [1000 items]: must be an object");
  nlohmann::json some = nlohmann::json::array();
  for (int i = 0; i < 50; ++i) {
    some.push_back(1000 + i);
  }
  const auto printed = FieldError::invalid(path, some, "d").toString();
  CHECK(printed.size() == std::string("spec.x: Invalid value: ").size() +
                              sgw::kMaxPrintedValueBytes + std::string(": d").size());
  CHECK_THAT(printed, Catch::StartsWith("spec.x: Invalid value: [1000,1001,"));
}
