// The dashboard's queries run on Prometheus's own engine (promtool, from Debian's prometheus
// package): each parses, and the audit and certificate queries give the intended answer on the
// series two replicas export, whether the scrape kept the object's `namespace` label or renamed
// it to `exported_namespace` because the target's own `namespace` label won.

#include <catch2/catch.hpp>

#include "chart/chart_render.h"
#include "chart/dashboard.h"

namespace sgw::test::chart {
namespace {

using nlohmann::json;

// The query as Grafana sends it with every Pod of the release selected.
std::string withVariables(std::string expr) {
  const std::vector<std::pair<std::string, std::string>> values{
      {"$__rate_interval", "5m"}, {"$namespace", "sgw-system"}, {"$pod", "sgw-.*"}};
  for (const auto& [variable, value] : values) {
    for (auto at = expr.find(variable); at != std::string::npos;
         at = expr.find(variable, at + value.size())) {
      expr.replace(at, variable.size(), value);
    }
  }
  return expr;
}

ProcessResult promtool(const std::vector<std::string>& args) {
  std::vector<std::string> argv{"promtool"};
  argv.insert(argv.end(), args.begin(), args.end());
  auto result = runProcess(argv);
  if (result.exitCode == -1) {
    FAIL("promtool is not installed: apt-get install prometheus");
  }
  return result;
}

TEST_CASE("dashboard queries: every panel query parses as PromQL", "[chart][dashboard]") {
  json rules = json::array();
  for (const auto& panel : allPanels(dashboardJson())) {
    for (const auto& target : panel.value("targets", json::array())) {
      rules.push_back({{"record", "dashboard:query" + std::to_string(rules.size())},
                       {"expr", withVariables(target.at("expr"))}});
    }
  }
  REQUIRE(rules.size() > 15);
  TempDir dir;
  // JSON is YAML: promtool reads this as a rules file.
  const auto file =
      dir.write("rules.yaml", json{{"groups", {{{"name", "dashboard"}, {"rules", rules}}}}}.dump());
  const auto result = promtool({"check", "rules", file.string()});
  INFO(result.out << result.err);
  CHECK(result.exitCode == 0);
  CHECK(result.out.find("SUCCESS: " + std::to_string(rules.size()) + " rules found") !=
        std::string::npos);
}

// One series a replica exports, for a minute of scrapes.
json series(const std::string& selector, const std::string& values) {
  return {{"series", selector}, {"values", values}};
}

// The findings of two replicas: a Kafka in kafka-a scraped with its namespace kept, a TLSRoute
// in kafka-b scraped with its namespace renamed, each reported by both Pods.
json auditSeries() {
  json out = json::array();
  for (const std::string pod : {"sgw-0", "sgw-1"}) {
    const auto target = ",pod=\"" + pod + "\"}";
    out.push_back(series(R"(sgw_audit_findings{rule="hostname-san",severity="deny",kind="Kafka",)"
                         R"(namespace="kafka-a",name="c1")" +
                             target,
                         "1x5"));
    out.push_back(series(R"(sgw_audit_findings{rule="route-backend",severity="warn",)"
                         R"(kind="TLSRoute",namespace="sgw-system",exported_namespace="kafka-b",)"
                         R"(name="r1")" +
                             target,
                         "1x5"));
    // Expires 10 and 3.5 days after the evaluation time (60 s), in kafka-a and kafka-b.
    out.push_back(series(R"(sgw_certificate_expiry_timestamp_seconds{namespace="kafka-a",)"
                         R"(secret="cluster-a-tls")" +
                             target,
                         "864060x5"));
    out.push_back(series(R"(sgw_certificate_expiry_timestamp_seconds{namespace="sgw-system",)"
                         R"(exported_namespace="kafka-b",secret="cluster-b-tls")" +
                             target,
                         "302460x5"));
  }
  // The replicas last audited at 20 s and 45 s.
  out.push_back(series(R"(sgw_audit_last_run_timestamp_seconds{pod="sgw-0"})", "20x5"));
  out.push_back(series(R"(sgw_audit_last_run_timestamp_seconds{pod="sgw-1"})", "45x5"));
  // A Pod of another release, which the $pod selection leaves out.
  out.push_back(series(R"(sgw_audit_findings{rule="broker-ids",severity="deny",kind="Kafka",)"
                       R"(namespace="other",name="x",pod="another-0"})",
                       "1x5"));
  return out;
}

json expect(const std::string& expr, std::vector<std::pair<std::string, double>> samples) {
  json out = json::array();
  for (const auto& [labels, value] : samples) {
    out.push_back({{"labels", labels}, {"value", value}});
  }
  return {{"expr", withVariables(expr)}, {"eval_time", "1m"}, {"exp_samples", out}};
}

TEST_CASE("dashboard queries: audit findings and certificate expiry, on either namespace label",
          "[chart][dashboard]") {
  const auto board = dashboardJson();
  const auto single = [&](std::string_view title) {
    const auto queries = panelQueries(board, title);
    REQUIRE(queries.size() == 1);
    return queries.front();
  };
  const json tests = json::array(
      {expect(single("Audit findings"), {{"{}", 2}}),
       expect(single("Audit findings by rule"),
              {{R"({rule="hostname-san", severity="deny"})", 1},
               {R"({rule="route-backend", severity="warn"})", 1}}),
       expect(single("Audit findings by namespace"),
              {{R"({object_namespace="kafka-a"})", 1}, {R"({object_namespace="kafka-b"})", 1}}),
       expect(single("Current audit findings"),
              {{R"({rule="hostname-san", severity="deny", )"
                R"(kind="Kafka", object_namespace="kafka-a", name="c1"})",
                1},
               {R"({rule="route-backend", severity="warn", )"
                R"(kind="TLSRoute", object_namespace="kafka-b", )"
                R"(name="r1"})",
                1}}),
       expect(single("Time since the last audit"), {{"{}", 40}}),
       expect(single("Broker certificate expiry"),
              {{R"({object_namespace="kafka-a", secret="cluster-a-tls"})", 10},
               {R"({object_namespace="kafka-b", secret="cluster-b-tls"})", 3.5}})});
  const json file{
      {"rule_files", json::array()},
      {"evaluation_interval", "1m"},
      {"tests",
       {{{"interval", "1m"}, {"input_series", auditSeries()}, {"promql_expr_test", tests}}}}};
  TempDir dir;
  const auto path = dir.write("audit-test.yaml", file.dump());
  const auto result = promtool({"test", "rules", path.string()});
  INFO(result.out << result.err);
  CHECK(result.exitCode == 0);
  CHECK(result.out.find("SUCCESS") != std::string::npos);
}

TEST_CASE("dashboard queries: with no finding the findings panel shows 0, not no data",
          "[chart][dashboard]") {
  const auto queries = panelQueries(dashboardJson(), "Audit findings");
  REQUIRE(queries.size() == 1);
  const json file{
      {"rule_files", json::array()},
      {"evaluation_interval", "1m"},
      {"tests",
       {{{"interval", "1m"},
         {"input_series", {series("sgw_audit_last_run_timestamp_seconds{pod=\"sgw-0\"}", "20x5")}},
         {"promql_expr_test", {expect(queries.front(), {{"{}", 0}})}}}}}};
  TempDir dir;
  const auto path = dir.write("empty-test.yaml", file.dump());
  const auto result = promtool({"test", "rules", path.string()});
  INFO(result.out << result.err);
  CHECK(result.exitCode == 0);
}

} // namespace
} // namespace sgw::test::chart
