#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sgw/cluster/any_object.h"
#include "sgw/cluster/cluster_snapshot.h"

namespace sgw::cluster {

// A set of objects as written (the manifests of a folder, of a CI check), each parsed once, and
// the snapshot they make.
struct ObjectSet {
  // By input position: the parsed object with its type errors, or empty for kinds the webhook
  // does not read.
  std::vector<std::optional<ParsedObject>> parsed;
  // Every object that parsed without errors. An object with fields of the wrong type is left out,
  // so no rule ever judges a half-read object; its errors stay in `parsed`.
  ClusterSnapshot snapshot;
};

// Objects without a namespace are put in `defaultNamespace`, as `kubectl apply` would.
ObjectSet parseObjects(std::span<const nlohmann::json> objects,
                       const std::string& defaultNamespace);

} // namespace sgw::cluster
