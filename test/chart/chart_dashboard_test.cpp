// The Grafana dashboard: a ConfigMap the Grafana sidecar picks up, only when asked for, carrying
// the dashboard file unchanged; and a dashboard Grafana accepts and that follows its data source
// variable.

#include <algorithm>
#include <catch2/catch.hpp>
#include <set>

#include "chart/chart_render.h"
#include "chart/dashboard.h"

namespace sgw::test::chart {
namespace {

using nlohmann::json;

constexpr std::string_view kDataKey = "strimzi-gateway-webhook.json";

TEST_CASE("chart: no dashboard ConfigMap by default", "[chart][dashboard]") {
  CHECK(objectsOfKind(chartObjects(), "ConfigMap").empty());
  CHECK(
      objectsOfKind(chartObjects("grafanaDashboard: {enabled: false, folder: Kafka}"), "ConfigMap")
          .empty());
}

TEST_CASE("chart: the dashboard ConfigMap carries the sidecar's label and the dashboard file",
          "[chart][dashboard]") {
  const auto configMap = objectOf(chartObjects("grafanaDashboard: {enabled: true}"), "ConfigMap",
                                  fullname("-dashboard"));
  const auto& metadata = configMap["metadata"];
  CHECK(metadata["namespace"] == kNamespace);
  CHECK(metadata["labels"]["grafana_dashboard"] == "1");
  CHECK(metadata["labels"]["app.kubernetes.io/instance"] == kRelease);
  // No folder asked for: no annotation, so the sidecar's own default folder applies.
  CHECK_FALSE(metadata.contains("annotations"));

  REQUIRE(configMap["data"].size() == 1);
  REQUIRE(configMap["data"][std::string(kDataKey)].is_string());
  const std::string data = configMap["data"][std::string(kDataKey)];
  // The file as it is, but for the final newline a `|-` block drops.
  auto file = readFile(kDashboardFile);
  REQUIRE(file.back() == '\n');
  file.pop_back();
  CHECK(data == file);
  const auto parsed = json::parse(data, nullptr, false);
  REQUIRE_FALSE(parsed.is_discarded());
  CHECK(parsed == dashboardJson());
}

TEST_CASE("chart: the dashboard ConfigMap's label, namespace and folder follow the values",
          "[chart][dashboard]") {
  const auto configMap = objectOf(chartObjects(R"(grafanaDashboard:
  enabled: true
  namespace: monitoring
  label: grafana.example.com/dashboard
  labelValue: "true"
  folder: Kafka platform
  folderAnnotation: grafana.example.com/folder
  labels: {release: kube-prometheus-stack}
  annotations: {team: streaming}
)"),
                                  "ConfigMap", fullname("-dashboard"));
  const auto& metadata = configMap["metadata"];
  CHECK(metadata["namespace"] == "monitoring");
  CHECK(metadata["labels"]["grafana.example.com/dashboard"] == "true");
  CHECK_FALSE(metadata["labels"].contains("grafana_dashboard"));
  CHECK(metadata["labels"]["release"] == "kube-prometheus-stack");
  CHECK(metadata["annotations"] ==
        json{{"grafana.example.com/folder", "Kafka platform"}, {"team", "streaming"}});
}

TEST_CASE("chart: the default folder annotation is the sidecar's grafana_folder",
          "[chart][dashboard]") {
  const auto configMap = objectOf(chartObjects("grafanaDashboard: {enabled: true, folder: Kafka}"),
                                  "ConfigMap", fullname("-dashboard"));
  CHECK(configMap["metadata"]["annotations"] == json{{"grafana_folder", "Kafka"}});
}

TEST_CASE("chart: the schema refuses a dashboard label Kubernetes would refuse",
          "[chart][dashboard]") {
  const auto bad = GENERATE(as<std::string>{}, "grafanaDashboard: {label: 'two words'}",
                            "grafanaDashboard: {labelValue: 'not/a/value'}",
                            "grafanaDashboard: {enabled: yes-please}",
                            "grafanaDashboard: {folder: Kafka, unknown: 1}");
  INFO(bad);
  const auto result = renderChart(bad);
  CHECK(result.exitCode != 0);
  CHECK(result.err.find("grafanaDashboard") != std::string::npos);
}

bool usesDatasourceVariable(const json& datasource) {
  // Either the reference object of current Grafana or the bare name of older dashboards.
  return datasource.is_object() ? datasource.value("uid", "") == "${datasource}"
                                : datasource == "${datasource}";
}

TEST_CASE("chart: the dashboard has a uid, a title, a schema version and unique panel ids",
          "[chart][dashboard]") {
  const auto board = dashboardJson();
  CHECK(board.value("uid", "") == "strimzi-gateway-webhook");
  CHECK(board.value("title", "") == "Strimzi Gateway Webhook");
  REQUIRE(board.contains("schemaVersion"));
  CHECK(board["schemaVersion"].is_number_integer());
  CHECK(board["schemaVersion"].get<int>() >= 36); // datasource references by uid

  const auto panels = allPanels(board);
  REQUIRE(panels.size() > 15);
  std::set<int> ids;
  for (const auto& panel : panels) {
    INFO(panel.value("title", ""));
    REQUIRE(panel.contains("id"));
    CHECK(ids.insert(panel["id"].get<int>()).second);
    CHECK_FALSE(panel.value("title", "").empty());
  }
}

TEST_CASE("chart: every dashboard panel and query reads the data source variable",
          "[chart][dashboard]") {
  const auto board = dashboardJson();
  const auto& variables = board.at("templating").at("list");
  const auto datasource = std::find_if(variables.begin(), variables.end(),
                                       [](const json& v) { return v["name"] == "datasource"; });
  REQUIRE(datasource != variables.end());
  CHECK((*datasource)["type"] == "datasource");
  CHECK((*datasource)["query"] == "prometheus");

  std::size_t queries = 0;
  for (const auto& panel : allPanels(board)) {
    INFO(panel.value("title", ""));
    REQUIRE(panel.contains("datasource"));
    CHECK(usesDatasourceVariable(panel["datasource"]));
    for (const auto& target : panel.value("targets", json::array())) {
      ++queries;
      CHECK(usesDatasourceVariable(target.value("datasource", panel["datasource"])));
    }
  }
  CHECK(queries > 15);
  for (const auto& variable : variables) {
    INFO(variable.value("name", ""));
    if (variable["type"] == "query") {
      CHECK(usesDatasourceVariable(variable.at("datasource")));
    }
  }
}

} // namespace
} // namespace sgw::test::chart
