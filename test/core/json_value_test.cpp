#include <simdjson.h>

#include <catch2/catch.hpp>
#include <string>

#include "sgw/core/json_value.h"

using sgw::JsonValue;
using Json = nlohmann::json;

namespace {

// Everything a view tells, walked through the view's own interface only: each value as
// {"type", value}, objects through members() and member(), arrays through elements().
Json describe(const JsonValue& value) {
  switch (value.type()) {
  case JsonValue::Type::Null:
    return Json{"null", nullptr};
  case JsonValue::Type::Boolean:
    return Json{"boolean", value.boolean()};
  case JsonValue::Type::Integer:
    return Json{"integer", value.integer()};
  case JsonValue::Type::Unsigned:
    return Json{"unsigned", value.unsignedInteger(), value.integer()};
  case JsonValue::Type::Float:
    return Json{"float", value.floating()};
  case JsonValue::Type::String:
    return Json{"string", std::string(value.string())};
  case JsonValue::Type::Array: {
    Json items = Json::array();
    for (const auto& item : value.elements()) {
      items.push_back(describe(item));
    }
    return Json{"array", items};
  }
  case JsonValue::Type::Object: {
    Json members = Json::array();
    for (const auto& [key, member] : value.members()) {
      const auto found = value.member(key);
      REQUIRE(found.has_value());
      members.push_back(Json{std::string(key), describe(member), describe(*found)});
    }
    return Json{"object", members};
  }
  }
  return nullptr;
}

} // namespace

TEST_CASE("a value reads alike in nlohmann's DOM and on simdjson's tape", "[core][json]") {
  const std::string text =
      GENERATE(as<std::string>{}, "null", "true", "0", "7", "-7", "1.5", "-2.5e3",
               "9223372036854775807", "9223372036854775808", "18446744073709551615",
               "-9223372036854775808", R"("caf\u00e9 \ud83d\ude00")", "[]", "{}", "[1,[2,[3]],{}]",
               R"({"b":1,"a":[true,null],"c":{"d":"e"}})",
               // A repeated key reads as its last value, once, in key order.
               R"({"z":1,"a":2,"z":{"x":3},"a":null})");
  const auto dom = Json::parse(text);
  simdjson::dom::parser parser;
  const auto element = parser.parse(text);
  REQUIRE(element.error() == simdjson::SUCCESS);
  const auto onTape = JsonValue::onTape(element.value_unsafe());

  CHECK(describe(onTape) == describe(JsonValue(dom)));
  CHECK(onTape.toJson() == dom);
  CHECK(onTape.toJson().type() == dom.type());
}

TEST_CASE("a view answers as nlohmann's parser would", "[core][json]") {
  const std::string text = R"({"n":5,"m":-5,"big":18446744073709551615,"z":1,"z":2,"s":"x"})";
  simdjson::dom::parser parser;
  const auto element = parser.parse(text);
  REQUIRE(element.error() == simdjson::SUCCESS);
  const auto object = JsonValue::onTape(element.value_unsafe());

  CHECK(object.member("n")->type() == JsonValue::Type::Unsigned);
  CHECK(object.member("m")->type() == JsonValue::Type::Integer);
  CHECK(object.member("m")->integer() == -5);
  // Past int64's range, integer() wraps as nlohmann's get<std::int64_t> does.
  CHECK(object.member("big")->integer() == Json::parse(text)["big"].get<std::int64_t>());
  CHECK(object.member("z")->integer() == 2);
  CHECK_FALSE(object.member("absent").has_value());
  CHECK_FALSE(object.member("s")->member("x").has_value());
  CHECK(object.member("s")->elements().empty());
  CHECK(object.member("s")->members().empty());
  CHECK(JsonValue().isNull());
  CHECK(JsonValue().toJson().is_null());
}
