#include <catch2/catch.hpp>

#include "sgw/admission/review_json.h"

using sgw::admission::parseReviewJson;
using sgw::admission::ReviewBody;
using sgw::admission::ReviewJsonError;
using Json = nlohmann::json;

namespace {

Json parsed(const std::string& body, std::size_t maxDepth = 128) {
  auto result = parseReviewJson(body, maxDepth);
  REQUIRE(std::holds_alternative<ReviewBody>(result));
  return std::get<ReviewBody>(result).root.toJson();
}

ReviewJsonError failed(const std::string& body, std::size_t maxDepth = 128) {
  auto result = parseReviewJson(body, maxDepth);
  REQUIRE(std::holds_alternative<ReviewJsonError>(result));
  return std::get<ReviewJsonError>(result);
}

// Equal values of the same JSON types all the way down (nlohmann's == takes 5u and 5 as equal).
bool sameTypesAndValues(const Json& left, const Json& right) {
  if (left.type() != right.type()) {
    return false;
  }
  if (left.is_object()) {
    if (left.size() != right.size()) {
      return false;
    }
    for (const auto& [key, value] : left.items()) {
      if (!right.contains(key) || !sameTypesAndValues(value, right.at(key))) {
        return false;
      }
    }
    return true;
  }
  if (left.is_array()) {
    if (left.size() != right.size()) {
      return false;
    }
    for (std::size_t i = 0; i < left.size(); ++i) {
      if (!sameTypesAndValues(left[i], right[i])) {
        return false;
      }
    }
    return true;
  }
  return left == right;
}

} // namespace

TEST_CASE("a review body parses as nlohmann parses it", "[admission][codec]") {
  const std::string body =
      R"({"kind":"AdmissionReview","request":{"uid":"u","dryRun":true,"n":[1,-2,3.5,null,)"
      R"("x",{"a":{}},[]],"object":{"metadata":{"name":"a","labels":{"k":"v"}},)"
      R"("spec":{"replicas":18446744073709551615}}},"dup":1,"dup":2})";
  CHECK(parsed(body) == Json::parse(body));
  CHECK(parsed("42") == Json(42));
  CHECK(parsed("[[],{}]") == Json::parse("[[],{}]"));
}

TEST_CASE("numbers keep the types nlohmann gives them", "[admission][codec]") {
  const std::string body = "[0,5,-5,1.5,-0.0,1e2,9223372036854775807,9223372036854775808,"
                           "18446744073709551615,-9223372036854775808,\"x-0\",-0.5e1]";
  const auto numbers = parsed(body);
  CHECK(sameTypesAndValues(numbers, Json::parse(body)));
  CHECK(numbers[1].is_number_unsigned());
  CHECK(numbers[2].is_number_integer());
  CHECK_FALSE(numbers[2].is_number_unsigned());
  CHECK(numbers[4].is_number_float());
  // Beyond 64 bits, and -0 as an integer, wherever it stands.
  for (const std::string other : {"[100000000000000000000000,-9223372036854775809]", "-0", "[-0]",
                                  "{\"a\":-0}", "{\"a\": -0 }", "[1,\n-0]"}) {
    CHECK(sameTypesAndValues(parsed(other), Json::parse(other)));
  }
}

TEST_CASE("what only nlohmann's parser accepts still parses", "[admission][codec]") {
  // A byte order mark before the document, which nlohmann skips.
  CHECK(sameTypesAndValues(parsed("\xEF\xBB\xBF{\"a\":[1,\"\\ud83d\\ude00\"]}"),
                           Json::parse(R"({"a":[1,"\ud83d\ude00"]})")));
}

TEST_CASE("a body larger than the reused parser's size parses the same", "[admission][codec]") {
  std::string items;
  for (int i = 0; i < 20000; ++i) {
    items += (i == 0 ? "" : ",") + std::string(R"({"name":"n)") + std::to_string(i) + R"(","i":-)" +
             std::to_string(i + 1) + "}";
  }
  const std::string body = R"({"request":{"object":{"metadata":{"managedFields":[)" + items +
                           R"(],"name":"big"},"spec":{"items":[)" + items + "]}}}}";
  REQUIRE(body.size() > 256 * 1024);
  CHECK(sameTypesAndValues(parsed(body), Json::parse(body)));
  // A small body after it is parsed by the kept parser again.
  CHECK(sameTypesAndValues(parsed(R"({"a":-1})"), Json::parse(R"({"a":-1})")));
}

TEST_CASE("a parsed body stays readable while its document is held", "[admission][codec]") {
  const std::string first = R"({"request":{"object":{"metadata":{"name":"first"}}}})";
  auto kept = std::get<ReviewBody>(parseReviewJson(first, 128));
  // Later parses on the same thread, small and large, leave the first body's values alone.
  parsed(R"({"request":{"object":{"metadata":{"name":"second"}}}})");
  std::string large = "[";
  for (int i = 0; i < 40000; ++i) {
    large += "12,";
  }
  parsed(large + "3]");
  CHECK(kept.root.toJson() == Json::parse(first));
  const auto name =
      kept.root.member("request")->member("object")->member("metadata")->member("name");
  REQUIRE(name.has_value());
  CHECK(name->string() == "first");
}

TEST_CASE("nesting beyond the limit stops the parse", "[admission][codec]") {
  CHECK(failed(std::string(100000, '[')).tooDeep);
  CHECK(failed("[[[1]]]", 2).tooDeep);
  CHECK(parsed("[[1]]", 2) == Json::parse("[[1]]"));
  CHECK(failed(R"({"request":{"object":{"metadata":{"managedFields":[[[[]]]]}}}})", 6).tooDeep);
  // Brackets inside strings do not.
  CHECK(parsed(R"({"a":"[[[[[[[["})", 2)["a"] == "[[[[[[[[");
}

TEST_CASE("a body that is not JSON reports the parser's message", "[admission][codec]") {
  const auto error = failed("{\"a\":");
  CHECK_FALSE(error.tooDeep);
  std::string expected;
  try {
    [[maybe_unused]] const auto parsed = Json::parse("{\"a\":");
  } catch (const Json::exception& thrown) {
    expected = thrown.what();
  }
  CHECK(error.parserMessage == expected);
  CHECK(failed("1e999").parserMessage.find("406") != std::string::npos);
  CHECK_FALSE(failed("{} x").parserMessage.empty());
}

TEST_CASE("every body refused carries nlohmann's own message", "[admission][codec]") {
  const std::string body = GENERATE(as<std::string>{}, R"("\udc00")", R"(["\ud800"])", "\"a\x01\"",
                                    "\"\xff\"", "[1,]", "{\"a\" 1}", "01", "");
  std::string expected;
  try {
    [[maybe_unused]] const auto parsed = Json::parse(body);
  } catch (const Json::exception& thrown) {
    expected = thrown.what();
  }
  REQUIRE_FALSE(expected.empty());
  CHECK(failed(body).parserMessage == expected);
}
