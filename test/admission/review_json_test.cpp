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
  auto expected = Json::parse(body);
  expected["request"]["object"]["metadata"].erase("managedFields");
  CHECK(sameTypesAndValues(parsed(body), expected));
  // A small body after it is parsed by the kept parser again.
  CHECK(sameTypesAndValues(parsed(R"({"a":-1})"), Json::parse(R"({"a":-1})")));
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

TEST_CASE("the oldObject is built only when the rest of the request asks for it",
          "[admission][codec]") {
  const std::string body =
      R"({"kind":"AdmissionReview","request":{"oldObject":{"metadata":{"name":"old"}},)"
      R"("operation":"UPDATE","object":{"metadata":{"name":"new"},"spec":{"replicas":3}},)"
      R"("kind":{"kind":"Kafka"}}})";
  std::vector<Json> asked;
  const auto askAndAnswer = [&](bool keep) {
    return [&asked, keep](const Json& request) {
      asked.push_back(request);
      return keep;
    };
  };

  const auto left = std::get<Json>(parseReviewJson(body, 128, true, askAndAnswer(false)));
  CHECK_FALSE(left["request"].contains("oldObject"));
  CHECK(left["request"]["object"] ==
        Json::parse(R"({"metadata":{"name":"new"},"spec":{"replicas":3}})"));
  CHECK(left["kind"] == "AdmissionReview");
  // Asked once, with every field of the request but the oldObject, though it came first.
  REQUIRE(asked.size() == 1);
  CHECK(asked[0] == Json::parse(R"({"operation":"UPDATE","kind":{"kind":"Kafka"},)"
                                R"("object":{"metadata":{"name":"new"},"spec":{"replicas":3}}})"));

  asked.clear();
  const auto kept = std::get<Json>(parseReviewJson(body, 128, true, askAndAnswer(true)));
  CHECK(kept == Json::parse(body));
  CHECK(asked.size() == 1);

  // A repeated oldObject keeps its last value, as any repeated key does.
  const std::string repeated =
      R"({"request":{"oldObject":{"a":1},"operation":"UPDATE","oldObject":{"b":2}}})";
  CHECK(std::get<Json>(parseReviewJson(repeated, 128, true, askAndAnswer(true))) ==
        Json::parse(repeated));
  CHECK(std::get<Json>(
            parseReviewJson(repeated, 128, true, askAndAnswer(true)))["request"]["oldObject"] ==
        Json::parse(R"({"b":2})"));

  // A request without an oldObject asks nothing; one that is not JSON is refused either way.
  asked.clear();
  parsed(R"({"request":{"operation":"CREATE"}})");
  CHECK(std::get<Json>(parseReviewJson(R"({"request":{"operation":"CREATE"}})", 128, true,
                                       askAndAnswer(false))) ==
        Json::parse(R"({"request":{"operation":"CREATE"}})"));
  CHECK(asked.empty());
  CHECK(std::holds_alternative<ReviewJsonError>(
      parseReviewJson(R"({"request":{"oldObject":{]}})", 128, true, askAndAnswer(false))));
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
