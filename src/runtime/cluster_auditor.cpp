#include "sgw/runtime/cluster_auditor.h"

#include "sgw/audit/audit_report.h"
#include "sgw/observability/audit_metrics.h"
#include "sgw/observability/log.h"

namespace sgw::runtime {

namespace {

std::string_view severityName(rules::Severity severity) {
  return severity == rules::Severity::Deny ? "deny" : "warn";
}

nlohmann::ordered_json logFields(const audit::TrackedFinding& tracked) {
  const auto& finding = tracked.finding;
  return {
      {"rule", finding.finding.ruleId},        {"severity", severityName(finding.finding.severity)},
      {"kind", model::kindName(finding.kind)}, {"object", finding.key.toString()},
      {"finding", finding.finding.text()},     {"firstSeen", audit::rfc3339(tracked.firstSeen)}};
}

double unixSeconds(std::chrono::system_clock::time_point time) {
  return std::chrono::duration<double>(time.time_since_epoch()).count();
}

} // namespace

ClusterAuditor::ClusterAuditor(AuditorOptions options, state::StateSourcePtr state,
                               std::shared_ptr<observability::Metrics> metrics)
    : options_(std::move(options)), state_(std::move(state)), metrics_(std::move(metrics)),
      report_(audit::auditReport({}, std::nullopt).dump()),
      task_(options_.poll, [this] { tick(); }) {
  observability::describeAuditMetrics(*metrics_);
}

ClusterAuditor::~ClusterAuditor() {
  stop();
}

void ClusterAuditor::start() {
  task_.start();
}

void ClusterAuditor::stop() {
  task_.stop();
}

std::string ClusterAuditor::report() const {
  std::lock_guard lock(reportMutex_);
  return report_;
}

void ClusterAuditor::tick() {
  // A watch cache that has not listed everything yet would report objects as missing.
  if (!state_->ready()) {
    return;
  }
  const auto snapshot = state_->snapshot();
  const auto now = std::chrono::steady_clock::now();
  if (snapshot != seen_) {
    seen_ = snapshot;
    seenAt_ = now;
  }
  if (snapshot != audited_ && now - seenAt_ >= options_.debounce) {
    run(snapshot, "change");
  } else if (audited_ != nullptr && now - auditedAt_ >= options_.interval) {
    run(snapshot, "interval");
  }
}

void ClusterAuditor::run(const std::shared_ptr<const cluster::ClusterSnapshot>& snapshot,
                         std::string_view trigger) {
  const auto started = std::chrono::steady_clock::now();
  const auto now = std::chrono::system_clock::now();
  auto findings = audit::auditCluster(*snapshot, now, options_.actions);
  const auto expiries = audit::certificateExpiries(*snapshot);
  const auto changes = ledger_.record(std::move(findings), now);
  audited_ = snapshot;
  auditedAt_ = std::chrono::steady_clock::now();

  std::map<observability::Labels, double> findingValues;
  for (const auto& tracked : ledger_.current()) {
    const auto& finding = tracked.finding;
    findingValues[{{"rule", finding.finding.ruleId},
                   {"severity", std::string(severityName(finding.finding.severity))},
                   {"kind", std::string(model::kindName(finding.kind))},
                   {"namespace", finding.key.namespace_},
                   {"name", finding.key.name}}] += 1;
  }
  std::map<observability::Labels, double> expiryValues;
  for (const auto& expiry : expiries) {
    expiryValues[{{"namespace", expiry.secret.namespace_}, {"secret", expiry.secret.name}}] =
        unixSeconds(expiry.notAfter);
  }
  metrics_->replaceAll(observability::kAuditFindingsMetric, std::move(findingValues));
  metrics_->replaceAll(observability::kCertificateExpiryMetric, std::move(expiryValues));
  // The report after the metrics, the run counter and time last: whoever sees a newer one sees
  // this audit's findings in the others.
  {
    auto body = audit::auditReport(ledger_.current(), now)
                    .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::lock_guard lock(reportMutex_);
    report_ = std::move(body);
  }
  metrics_->set(observability::kAuditLastRunMetric, {},
                unixSeconds(std::chrono::system_clock::now()));
  metrics_->increment(observability::kAuditRunsTotal, {{"trigger", std::string(trigger)}});
  metrics_->observe(observability::kAuditDuration, {},
                    std::chrono::duration<double>(auditedAt_ - started).count());
  for (const auto& tracked : changes.appeared) {
    observability::logEvent(tracked.finding.finding.severity == rules::Severity::Deny
                                ? spdlog::level::warn
                                : spdlog::level::info,
                            "audit finding appeared", logFields(tracked));
  }
  for (const auto& tracked : changes.cleared) {
    observability::logEvent(spdlog::level::info, "audit finding cleared", logFields(tracked));
  }
  if (options_.afterAudit) {
    options_.afterAudit(*snapshot, ledger_.current());
  }
}

} // namespace sgw::runtime
