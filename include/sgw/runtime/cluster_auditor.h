#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>

#include "sgw/audit/audit_ledger.h"
#include "sgw/observability/metrics.h"
#include "sgw/policy/rule_actions.h"
#include "sgw/runtime/periodic_task.h"
#include "sgw/state/state_source.h"

namespace sgw::runtime {

struct AuditorOptions {
  // An audit runs at least this often, changed cluster or not (certificates expire on their own).
  std::chrono::milliseconds interval{60000};
  // After the cluster changes, the audit waits until it has stayed unchanged this long, so a
  // burst of watch events (an operator reconciling, `kubectl apply -f` of a folder) costs one
  // audit.
  std::chrono::milliseconds debounce{1000};
  // How often the state source's snapshot is looked at.
  std::chrono::milliseconds poll{200};
  policy::RuleActions actions;
  // Called on the auditor's thread after each audit with the audited snapshot and the findings
  // current since (as GET /audit shows them), e.g. to publish them elsewhere. It must not throw.
  std::function<void(const cluster::ClusterSnapshot&, std::span<const audit::TrackedFinding>)>
      afterAudit;
};

// Re-judges the whole cluster in the background (audit::auditCluster) whenever the state source
// publishes a new snapshot, debounced, and at least every interval; keeps the findings for
// GET /audit, exports them as metrics (sgw_audit_findings and the certificate expiries) and logs
// one line per finding that appears or clears.
//
// Threads: audits run on the auditor's own thread over the same immutable snapshots the reviews
// use, so they never block or slow a review. report() may be called from any thread.
class ClusterAuditor {
public:
  ClusterAuditor(AuditorOptions options, state::StateSourcePtr state,
                 std::shared_ptr<observability::Metrics> metrics);
  ~ClusterAuditor();

  ClusterAuditor(const ClusterAuditor&) = delete;
  ClusterAuditor& operator=(const ClusterAuditor&) = delete;

  void start();
  void stop();

  // The body of GET /audit (see audit::auditReport).
  std::string report() const;

private:
  void tick();
  void run(const std::shared_ptr<const cluster::ClusterSnapshot>& snapshot,
           std::string_view trigger);

  const AuditorOptions options_;
  const state::StateSourcePtr state_;
  const std::shared_ptr<observability::Metrics> metrics_;

  // Touched by the task's thread only.
  std::shared_ptr<const cluster::ClusterSnapshot> seen_;
  std::chrono::steady_clock::time_point seenAt_;
  std::shared_ptr<const cluster::ClusterSnapshot> audited_;
  std::chrono::steady_clock::time_point auditedAt_;
  audit::AuditLedger ledger_;

  mutable std::mutex reportMutex_;
  std::string report_;

  PeriodicTask task_; // last: stopped before the members its ticks use are destroyed
};

} // namespace sgw::runtime
