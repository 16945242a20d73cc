#pragma once

#include "sgw/observability/metrics.h"

namespace sgw::observability {

// Metric families of the audit: what is wrong in the cluster now, whether or not anyone applied
// it, and when the broker certificates run out.
inline constexpr const char* kAuditFindingsMetric = "sgw_audit_findings";
inline constexpr const char* kAuditLastRunMetric = "sgw_audit_last_run_timestamp_seconds";
inline constexpr const char* kAuditRunsTotal = "sgw_audit_runs_total";
inline constexpr const char* kAuditDuration = "sgw_audit_duration_seconds";
inline constexpr const char* kCertificateExpiryMetric = "sgw_certificate_expiry_timestamp_seconds";

void describeAuditMetrics(Metrics& metrics);

} // namespace sgw::observability
