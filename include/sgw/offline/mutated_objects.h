#pragma once

#include <chrono>
#include <cstddef>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "sgw/cluster/object_set.h"
#include "sgw/rules/finding.h"

namespace sgw::offline {

// What the mutating webhook does to one Kafka of a set of manifests.
struct KafkaMutation {
  std::size_t object = 0; // input position
  // The `add` operations, as the server would send them: empty when nothing is missing and when
  // the mutation denies the Kafka.
  nlohmann::json patch = nlohmann::json::array();
  rules::FindingList findings;
};

// A set of manifests after the mutating webhook has seen it.
struct MutatedObjects {
  std::vector<nlohmann::json> objects;  // the input, with each Kafka's patch applied
  cluster::ObjectSet set;               // `objects`, parsed, and their snapshot
  std::vector<KafkaMutation> mutations; // one per well-formed Kafka, in input order
};

// The API server calls mutating webhooks before validating ones, so a manifest is validated as
// the mutating webhook leaves it. Each Kafka is mutated exactly as /mutate would do it on CREATE,
// against the cluster made of the manifests as written; a Kafka the mutation denies stays as
// written. `now` is the time the certificates are judged at.
MutatedObjects mutateObjects(std::span<const nlohmann::json> objects,
                             const std::string& defaultNamespace,
                             std::chrono::system_clock::time_point now);

} // namespace sgw::offline
