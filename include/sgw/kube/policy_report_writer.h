#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "sgw/kube/api_client.h"
#include "sgw/observability/metrics.h"

namespace sgw::kube {

inline constexpr const char* kPolicyReportWritesMetric = "sgw_policy_report_writes_total";

// The reports are named as audit::policyReports names them (audit::kPolicyReportName), which is
// also their field manager and their managed-by label, by which an earlier run's are found.
struct PolicyReportWriterOptions {
  // The namespaces the webhook watches (empty: all); reports left over from an earlier run are
  // looked for there only, as the RBAC grants nothing wider.
  std::vector<std::string> namespaces;
  std::chrono::milliseconds requestTimeout{10000};
};

// Keeps the API server's wgpolicyk8s.io/v1alpha2 PolicyReports equal to the latest audit's, one
// per namespace (see audit::policyReports): each report that differs from what was last applied
// is written with a server-side apply (the webhook owns its reports' fields, so it applies with
// force), and a report of this writer in a namespace that no longer has one is deleted. The
// reports of an earlier run are listed once, so one in a namespace emptied meanwhile is deleted
// too. A failed write is tried again at the next publish; the first failure (the PolicyReport CRD
// not installed, RBAC not granted) is logged once, as is the recovery.
//
// Threads: publish() is called by one thread at a time (the auditor's).
class PolicyReportWriter {
public:
  PolicyReportWriter(std::shared_ptr<const ApiClient> client, PolicyReportWriterOptions options,
                     std::shared_ptr<observability::Metrics> metrics);

  void publish(const std::map<std::string, nlohmann::ordered_json>& reports);

  // The namespaces holding a report this writer wrote or found, as far as it knows.
  const std::set<std::string>& namespacesWithReports() const { return written_; }

private:
  bool findEarlierReports(ApiConnection& connection);
  std::string reportPath(const std::string& namespace_) const;
  void count(const char* operation, bool ok);
  void failed(const std::string& what, const ApiResponse& response);

  const std::shared_ptr<const ApiClient> client_;
  const PolicyReportWriterOptions options_;
  const std::shared_ptr<observability::Metrics> metrics_;

  bool listedEarlierReports_ = false;
  std::set<std::string> written_;
  std::map<std::string, std::string> applied_; // namespace -> the body last applied there
  std::string lastError_;
};

void describePolicyReportMetrics(observability::Metrics& metrics);

} // namespace sgw::kube
