#include "sgw/audit/policy_reports.h"

#include <chrono>

#include "sgw/audit/audit_report.h"

namespace sgw::audit {

namespace {

// The apiVersion a result names its object by: the version it was read at, or for an object
// built without one, v1, the version today's Strimzi, Gateway API and cert-manager serve.
template <class T> std::string apiVersionOf(model::Kind kind, const T& object) {
  if (!object.apiVersion.empty()) {
    return object.apiVersion;
  }
  return std::string(model::groupOf(kind)) + "/v1";
}

// The findings of each object, in audit order.
using FindingsByObject =
    std::map<std::pair<model::Kind, model::ObjectKey>, std::vector<const TrackedFinding*>>;

nlohmann::ordered_json timestampOf(std::chrono::system_clock::time_point time) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(time);
  const auto nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(time - seconds);
  return {{"seconds", seconds.time_since_epoch().count()}, {"nanos", nanos.count()}};
}

struct Report {
  nlohmann::ordered_json results = nlohmann::ordered_json::array();
  std::map<std::string, int> summary{
      {"pass", 0}, {"fail", 0}, {"warn", 0}, {"error", 0}, {"skip", 0}};
};

class Builder {
public:
  Builder(std::span<const TrackedFinding> findings, std::size_t maxReportBytes)
      : maxReportBytes_(maxReportBytes) {
    for (const auto& tracked : findings) {
      findings_[{tracked.finding.kind, tracked.finding.key}].push_back(&tracked);
    }
  }

  template <class T> void addAll(model::Kind kind, const cluster::ObjectMap<T>& objects) {
    for (const auto& [key, object] : objects) {
      add(kind, key, object->metadata.uid, apiVersionOf(kind, *object));
    }
  }

  std::map<std::string, nlohmann::ordered_json> reports() const {
    std::map<std::string, nlohmann::ordered_json> out;
    for (const auto& [namespace_, report] : reports_) {
      nlohmann::ordered_json json;
      json["apiVersion"] = "wgpolicyk8s.io/v1alpha2";
      json["kind"] = "PolicyReport";
      json["metadata"] = {{"name", kPolicyReportName},
                          {"namespace", namespace_},
                          {"labels", {{"app.kubernetes.io/managed-by", kPolicyReportName}}}};
      json["results"] = fitted(report.results);
      json["summary"] = {{"pass", report.summary.at("pass")},
                         {"fail", report.summary.at("fail")},
                         {"warn", report.summary.at("warn")},
                         {"error", report.summary.at("error")},
                         {"skip", report.summary.at("skip")}};
      out.emplace(namespace_, std::move(json));
    }
    return out;
  }

private:
  void add(model::Kind kind, const model::ObjectKey& key, const std::string& uid,
           const std::string& apiVersion) {
    auto& report = reports_[key.namespace_];
    nlohmann::ordered_json resource = {{"apiVersion", apiVersion},
                                       {"kind", model::kindName(kind)},
                                       {"namespace", key.namespace_},
                                       {"name", key.name}};
    if (!uid.empty()) {
      resource["uid"] = uid;
    }
    const auto found = findings_.find({kind, key});
    if (found == findings_.end()) {
      ++report.summary["pass"];
      report.results.push_back({{"policy", kPolicyReportName},
                                {"rule", "all"},
                                {"result", "pass"},
                                {"source", kPolicyReportName},
                                {"message", "no findings"},
                                {"resources", nlohmann::ordered_json::array({resource})}});
      return;
    }
    for (const auto* trackedFinding : found->second) {
      const auto& tracked = *trackedFinding;
      const auto& finding = tracked.finding;
      const std::string result =
          finding.finding.severity == rules::Severity::Deny ? "fail" : "warn";
      ++report.summary[result];
      report.results.push_back({{"policy", kPolicyReportName},
                                {"rule", finding.finding.ruleId},
                                {"result", result},
                                {"source", kPolicyReportName},
                                {"message", finding.finding.text()},
                                {"properties",
                                 {{"field", finding.finding.error.path.toString()},
                                  {"firstSeen", rfc3339(tracked.firstSeen)}}},
                                {"resources", nlohmann::ordered_json::array({resource})},
                                {"timestamp", timestampOf(tracked.firstSeen)}});
    }
  }

  // The results that fit in maxReportBytes_: all of them when they do; otherwise the pass
  // results go first, then the results at the end. The summary keeps counting every result, so
  // a reader still sees how many failed.
  nlohmann::ordered_json fitted(const nlohmann::ordered_json& results) const {
    std::vector<std::size_t> sizes;
    sizes.reserve(results.size());
    std::size_t bytes = 0;
    for (const auto& result : results) {
      sizes.push_back(result.dump().size() + 1);
      bytes += sizes.back();
    }
    if (bytes <= maxReportBytes_) {
      return results;
    }
    auto kept = nlohmann::ordered_json::array();
    bytes = 0;
    for (std::size_t i = 0; i < results.size(); ++i) {
      if (results[i]["result"] == "pass") {
        continue;
      }
      if (bytes + sizes[i] > maxReportBytes_) {
        break;
      }
      bytes += sizes[i];
      kept.push_back(results[i]);
    }
    return kept;
  }

  const std::size_t maxReportBytes_;
  FindingsByObject findings_;
  std::map<std::string, Report> reports_;
};

} // namespace

std::map<std::string, nlohmann::ordered_json>
policyReports(const cluster::ClusterSnapshot& snapshot, std::span<const TrackedFinding> findings,
              std::size_t maxReportBytes) {
  Builder builder(findings, maxReportBytes);
  builder.addAll(model::Kind::Kafka, snapshot.kafkas());
  builder.addAll(model::Kind::KafkaNodePool, snapshot.nodePools());
  builder.addAll(model::Kind::TlsRoute, snapshot.tlsRoutes());
  builder.addAll(model::Kind::Certificate, snapshot.certificates());
  return builder.reports();
}

} // namespace sgw::audit
