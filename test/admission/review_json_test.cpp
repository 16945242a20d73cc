#include <catch2/catch.hpp>

#include "sgw/admission/review_json.h"

using sgw::admission::parseReviewJson;
using sgw::admission::ReviewJsonError;
using Json = nlohmann::json;

namespace {

Json parsed(const std::string& body, std::size_t maxDepth = 128) {
  auto result = parseReviewJson(body, maxDepth);
  REQUIRE(std::holds_alternative<Json>(result));
  return std::get<Json>(result);
}

ReviewJsonError failed(const std::string& body, std::size_t maxDepth = 128) {
  auto result = parseReviewJson(body, maxDepth);
  REQUIRE(std::holds_alternative<ReviewJsonError>(result));
  return std::get<ReviewJsonError>(result);
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

TEST_CASE("managedFields of the object and oldObject are left out", "[admission][codec]") {
  const auto review = parsed(
      R"({"request":{"object":{"metadata":{"name":"a","managedFields":[{"manager":"kubectl",)"
      R"("fieldsV1":{"f:spec":{}}}]},"spec":{"managedFields":1}},)"
      R"("oldObject":{"metadata":{"managedFields":[],"uid":"b"}},)"
      R"("managedFields":"kept"},"metadata":{"managedFields":"kept"}})");
  CHECK(review["request"]["object"] ==
        Json::parse(R"({"metadata":{"name":"a"},"spec":{"managedFields":1}})"));
  CHECK(review["request"]["oldObject"] == Json::parse(R"({"metadata":{"uid":"b"}})"));
  // Elsewhere the same key is ordinary data.
  CHECK(review["request"]["managedFields"] == "kept");
  CHECK(review["metadata"]["managedFields"] == "kept");

  const std::string body = R"({"request":{"object":{"metadata":{"managedFields":[1]}}}})";
  CHECK(std::get<Json>(parseReviewJson(body, 128, false)) == Json::parse(body));
}

TEST_CASE("nesting beyond the limit stops the parse", "[admission][codec]") {
  CHECK(failed(std::string(100000, '[')).tooDeep);
  CHECK(failed("[[[1]]]", 2).tooDeep);
  CHECK(parsed("[[1]]", 2) == Json::parse("[[1]]"));
  // Inside a value that is left out, nesting still counts.
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
