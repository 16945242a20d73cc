#pragma once

#include <string>
#include <vector>

#include "sgw/cluster/cluster_snapshot.h"
#include "sgw/manifest/manifest.h"

namespace sgw::state {

// A snapshot built from manifests, and the objects that were left out with the reason.
struct ManifestSnapshot {
  cluster::ClusterSnapshot snapshot;
  std::vector<std::string> skipped; // "file:line: Kind ns/name: <field errors>"
};

// Objects without a namespace are put in `defaultNamespace`, as `kubectl apply` would. Objects of
// kinds the webhook does not read are ignored; objects with fields of the wrong type are skipped
// and reported, so no rule ever judges a half-read object.
ManifestSnapshot snapshotFromManifests(const std::vector<manifest::Manifest>& manifests,
                                       const std::string& defaultNamespace = "default");

} // namespace sgw::state
