#include "sgw/state/manifest_snapshot.h"

namespace sgw::state {

ManifestSnapshot snapshotFromManifests(const std::vector<manifest::Manifest>& manifests,
                                       const std::string& defaultNamespace) {
  cluster::ClusterSnapshot::Builder builder;
  ManifestSnapshot out;
  for (const auto& manifest : manifests) {
    auto parsed = cluster::parseObject(manifest.object, defaultNamespace);
    if (!parsed.has_value()) {
      continue;
    }
    const auto& meta = cluster::metadataOf(parsed->object);
    if (!parsed->errors.empty()) {
      const auto& first = parsed->errors.front();
      out.skipped.push_back(manifest.file + ":" +
                            std::to_string(manifest.lineOf(first.path.jsonPointer())) + ": " +
                            std::string(model::kindName(cluster::kindOf(parsed->object))) + " " +
                            meta.key().toString() + ": " + aggregate(parsed->errors));
      continue;
    }
    builder.put(std::move(parsed->object));
  }
  out.snapshot = builder.build();
  return out;
}

} // namespace sgw::state
