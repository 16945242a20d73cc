#include "sgw/observability/audit_metrics.h"

namespace sgw::observability {

void describeAuditMetrics(Metrics& metrics) {
  using Type = Metrics::Type;
  metrics.describe(kAuditFindingsMetric, Type::Gauge,
                   "Findings of the last audit, 1 per finding, by rule, severity (deny, warn), "
                   "kind, namespace and name of the object.");
  metrics.describe(kAuditLastRunMetric, Type::Gauge,
                   "When the last audit of the cluster finished (Unix time).");
  metrics.describe(kAuditRunsTotal, Type::Counter,
                   "Audits of the cluster run, by trigger (change, interval).");
  metrics.describe(kAuditDuration, Type::Histogram, "Time one audit of the cluster takes.",
                   {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5});
  metrics.describe(kCertificateExpiryMetric, Type::Gauge,
                   "When the certificate of a broker certificate Secret a Kafka listener names "
                   "expires (Unix time), by namespace and secret.");
}

} // namespace sgw::observability
