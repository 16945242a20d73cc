#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sgw/core/field_error.h"
#include "sgw/core/json_value.h"
#include "sgw/model/node_id.h"
#include "sgw/model/object_meta.h"

namespace sgw::model {

inline constexpr const char* kClusterLabel = "strimzi.io/cluster";
inline constexpr const char* kNextNodeIdsAnnotation = "strimzi.io/next-node-ids";
inline constexpr const char* kRemoveNodeIdsAnnotation = "strimzi.io/remove-node-ids";

struct ProcessRoles {
  bool broker = false;
  bool controller = false;

  bool operator==(const ProcessRoles&) const = default;
};

// A Strimzi `KafkaNodePool` (kafka.strimzi.io/v1beta2, or v1 from Strimzi 0.49).
struct KafkaNodePool {
  std::string apiVersion; // as written
  ObjectMeta metadata;
  std::int64_t replicas = 0;
  ProcessRoles roles;
  // `status.nodeIds` as the operator last wrote it; absent before the first reconcile.
  std::optional<std::vector<NodeId>> statusNodeIds;
  // `status.roles`, the roles the running nodes have.
  std::optional<ProcessRoles> statusRoles;

  // The `strimzi.io/cluster` label: the name of the Kafka this pool belongs to.
  std::optional<std::string> clusterName() const { return metadata.label(kClusterLabel); }
  std::optional<std::string> nextNodeIds() const {
    return metadata.annotation(kNextNodeIdsAnnotation);
  }
  std::optional<std::string> removeNodeIds() const {
    return metadata.annotation(kRemoveNodeIdsAnnotation);
  }
};

KafkaNodePool parseKafkaNodePool(JsonValue object, const std::string& defaultNamespace,
                                 FieldErrorList& errors);

} // namespace sgw::model
