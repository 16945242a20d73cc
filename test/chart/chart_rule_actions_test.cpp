// The chart's rule-action values against the rules the webhook knows.

#include <catch2/catch.hpp>

#include "chart/chart_render.h"
#include "sgw/policy/rule_actions.h"

namespace sgw::test::chart {
namespace {

TEST_CASE("chart: the values schema accepts exactly the webhook's rule ids in ruleActions",
          "[chart][policy]") {
  const auto schema = nlohmann::json::parse(readFile(kChartDir / "values.schema.json"));
  const auto ids =
      schema["properties"]["ruleActions"]["propertyNames"]["enum"].get<std::vector<std::string>>();
  CHECK(ids == policy::configurableRuleIds());
}

TEST_CASE("chart: an unknown rule id in ruleActions is refused before rendering",
          "[chart][policy]") {
  const auto result = renderChart("ruleActions: {broker-id: warn}");
  CHECK(result.exitCode == 1);
  CHECK_THAT(result.err, Catch::Contains("- ruleActions: Property name of \"broker-id\" does not "
                                         "match\n- ruleActions: ruleActions must be one of the "
                                         "following: \"advertised-hosts\", "));
}

} // namespace
} // namespace sgw::test::chart
