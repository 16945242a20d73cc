#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "sgw/model/json_fields.h"
#include "sgw/model/label_selector.h"

using Json = nlohmann::json;

TEST_CASE("label selectors match as apimachinery's do", "[model][gateway]") {
  using sgw::model::LabelSelector;
  const std::map<std::string, std::string> labels{{"team", "kafka"}, {"env", "prod"}};
  CHECK(LabelSelector{}.matches(labels));
  CHECK(LabelSelector{{{"team", "kafka"}}, {}}.matches(labels));
  CHECK_FALSE(LabelSelector{{{"team", "web"}}, {}}.matches(labels));
  CHECK(LabelSelector{{}, {{"env", "In", {"prod", "test"}}}}.matches(labels));
  CHECK_FALSE(LabelSelector{{}, {{"env", "NotIn", {"prod"}}}}.matches(labels));
  CHECK(LabelSelector{{}, {{"tier", "NotIn", {"prod"}}}}.matches(labels));
  CHECK(LabelSelector{{}, {{"team", "Exists", {}}}}.matches(labels));
  CHECK_FALSE(LabelSelector{{}, {{"team", "DoesNotExist", {}}}}.matches(labels));
  CHECK_FALSE(LabelSelector{{}, {{"team", "Gt", {"1"}}}}.matches(labels));
  CHECK(LabelSelector{{{"team", "kafka"}}, {{"env", "In", {"a", "b"}}, {"x", "Exists", {}}}}
            .toString() == "team=kafka, env in (a, b), x");
}

TEST_CASE("a requirement on a missing label", "[model][label-selector]") {
  using sgw::model::LabelSelector;
  const std::map<std::string, std::string> labels{{"team", "kafka"}};
  CHECK_FALSE(LabelSelector{{{"env", "prod"}}, {}}.matches(labels));
  CHECK_FALSE(LabelSelector{{}, {{"env", "In", {"prod"}}}}.matches(labels));
  CHECK_FALSE(LabelSelector{{}, {{"env", "Exists", {}}}}.matches(labels));
  CHECK(LabelSelector{{}, {{"env", "DoesNotExist", {}}}}.matches(labels));
  // Requirements are ANDed: one that fails is enough.
  CHECK_FALSE(LabelSelector{{{"team", "kafka"}}, {{"env", "Exists", {}}}}.matches(labels));
}

TEST_CASE("selectors print as kubectl prints them", "[model][label-selector]") {
  using sgw::model::LabelSelector;
  CHECK(LabelSelector{}.toString() == "(empty: every namespace)");
  CHECK(LabelSelector{{{"b", "2"}, {"a", "1"}}, {}}.toString() == "a=1, b=2");
  CHECK(LabelSelector{{}, {{"env", "NotIn", {"prod", "test"}}, {"x", "DoesNotExist", {}}}}
            .toString() == "env notin (prod, test), !x");
  CHECK(LabelSelector{{}, {{"n", "Gt", {"1"}}}}.toString() == "n Gt (1)");
}

TEST_CASE("parseLabelSelector reads matchLabels and matchExpressions with their paths",
          "[model][label-selector]") {
  const auto object = Json::parse(R"({
      "matchLabels": {"team": "kafka"},
      "matchExpressions": [
        {"key": "env", "operator": "In", "values": ["prod", 3]},
        "env=prod",
        {"key": "tier", "operator": "Exists"}
      ]})");
  sgw::FieldErrorList errors;
  const auto selector = sgw::model::parseLabelSelector(sgw::model::JsonFields(
      object, sgw::FieldPath::parse("spec.listeners[0].allowedRoutes.namespaces.selector"),
      errors));
  CHECK(selector.toString() == "team=kafka, env in (prod), tier");
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].toString() ==
        "spec.listeners[0].allowedRoutes.namespaces.selector."
        "matchExpressions[0].values[1]: Invalid value: 3: must be a string");
  CHECK(errors[1].toString() == "spec.listeners[0].allowedRoutes.namespaces.selector."
                                "matchExpressions[1]: Invalid value: \"env=prod\": must be an "
                                "object");
}

TEST_CASE("matchLabels or matchExpressions of the wrong type are field errors",
          "[model][label-selector]") {
  const auto object = Json::parse(R"({"matchLabels": ["team"], "matchExpressions": {}})");
  sgw::FieldErrorList errors;
  const auto selector = sgw::model::parseLabelSelector(
      sgw::model::JsonFields(object, sgw::FieldPath::root("s"), errors));
  CHECK(selector.matchLabels.empty());
  CHECK(selector.matchExpressions.empty());
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].toString() == "s.matchLabels: Invalid value: [\"team\"]: must be an object");
  CHECK(errors[1].toString() == "s.matchExpressions: Invalid value: {}: must be a list");
}
