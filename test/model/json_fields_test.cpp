#include <catch2/catch.hpp>

#include "sgw/model/json_fields.h"

namespace {

struct IntegerCase {
  std::string json;
  std::optional<std::int64_t> expected;
  std::string error;
};

} // namespace

TEST_CASE("integer fields check a number's range before converting it", "[model][json-fields]") {
  const auto c = GENERATE(values<IntegerCase>({
      {"3", 3, ""},
      {"-3", -3, ""},
      {"3.0", 3, ""},
      {"9223372036854775807", std::numeric_limits<std::int64_t>::max(), ""},
      {"-9223372036854775808", std::numeric_limits<std::int64_t>::min(), ""},
      {"-9.223372036854775808e18", std::numeric_limits<std::int64_t>::min(), ""},
      {"2.5", std::nullopt, "spec.replicas: Invalid value: 2.5: must be an integer"},
      {"1e300", std::nullopt, "spec.replicas: Invalid value: 1e+300: must be an integer"},
      {"-1e300", std::nullopt, "spec.replicas: Invalid value: -1e+300: must be an integer"},
      {"9.223372036854775808e18", std::nullopt,
       "spec.replicas: Invalid value: 9.223372036854776e+18: must be an integer"},
      {"18446744073709551615", std::nullopt,
       "spec.replicas: Invalid value: 18446744073709551615: must be an integer in the int64 "
       "range"},
      {"\"3\"", std::nullopt, "spec.replicas: Invalid value: \"3\": must be an integer"},
  }));
  INFO(c.json);
  sgw::FieldErrorList errors;
  const auto object = nlohmann::json::parse(R"({"replicas":)" + c.json + "}");
  const sgw::model::JsonFields fields(object, sgw::FieldPath::root("spec"), errors);
  CHECK(fields.integer("replicas") == c.expected);
  if (c.error.empty()) {
    CHECK(errors.empty());
  } else {
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].toString() == c.error);
  }
}
