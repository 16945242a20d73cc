#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <span>
#include <string>

#include "sgw/audit/audit_ledger.h"
#include "sgw/cluster/cluster_snapshot.h"

namespace sgw::audit {

// The name, policy, source and field manager of every report this webhook writes.
inline constexpr std::string_view kPolicyReportName = "strimzi-gateway-webhook";

// The audit as wgpolicyk8s.io/v1alpha2 PolicyReports, the format policy report viewers read: one
// report per namespace that holds an audited object (Kafka, KafkaNodePool, TLSRoute,
// Certificate), keyed by namespace. Each finding is a result (fail for a denial, warn for a
// warning) on its object, stamped with when it was first seen; each audited object without
// findings gets one pass result for the rule "all", so a report also says what was checked.
// Results follow the audit order (kind, namespace, name, then rule order), so the same audit
// gives the same reports byte for byte and a writer can skip reports that did not change.
// A report whose results would pass `maxReportBytes` (the API server refuses objects above about
// 1.5 MB) keeps its fail and warn results that fit, in that order; its summary still counts all.
inline constexpr std::size_t kMaxPolicyReportResultBytes = 1024 * 1024;
std::map<std::string, nlohmann::ordered_json>
policyReports(const cluster::ClusterSnapshot& snapshot, std::span<const TrackedFinding> findings,
              std::size_t maxReportBytes = kMaxPolicyReportResultBytes);

} // namespace sgw::audit
