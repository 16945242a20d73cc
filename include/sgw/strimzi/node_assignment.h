#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sgw/cluster/cluster_view.h"
#include "sgw/model/kafka.h"
#include "sgw/model/kafka_node_pool.h"

namespace sgw::strimzi {

// The pool name Strimzi gives the nodes of a cluster without KafkaNodePools.
inline constexpr const char* kVirtualPoolName = "kafka";

// The most nodes a pool is predicted to have. `replicas` is any int32 the API server accepts;
// predicting two billion node IDs would stall every review, and no real pool comes near this.
inline constexpr std::int64_t kMaxPredictedReplicas = 10000;

// The node IDs of one pool after the operator's next reconcile.
struct PoolNodes {
  std::string pool;
  model::ProcessRoles roles;          // spec.roles: what the nodes will be
  std::vector<model::NodeId> current; // status.nodeIds, sorted (empty before the first reconcile)
  std::vector<model::NodeId> desired; // sorted
  std::vector<model::NodeId> added;   // in the order they are assigned
  std::vector<model::NodeId> removed; // in the order they are removed
  // The annotation values that could not be parsed (Strimzi falls back to sequential IDs).
  bool nextNodeIdsInvalid = false;
  bool removeNodeIdsInvalid = false;

  // True when `desired` comes from status.nodeIds as is, not from a prediction.
  bool settled() const { return added.empty() && removed.empty() && !current.empty(); }
};

// The nodes of one Kafka cluster: every pool's node IDs, as Strimzi assigns them.
struct ClusterNodes {
  bool usesNodePools = true;
  std::vector<PoolNodes> pools; // by pool name, the order the operator lists them in
  // Set when the pools' status claims one ID twice; Strimzi refuses to reconcile then.
  std::optional<std::string> conflict;

  std::vector<model::NodeId> brokerIds() const;     // sorted
  std::vector<model::NodeId> controllerIds() const; // sorted
  std::vector<model::NodeId> allIds() const;        // sorted
  // The pool a node belongs to after the reconcile, or null.
  const PoolNodes* poolOf(model::NodeId id) const;
  const PoolNodes* pool(const std::string& name) const;
  bool isBroker(model::NodeId id) const;
};

// Strimzi's NodeIdAssignor: the IDs in use are every pool's status.nodeIds; each pool in turn
// keeps its current IDs when `replicas` matches them, scales down by removing the IDs named in
// `strimzi.io/remove-node-ids` (that it holds) and then its highest IDs, and scales up by taking
// the first unused IDs of `strimzi.io/next-node-ids` and then the lowest unused IDs. IDs being
// removed stay in use until the next reconcile. `pools` must all belong to one cluster.
ClusterNodes assignNodeIds(std::vector<const model::KafkaNodePool*> pools);

// The nodes of a Kafka: assigned from its KafkaNodePools when it uses node pools, otherwise
// 0..replicas-1 in the virtual pool "kafka" (brokers).
ClusterNodes clusterNodes(const model::Kafka& kafka, const cluster::ClusterView& view);

} // namespace sgw::strimzi
