#pragma once

#include <chrono>
#include <nlohmann/json.hpp>

#include "sgw/cluster/cluster_view.h"
#include "sgw/core/json_value.h"
#include "sgw/model/kafka.h"
#include "sgw/rules/finding.h"

namespace sgw::mutation {

// What the mutating webhook wants to change: an RFC 6902 patch of `add` operations only (empty
// when nothing is missing) and the findings to report. A denial finding rejects the review.
struct MutationResult {
  nlohmann::json patch = nlohmann::json::array();
  rules::FindingList findings;
};

// The input of a mutation: the object exactly as sent (patch paths refer to it), its parsed
// model and the cluster as it would be with the object in it.
struct KafkaMutationInput {
  JsonValue raw;
  const model::Kafka& kafka;
  const cluster::ClusterView& cluster;
  std::chrono::system_clock::time_point now;
};

// Fills in the missing `advertisedHost` entries of a Kafka's listeners.
MutationResult mutateKafka(const KafkaMutationInput& input);

} // namespace sgw::mutation
