#include <nlohmann/json.hpp>

#include "sgw/explain/renderers.h"
#include "sgw/model/kind.h"

namespace sgw::explain {

namespace {

using Json = nlohmann::ordered_json;

Json keyJson(const model::ObjectKey& key) {
  return {{"namespace", key.namespace_}, {"name", key.name}};
}

std::string coverageName(Coverage coverage) {
  switch (coverage) {
  case Coverage::Covered:
    return "covered";
  case Coverage::NotCovered:
    return "not-covered";
  case Coverage::NotChecked:
    return "not-checked";
  }
  return "not-checked";
}

Json findingJson(const PathFinding& finding) {
  return {{"severity", finding.finding.severity == rules::Severity::Deny ? "deny" : "warn"},
          {"rule", finding.finding.ruleId},
          {"kind", model::kindName(finding.kind)},
          {"namespace", finding.object.namespace_},
          {"name", finding.object.name},
          {"link", linkName(finding.link)},
          {"field", finding.finding.error.path.toString()},
          {"message", finding.finding.error.body()}};
}

template <class T> Json optionalJson(const std::optional<T>& value) {
  return value.has_value() ? Json(*value) : Json(nullptr);
}

Json pathJson(const EntryPath& path) {
  Json out;
  out["entry"] = path.broker.has_value() ? "broker" : "bootstrap";
  out["broker"] = path.broker.has_value() ? Json(path.broker->value) : Json(nullptr);
  out["host"] = optionalJson(path.host);
  out["port"] = optionalJson(path.port);
  out["certificate"] = coverageName(path.certificate);
  out["gatewayListener"] = nullptr;
  if (path.listener.has_value()) {
    const auto& listener = *path.listener;
    out["gatewayListener"] = {
        {"kind", listener.kind},        {"namespace", listener.parent.namespace_},
        {"name", listener.parent.name}, {"listener", listener.listener},
        {"port", listener.port},        {"accepts", listener.accepts}};
  }
  out["tlsRoute"] = nullptr;
  if (path.route.has_value()) {
    out["tlsRoute"] = keyJson(path.route->key);
    out["tlsRoute"]["createdByStrimzi"] = path.route->createdByStrimzi;
  }
  out["service"] = nullptr;
  if (path.service.has_value()) {
    const auto& service = *path.service;
    out["service"] = keyJson(service.key);
    out["service"]["port"] = optionalJson(service.port);
    out["service"]["exists"] = service.exists;
    out["service"]["createdByStrimzi"] = service.createdByStrimzi;
  }
  out["nodes"] = Json::array();
  for (const auto& node : path.nodes) {
    out["nodes"].push_back({{"id", node.id.value}, {"pool", node.pool}});
  }
  out["verdict"] = path.ok ? "ok" : "broken";
  out["findings"] = Json::array();
  for (const auto& finding : path.findings) {
    out["findings"].push_back(findingJson(finding));
  }
  return out;
}

} // namespace

std::string renderJson(const Explanation& explanation) {
  Json out;
  out["kafka"] = keyJson(explanation.kafka);
  out["listener"] = {{"name", explanation.listener},
                     {"type", explanation.listenerType},
                     {"port", explanation.listenerPort}};
  out["ok"] = explanation.ok();
  out["paths"] = Json::array();
  for (const auto& path : explanation.paths) {
    out["paths"].push_back(pathJson(path));
  }
  out["clusterFindings"] = Json::array();
  for (const auto& finding : explanation.clusterFindings) {
    out["clusterFindings"].push_back(findingJson(finding));
  }
  return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

} // namespace sgw::explain
