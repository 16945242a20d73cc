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

TEST_CASE("errors in nested objects and array elements name the whole path",
          "[model][json-fields]") {
  sgw::FieldErrorList errors;
  const auto object = nlohmann::json::parse(
      R"({"spec":{"kafka":{"listeners":[{"port":"x"},7,{"configuration":{"brokers":[{"broker":"1"}]}}]}}})");
  const sgw::model::JsonFields root(object, {}, errors);
  // Taken from a temporary, the fields carry their own path.
  const auto kafka = root.nested("spec").nested("kafka");
  const auto listeners = kafka.array("listeners");
  REQUIRE(listeners.has_value());
  for (std::size_t i = 0; i < listeners->size(); ++i) {
    const auto listener = kafka.element("listeners", i, (*listeners)[i]);
    if (!listener.expectObject()) {
      continue;
    }
    CHECK_FALSE(listener.integer("port").has_value());
    const auto configuration = listener.nested("configuration");
    const auto brokers = configuration.array("brokers");
    for (std::size_t j = 0; brokers.has_value() && j < brokers->size(); ++j) {
      const auto broker = configuration.element("brokers", j, (*brokers)[j]);
      REQUIRE(broker.expectObject());
      CHECK(broker.path().toString() == "spec.kafka.listeners[2].configuration.brokers[0]");
      CHECK_FALSE(broker.integer("broker").has_value());
    }
  }
  REQUIRE(errors.size() == 3);
  CHECK(errors[0].toString() ==
        "spec.kafka.listeners[0].port: Invalid value: \"x\": must be an integer");
  CHECK(errors[1].toString() == "spec.kafka.listeners[1]: Invalid value: 7: must be an object");
  CHECK(errors[2].toString() == "spec.kafka.listeners[2].configuration.brokers[0].broker: "
                                "Invalid value: \"1\": must be an integer");
}

TEST_CASE("fields under a root path keep it", "[model][json-fields]") {
  sgw::FieldErrorList errors;
  const auto object = nlohmann::json::parse(R"({"tls":{"mode":1}})");
  const sgw::model::JsonFields listener(
      object, sgw::FieldPath::root("spec").child("listeners").index(3), errors);
  CHECK_FALSE(listener.nested("tls").string("mode").has_value());
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].toString() == "spec.listeners[3].tls.mode: Invalid value: 1: must be a string");
}

TEST_CASE("an element taken from temporary fields keeps its path", "[model][json-fields]") {
  sgw::FieldErrorList errors;
  const auto object = nlohmann::json::parse(R"({"ports":["x"]})");
  const auto ports = sgw::model::JsonFields(object, sgw::FieldPath::root("spec"), errors)
                         .element("ports", 0, sgw::JsonValue(object.at("ports").at(0)));
  CHECK_FALSE(ports.expectObject());
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].toString() == "spec.ports[0]: Invalid value: \"x\": must be an object");
}
