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

// Runs promtool's unit test of `tests` (promql_expr_test entries) on `inputSeries`, scraped every
// minute.
ProcessResult promtoolTest(const json& inputSeries, const json& tests) {
  const json file{
      {"rule_files", json::array()},
      {"evaluation_interval", "1m"},
      {"tests",
       {{{"interval", "1m"}, {"input_series", inputSeries}, {"promql_expr_test", tests}}}}};
  TempDir dir;
  const auto path = dir.write("dashboard-test.yaml", file.dump());
  return promtool({"test", "rules", path.string()});
}

json expect(const std::string& expr, std::vector<std::pair<std::string, double>> samples,
            const std::string& evalTime = "1m") {
  json out = json::array();
  for (const auto& [labels, value] : samples) {
    out.push_back({{"labels", labels}, {"value", value}});
  }
  return {{"expr", withVariables(expr)}, {"eval_time", evalTime}, {"exp_samples", out}};
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
  const auto result = promtoolTest(auditSeries(), tests);
  INFO(result.out << result.err);
  CHECK(result.exitCode == 0);
  CHECK(result.out.find("SUCCESS") != std::string::npos);
}

TEST_CASE("dashboard queries: with no finding the findings panel shows 0, not no data",
          "[chart][dashboard]") {
  const auto queries = panelQueries(dashboardJson(), "Audit findings");
  REQUIRE(queries.size() == 1);
  const auto result = promtoolTest(
      json::array({series(R"(sgw_audit_last_run_timestamp_seconds{pod="sgw-0"})", "20x5")}),
      json::array({expect(queries.front(), {{"{}", 0}})}));
  INFO(result.out << result.err);
  CHECK(result.exitCode == 0);
}

// One series of a webhook Pod: `selector` without its closing brace, then the target labels.
json podSeries(const std::string& selector, const std::string& pod, const std::string& values) {
  const std::string namespace_ = pod == "sgw-other" ? "other" : "sgw-system";
  return series(selector + R"(,namespace=")" + namespace_ + R"(",pod=")" + pod + "\"}", values);
}

// Two replicas in sgw-system, and one of another release, in another namespace, whose Pod name
// the $pod selection matches too.
json reviewSeries() {
  json out = json::array();
  for (const std::string pod : {"sgw-0", "sgw-1", "sgw-other"}) {
    // 60 reviews a minute of each: one a second.
    out.push_back(podSeries(R"(sgw_admission_reviews_total{endpoint="validate",kind="Kafka",)"
                            R"(operation="UPDATE",result="denied")",
                            pod, "0+60x10"));
    out.push_back(podSeries(R"(sgw_admission_reviews_total{endpoint="mutate",kind="Kafka",)"
                            R"(operation="CREATE",result="patched")",
                            pod, "0+60x10"));
    out.push_back(podSeries(R"(sgw_admission_reviews_total{endpoint="validate",kind="TLSRoute",)"
                            R"(operation="CREATE",result="allowed")",
                            pod, "0+60x10"));
    out.push_back(
        podSeries(R"(sgw_rule_findings_total{rule="broker-ids",severity="deny")", pod, "0+60x10"));
    // Every review takes between 0.5 s and 1 s.
    for (const auto& [le, values] : {std::pair{"0.25", "0x10"}, std::pair{"0.5", "0x10"},
                                     std::pair{"1", "0+60x10"}, std::pair{"+Inf", "0+60x10"}}) {
      out.push_back(podSeries(std::string(R"(sgw_admission_review_duration_seconds_bucket{)") +
                                  R"(endpoint="validate",le=")" + le + "\"",
                              pod, values));
    }
    out.push_back(podSeries(R"(sgw_http_rejected_requests_total{code="413")", pod, "0+60x10"));
    out.push_back(podSeries(R"(sgw_rule_action{rule="broker-ids",action="deny")", pod, "1x10"));
    out.push_back(podSeries(R"(sgw_kube_synced{resource="kafkas")", pod, "1x10"));
  }
  // During a rollout: hostname-san warns on sgw-0 and denies on sgw-1.
  out.push_back(podSeries(R"(sgw_rule_action{rule="hostname-san",action="warn")", "sgw-0", "1x10"));
  out.push_back(podSeries(R"(sgw_rule_action{rule="hostname-san",action="deny")", "sgw-0", "0x10"));
  out.push_back(podSeries(R"(sgw_rule_action{rule="hostname-san",action="deny")", "sgw-1", "1x10"));
  // tlsroutes synced on sgw-0 only.
  out.push_back(podSeries(R"(sgw_kube_synced{resource="tlsroutes")", "sgw-0", "1x10"));
  out.push_back(podSeries(R"(sgw_kube_synced{resource="tlsroutes")", "sgw-1", "0x10"));
  return out;
}

TEST_CASE("dashboard queries: reviews, latency, rejections, rule actions and sync state",
          "[chart][dashboard]") {
  const auto board = dashboardJson();
  const auto single = [&](std::string_view title) {
    const auto queries = panelQueries(board, title);
    REQUIRE(queries.size() == 1);
    return queries.front();
  };
  const auto latency = panelQueries(board, "Review latency");
  REQUIRE(latency.size() == 3);
  const json tests = json::array(
      {expect(single("Reviews per second by result"),
              {{R"({result="allowed"})", 2},
               {R"({result="denied"})", 2},
               {R"({result="patched"})", 2}},
              "10m"),
       expect(single("Reviews per second by kind"),
              {{R"({kind="Kafka"})", 4}, {R"({kind="TLSRoute"})", 2}}, "10m"),
       expect(single("Denials and warnings per second by rule"),
              {{R"({rule="broker-ids", severity="deny"})", 2}}, "10m"),
       // The median of reviews all between 0.5 s and 1 s: halfway through that bucket.
       expect(latency[0], {{"{}", 0.75}}, "10m"),
       expect(single("HTTP requests rejected per second"), {{R"({code="413"})", 2}}, "10m"),
       expect(single("Rule actions in force"),
              {{R"({rule="broker-ids", action="deny"})", 2},
               {R"({rule="hostname-san", action="deny"})", 1},
               {R"({rule="hostname-san", action="warn"})", 1}},
              "10m"),
       expect(single("Resources synced"),
              {{R"({resource="kafkas"})", 1}, {R"({resource="tlsroutes"})", 0}}, "10m")});
  const auto result = promtoolTest(reviewSeries(), tests);
  INFO(result.out << result.err);
  CHECK(result.exitCode == 0);
  CHECK(result.out.find("SUCCESS") != std::string::npos);
}

} // namespace
} // namespace sgw::test::chart
