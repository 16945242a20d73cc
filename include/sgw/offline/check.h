#pragma once

#include <chrono>
#include <cstddef>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "sgw/cluster/cluster_snapshot.h"
#include "sgw/model/kind.h"
#include "sgw/model/object_meta.h"
#include "sgw/offline/mutated_objects.h"
#include "sgw/policy/rule_actions.h"
#include "sgw/rules/finding.h"

namespace sgw::offline {

// One finding about one object of a checked set, with what a report needs to name the object.
struct ObjectFinding {
  std::size_t object = 0; // input position
  model::Kind kind = model::Kind::Kafka;
  model::ObjectKey key;
  rules::Finding finding;
};

// The verdicts on a set of manifests.
struct CheckResult {
  MutatedObjects mutated;
  // In input order; for each object the mutation's findings first, then the rules', each text
  // once.
  std::vector<ObjectFinding> findings;
  std::size_t judged = 0;        // Kafkas, KafkaNodePools and TLSRoutes judged
  std::size_t deniedObjects = 0; // of those, the ones with at least one denial

  bool denied() const { return deniedObjects > 0; }
};

// Judges every Kafka, KafkaNodePool, TLSRoute and cert-manager Certificate of `objects` as if it
// were applied (CREATE) into the cluster made of all the objects, after the mutating webhook, with
// the server's rules and policies (rules::validate). A Kafka the mutation denies is not validated:
// the API server stops at the first webhook that denies. Objects of other kinds whose fields have
// the wrong type are left out of the cluster and reported as warnings: the webhook never judges
// them, but every rule that looks them up will miss them. The rule actions apply as in the server.
CheckResult checkObjects(std::span<const nlohmann::json> objects,
                         const std::string& defaultNamespace,
                         std::chrono::system_clock::time_point now,
                         const policy::RuleActions& actions = {});

// Judges objects that are not in `snapshot` yet (TLSRoutes the `routes` command made) as if they
// were all created into it together. ObjectFinding::object is the position in `added`.
std::vector<ObjectFinding> judgeAdded(const cluster::ClusterSnapshot& snapshot,
                                      std::span<const nlohmann::json> added,
                                      const std::string& defaultNamespace,
                                      std::chrono::system_clock::time_point now);

} // namespace sgw::offline
