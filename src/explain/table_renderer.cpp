#include <algorithm>
#include <array>
#include <vector>

#include "sgw/explain/renderers.h"
#include "sgw/model/kind.h"
#include "sgw/rules/message_lists.h"

namespace sgw::explain {

namespace {

constexpr std::array<const char*, 9> kHeadings{
    "ENTRY",        "HOST:PORT", "CERT", "GATEWAY LISTENER", "TLSROUTE",
    "SERVICE:PORT", "NODE",      "POOL", "VERDICT"};

std::string coverage(Coverage coverage) {
  switch (coverage) {
  case Coverage::Covered:
    return "yes";
  case Coverage::NotCovered:
    return "NO";
  case Coverage::NotChecked:
    return "-";
  }
  return "-";
}

std::string verdict(const EntryPath& path) {
  if (path.ok) {
    const auto warnings = path.warnings().size();
    return warnings == 0
               ? "ok"
               : "ok (" + std::to_string(warnings) + (warnings == 1 ? " warning)" : " warnings)");
  }
  FieldErrorList errors;
  for (const auto* finding : path.verdictFindings()) {
    errors.push_back(finding->finding.error);
  }
  return aggregate(errors);
}

std::vector<std::string> row(const EntryPath& path, const std::string& namespace_) {
  std::string host = path.host.value_or("-");
  if (path.host.has_value() && path.port.has_value()) {
    host += ":" + std::to_string(*path.port);
  }
  std::string listener = "-";
  if (path.listener.has_value()) {
    listener = path.listener->kind + " " + shortName(path.listener->parent, namespace_) + "/" +
               path.listener->listener + (path.listener->accepts ? "" : " (refuses)");
  }
  std::string route = "-";
  if (path.route.has_value()) {
    route = shortName(path.route->key, namespace_) +
            (path.route->createdByStrimzi ? " (by Strimzi)" : "");
  }
  std::string service = "-";
  if (path.service.has_value()) {
    service = shortName(path.service->key, namespace_) +
              (path.service->port.has_value() ? ":" + std::to_string(*path.service->port) : "") +
              (path.service->exists || path.service->createdByStrimzi ? "" : " (missing)");
  }
  std::vector<std::string> ids;
  std::vector<std::string> pools;
  for (const auto& node : path.nodes) {
    ids.push_back(node.id.toString());
    if (std::find(pools.begin(), pools.end(), node.pool) == pools.end()) {
      pools.push_back(node.pool);
    }
  }
  return {path.entryName(),
          host,
          coverage(path.certificate),
          listener,
          route,
          service,
          ids.empty() ? "-" : rules::joinNames(ids),
          pools.empty() ? "-" : rules::joinNames(pools),
          verdict(path)};
}

std::string describe(const PathFinding& finding) {
  return std::string(model::kindName(finding.kind)) + " " + finding.object.toString() + ": " +
         finding.finding.error.toString();
}

} // namespace

std::string shortName(const model::ObjectKey& key, const std::string& kafkaNamespace) {
  return key.namespace_ == kafkaNamespace ? key.name : key.toString();
}

std::string renderTable(const Explanation& explanation) {
  const auto& namespace_ = explanation.kafka.namespace_;
  std::vector<std::vector<std::string>> rows;
  rows.emplace_back(kHeadings.begin(), kHeadings.end());
  for (const auto& path : explanation.paths) {
    rows.push_back(row(path, namespace_));
  }
  std::vector<std::size_t> widths(kHeadings.size(), 0);
  for (const auto& cells : rows) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      widths[i] = std::max(widths[i], cells[i].size());
    }
  }
  std::string out = "Kafka " + explanation.kafka.toString() + ", listener " + explanation.listener +
                    " (" + explanation.listenerType + ", port " +
                    std::to_string(explanation.listenerPort) + ")\n";
  for (const auto& cells : rows) {
    std::string line;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      line += cells[i];
      if (i + 1 < cells.size()) {
        line += std::string(widths[i] - cells[i].size() + 2, ' ');
      }
    }
    out += line + "\n";
  }
  for (const auto& path : explanation.paths) {
    if (!path.ok) {
      continue;
    }
    for (const auto* finding : path.warnings()) {
      out += "warning: " + path.entryName() + ": " + describe(*finding) + "\n";
    }
  }
  // Not tied to one path: shown so nothing the webhook would say is hidden, as `check` marks
  // warnings.
  for (const auto& finding : explanation.clusterFindings) {
    out += std::string(finding.finding.severity == rules::Severity::Deny ? "cluster: "
                                                                         : "cluster: warning: ") +
           describe(finding) + "\n";
  }
  return out;
}

} // namespace sgw::explain
