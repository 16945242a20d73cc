#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "sgw/cluster/cluster_snapshot.h"
#include "sgw/model/kind.h"
#include "sgw/model/object_meta.h"
#include "sgw/policy/rule_actions.h"
#include "sgw/rules/finding.h"

namespace sgw::audit {

// One finding about one object of the cluster.
struct AuditFinding {
  model::Kind kind = model::Kind::Kafka;
  model::ObjectKey key;
  rules::Finding finding;
};

// Judges every Kafka, KafkaNodePool, TLSRoute and cert-manager Certificate the snapshot holds
// against the snapshot itself,
// as an UPDATE that changes nothing: what the webhook would say if each were applied again now.
// It sees what no review sees: a pool scaled by the operator, a Secret rotated, a Gateway edited
// or a Service deleted under an object nobody applied since. The rule actions apply (off rules
// stay silent, warn rules report warnings). Sorted by kind, namespace and name, then in rule
// order.
std::vector<AuditFinding> auditCluster(const cluster::ClusterSnapshot& snapshot,
                                       std::chrono::system_clock::time_point now,
                                       const policy::RuleActions& actions);

// When the certificate of one broker certificate Secret a Kafka listener names runs out.
struct CertificateExpiry {
  model::ObjectKey secret;
  std::chrono::system_clock::time_point notAfter;
};

// Every distinct Secret named by a listener's brokerCertChainAndKey whose certificate the snapshot
// holds and can read, sorted by Secret.
std::vector<CertificateExpiry> certificateExpiries(const cluster::ClusterSnapshot& snapshot);

} // namespace sgw::audit
