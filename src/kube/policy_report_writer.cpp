#include "sgw/kube/policy_report_writer.h"

#include "sgw/audit/policy_reports.h"
#include "sgw/kube/api_resource.h"
#include "sgw/observability/log.h"

namespace sgw::kube {

namespace {

const std::string kName(audit::kPolicyReportName);

// "/apis/wgpolicyk8s.io/v1alpha2[/namespaces/<ns>]/policyreports".
std::string reportsPath(const std::string& namespace_) {
  std::string path = "/apis/wgpolicyk8s.io/v1alpha2";
  if (!namespace_.empty()) {
    path += "/namespaces/" + percentEncode(namespace_);
  }
  return path + "/policyreports";
}

} // namespace

void describePolicyReportMetrics(observability::Metrics& metrics) {
  metrics.describe(kPolicyReportWritesMetric, observability::Metrics::Type::Counter,
                   "PolicyReport writes to the API server by operation (apply, delete, list) "
                   "and outcome (ok, error)");
}

PolicyReportWriter::PolicyReportWriter(std::shared_ptr<const ApiClient> client,
                                       PolicyReportWriterOptions options,
                                       std::shared_ptr<observability::Metrics> metrics)
    : client_(std::move(client)), options_(std::move(options)), metrics_(std::move(metrics)) {
  describePolicyReportMetrics(*metrics_);
}

std::string PolicyReportWriter::reportPath(const std::string& namespace_) const {
  return reportsPath(namespace_) + "/" + percentEncode(kName);
}

void PolicyReportWriter::count(const char* operation, bool ok) {
  metrics_->increment(kPolicyReportWritesMetric,
                      {{"operation", operation}, {"outcome", ok ? "ok" : "error"}});
}

void PolicyReportWriter::failed(const std::string& what, const ApiResponse& response) {
  const auto error = what + ": " + response.describe();
  // One line per kind of failure, not one per namespace and audit: a missing CRD or RBAC rule
  // would otherwise repeat every audit for every namespace.
  if (error != lastError_) {
    observability::logEvent(spdlog::level::warn, "policy reports not written", {{"error", error}});
    lastError_ = error;
  }
}

bool PolicyReportWriter::findEarlierReports(ApiConnection& connection) {
  std::vector<std::string> scopes = options_.namespaces;
  if (scopes.empty()) {
    scopes.emplace_back(); // cluster-wide
  }
  const auto query = queryString({{"labelSelector", "app.kubernetes.io/managed-by=" + kName}});
  std::set<std::string> found;
  for (const auto& scope : scopes) {
    const auto response = connection.get(reportsPath(scope) + query, options_.requestTimeout);
    count("list", response.ok());
    if (!response.ok()) {
      failed("cannot list the existing policy reports", response);
      return false;
    }
    const auto list = nlohmann::json::parse(response.body, nullptr, false);
    if (!list.is_object() || !list.contains("items") || !list["items"].is_array()) {
      failed("cannot list the existing policy reports",
             ApiResponse{response.status, {}, "the answer is not a list"});
      return false;
    }
    for (const auto& item : list["items"]) {
      const auto metadata = item.value("metadata", nlohmann::json::object());
      if (metadata.value("name", "") == kName) {
        found.insert(metadata.value("namespace", ""));
      }
    }
  }
  written_.insert(found.begin(), found.end());
  return true;
}

void PolicyReportWriter::publish(const std::map<std::string, nlohmann::ordered_json>& reports) {
  auto connection = client_->connect();
  if (!listedEarlierReports_) {
    listedEarlierReports_ = findEarlierReports(*connection);
  }
  bool allWritten = listedEarlierReports_;
  const auto applyQuery = queryString({{"fieldManager", kName}, {"force", "true"}});
  for (const auto& [namespace_, report] : reports) {
    // Messages quote what objects hold, which need not be UTF-8; the API server wants JSON.
    auto body = report.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    const auto last = applied_.find(namespace_);
    if (last != applied_.end() && last->second == body) {
      continue;
    }
    const auto response =
        connection->patch(reportPath(namespace_) + applyQuery, body, "application/apply-patch+yaml",
                          options_.requestTimeout);
    count("apply", response.succeeded());
    if (!response.succeeded()) {
      failed("cannot apply the policy report of namespace " + namespace_, response);
      if (response.status == 0) {
        return; // the API server is unreachable: the next audit tries again, not every report now
      }
      allWritten = false;
      continue;
    }
    applied_[namespace_] = std::move(body);
    written_.insert(namespace_);
  }
  for (auto namespace_ = written_.begin(); namespace_ != written_.end();) {
    if (reports.count(*namespace_) != 0) {
      ++namespace_;
      continue;
    }
    const auto response = connection->remove(reportPath(*namespace_), options_.requestTimeout);
    // Already gone is as good as deleted.
    const bool gone = response.succeeded() || (response.status == 404 && response.error.empty());
    count("delete", gone);
    if (!gone) {
      failed("cannot delete the policy report of namespace " + *namespace_, response);
      if (response.status == 0) {
        return;
      }
      allWritten = false;
      ++namespace_;
      continue;
    }
    applied_.erase(*namespace_);
    namespace_ = written_.erase(namespace_);
  }
  if (allWritten && !lastError_.empty()) {
    observability::logEvent(spdlog::level::info, "policy reports written again",
                            {{"reports", std::to_string(reports.size())}});
    lastError_.clear();
  }
}

} // namespace sgw::kube
