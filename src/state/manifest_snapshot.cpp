#include "sgw/state/manifest_snapshot.h"

#include "sgw/cluster/object_set.h"

namespace sgw::state {

ManifestSnapshot snapshotFromManifests(const std::vector<manifest::Manifest>& manifests,
                                       const std::string& defaultNamespace) {
  auto set = cluster::parseObjects(manifest::objectsOf(manifests), defaultNamespace);
  ManifestSnapshot out;
  for (std::size_t i = 0; i < manifests.size(); ++i) {
    const auto& parsed = set.parsed[i];
    if (!parsed.has_value() || parsed->errors.empty()) {
      continue;
    }
    const auto& first = parsed->errors.front();
    out.skipped.push_back(
        manifests[i].file + ":" + std::to_string(manifests[i].lineOf(first.path.jsonPointer())) +
        ": " + std::string(model::kindName(cluster::kindOf(parsed->object))) + " " +
        cluster::metadataOf(parsed->object).key().toString() + ": " + aggregate(parsed->errors));
  }
  out.snapshot = std::move(set.snapshot);
  return out;
}

} // namespace sgw::state
