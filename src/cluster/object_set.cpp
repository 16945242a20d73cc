#include "sgw/cluster/object_set.h"

namespace sgw::cluster {

ObjectSet parseObjects(std::span<const nlohmann::json> objects,
                       const std::string& defaultNamespace) {
  ObjectSet out;
  ClusterSnapshot::Builder builder;
  out.parsed.reserve(objects.size());
  for (const auto& object : objects) {
    auto parsed = parseObject(object, defaultNamespace);
    if (parsed.has_value() && parsed->errors.empty()) {
      builder.put(parsed->object);
    }
    out.parsed.push_back(std::move(parsed));
  }
  out.snapshot = builder.build();
  return out;
}

} // namespace sgw::cluster
