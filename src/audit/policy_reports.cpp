#include "sgw/audit/policy_reports.h"

#include <chrono>

#include "sgw/audit/audit_report.h"

namespace sgw::audit {

namespace {

// The apiVersion a result names its object by. Kafka and TLSRoute keep the version they were
// read at; the models of the other kinds do not, so they name the version their API serves.
template <class T> std::string apiVersionOf(model::Kind kind, const T& object) {
  if constexpr (requires { object.apiVersion; }) {
    if (!object.apiVersion.empty()) {
      return object.apiVersion;
    }
  }
  const auto group = std::string(model::groupOf(kind));
  return group + (kind == model::Kind::Certificate ? "/v1" : "/v1beta2");
}

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
  explicit Builder(std::span<const TrackedFinding> findings) : findings_(findings) {}

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
      json["results"] = report.results;
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
    bool found = false;
    for (const auto& tracked : findings_) {
      const auto& finding = tracked.finding;
      if (finding.kind != kind || finding.key != key) {
        continue;
      }
      found = true;
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
    if (!found) {
      ++report.summary["pass"];
      report.results.push_back({{"policy", kPolicyReportName},
                                {"rule", "all"},
                                {"result", "pass"},
                                {"source", kPolicyReportName},
                                {"message", "no findings"},
                                {"resources", nlohmann::ordered_json::array({resource})}});
    }
  }

  std::span<const TrackedFinding> findings_;
  std::map<std::string, Report> reports_;
};

} // namespace

std::map<std::string, nlohmann::ordered_json>
policyReports(const cluster::ClusterSnapshot& snapshot, std::span<const TrackedFinding> findings) {
  Builder builder(findings);
  builder.addAll(model::Kind::Kafka, snapshot.kafkas());
  builder.addAll(model::Kind::KafkaNodePool, snapshot.nodePools());
  builder.addAll(model::Kind::TlsRoute, snapshot.tlsRoutes());
  builder.addAll(model::Kind::Certificate, snapshot.certificates());
  return builder.reports();
}

} // namespace sgw::audit
