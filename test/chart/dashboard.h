#pragma once

// Helpers of the dashboard tests: the Grafana dashboard the chart ships, and its panels.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "chart/chart_render.h"

namespace sgw::test::chart {

inline const std::filesystem::path kDashboardFile =
    kChartDir / "dashboards" / "strimzi-gateway-webhook.json";

inline nlohmann::json dashboardJson() {
  return nlohmann::json::parse(readFile(kDashboardFile));
}

// Every panel, with those nested in collapsed rows.
inline std::vector<nlohmann::json> allPanels(const nlohmann::json& board) {
  std::vector<nlohmann::json> out;
  for (const auto& panel : board.at("panels")) {
    out.push_back(panel);
    for (const auto& nested : panel.value("panels", nlohmann::json::array())) {
      out.push_back(nested);
    }
  }
  return out;
}

// The queries of the panel titled `title`, in order; fails the test when there is no such panel.
inline std::vector<std::string> panelQueries(const nlohmann::json& board, std::string_view title) {
  for (const auto& panel : allPanels(board)) {
    if (panel.value("title", "") == title) {
      std::vector<std::string> out;
      for (const auto& target : panel.value("targets", nlohmann::json::array())) {
        out.push_back(target.at("expr"));
      }
      return out;
    }
  }
  FAIL("no dashboard panel titled " << title);
  return {};
}

} // namespace sgw::test::chart
