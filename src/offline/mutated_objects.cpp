#include "sgw/offline/mutated_objects.h"

#include "sgw/cluster/cluster_view.h"
#include "sgw/mutation/mutation.h"

namespace sgw::offline {

MutatedObjects mutateObjects(std::span<const nlohmann::json> objects,
                             const std::string& defaultNamespace,
                             std::chrono::system_clock::time_point now) {
  MutatedObjects out;
  out.objects.assign(objects.begin(), objects.end());
  auto written = cluster::parseObjects(objects, defaultNamespace);
  bool changed = false;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    const auto& parsed = written.parsed[i];
    if (!parsed.has_value() || !parsed->errors.empty() ||
        cluster::kindOf(parsed->object) != model::Kind::Kafka) {
      continue;
    }
    const auto& kafka = *std::get<std::shared_ptr<const model::Kafka>>(parsed->object);
    const auto view = cluster::ClusterView::withObject(written.snapshot, parsed->object);
    auto result = mutation::mutateKafka({objects[i], kafka, view, now});
    if (!result.patch.empty()) {
      out.objects[i] = objects[i].patch(result.patch);
      changed = true;
    }
    out.mutations.push_back({i, std::move(result.patch), std::move(result.findings)});
  }
  out.set = changed ? cluster::parseObjects(out.objects, defaultNamespace) : std::move(written);
  return out;
}

} // namespace sgw::offline
