#include "sgw/rules/node_pool/pool_annotations.h"

#include <variant>

#include "sgw/rules/message_lists.h"
#include "sgw/strimzi/node_assignment.h"
#include "sgw/strimzi/node_id_ranges.h"

namespace sgw::rules::node_pool {

namespace {

using model::NodeId;

struct Annotation {
  const char* name;
  bool scaleUp; // next-node-ids picks IDs for new nodes; remove-node-ids for removed ones
};

constexpr Annotation kAnnotations[] = {{model::kNextNodeIdsAnnotation, true},
                                       {model::kRemoveNodeIdsAnnotation, false}};

// The IDs Strimzi will pick outside the annotation's ranges, because the ranges ran out.
std::vector<NodeId> pickedOutside(const strimzi::NodeIdRanges& ranges,
                                  const std::vector<NodeId>& picked) {
  std::vector<NodeId> out;
  for (const auto& id : picked) {
    if (!ranges.contains(id)) {
      out.push_back(id);
    }
  }
  return out;
}

const strimzi::PoolNodes* predictedNodes(const Subject<model::KafkaNodePool>& subject,
                                         strimzi::ClusterNodes& storage) {
  const auto& pool = subject.object;
  const auto cluster = pool.clusterName();
  if (!cluster.has_value()) {
    storage = strimzi::assignNodeIds({&pool});
  } else {
    storage =
        strimzi::assignNodeIds(subject.cluster.nodePoolsOf({pool.metadata.namespace_, *cluster}));
  }
  return storage.pool(pool.metadata.name);
}

void check(const Subject<model::KafkaNodePool>& subject, FindingSink& sink) {
  const auto& pool = subject.object;
  std::optional<strimzi::ClusterNodes> nodes;
  const strimzi::PoolNodes* predicted = nullptr;
  for (const auto& annotation : kAnnotations) {
    const auto value = pool.metadata.annotation(annotation.name);
    if (!value.has_value()) {
      continue;
    }
    const auto path = FieldPath::root("metadata").child("annotations").key(annotation.name);
    auto parsed = strimzi::NodeIdRanges::parse(*value);
    if (const auto* reason = std::get_if<std::string>(&parsed)) {
      sink.deny(FieldError::invalid(
          path, *value,
          *reason + "; Strimzi would ignore it and " +
              (annotation.scaleUp ? "assign IDs sequentially" : "remove the highest IDs first")));
      continue;
    }
    const auto& ranges = std::get<strimzi::NodeIdRanges>(parsed);
    if (ranges.empty()) {
      sink.warn(FieldError::invalid(path, *value,
                                    "names no node IDs; Strimzi acts as if it were not set"));
      continue;
    }
    if (!nodes.has_value()) {
      nodes.emplace();
      predicted = predictedNodes(subject, *nodes);
    }
    if (predicted == nullptr) {
      continue;
    }
    const auto outside =
        pickedOutside(ranges, annotation.scaleUp ? predicted->added : predicted->removed);
    if (outside.empty()) {
      continue;
    }
    sink.warn(FieldError::invalid(path, *value,
                                  annotation.scaleUp
                                      ? "runs out of unused IDs; Strimzi will assign " +
                                            joinIds(outside) + " instead"
                                      : "names no further node of this pool; Strimzi will remove " +
                                            joinIds(outside) + " instead"));
  }
}

} // namespace

const Rule<model::KafkaNodePool>& poolAnnotationsRule() {
  static const Rule<model::KafkaNodePool> kRule{
      "pool-annotations",
      "strimzi.io/next-node-ids and strimzi.io/remove-node-ids hold ID ranges Strimzi can use.",
      kCreateOrUpdate, &check};
  return kRule;
}

} // namespace sgw::rules::node_pool
