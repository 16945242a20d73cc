#include "sgw/strimzi/node_assignment.h"

#include <algorithm>
#include <set>

#include "sgw/strimzi/node_id_ranges.h"

namespace sgw::strimzi {

using model::NodeId;

namespace {

std::optional<NodeIdRanges> annotationRanges(const std::optional<std::string>& value,
                                             bool& invalid) {
  if (!value.has_value()) {
    return std::nullopt;
  }
  auto parsed = NodeIdRanges::parse(*value);
  if (auto* ranges = std::get_if<NodeIdRanges>(&parsed)) {
    return std::move(*ranges);
  }
  invalid = true;
  return std::nullopt;
}

NodeId lowestUnused(const std::set<NodeId>& used) {
  NodeId candidate{0};
  for (const auto& id : used) {
    if (id.value < candidate.value) {
      continue;
    }
    if (id != candidate) {
      break;
    }
    ++candidate.value;
  }
  return candidate;
}

std::vector<NodeId> sorted(const std::set<NodeId>& ids) {
  return {ids.begin(), ids.end()};
}

} // namespace

ClusterNodes assignNodeIds(std::vector<const model::KafkaNodePool*> pools) {
  std::sort(pools.begin(), pools.end(),
            [](const auto* a, const auto* b) { return a->metadata.name < b->metadata.name; });
  ClusterNodes out;
  std::set<NodeId> used;
  for (const auto* pool : pools) {
    for (const auto& id : pool->statusNodeIds.value_or(std::vector<NodeId>{})) {
      if (!used.insert(id).second && !out.conflict.has_value()) {
        out.conflict = "duplicate node ID " + id.toString() + " in the status of node pool " +
                       pool->metadata.name;
      }
    }
  }
  for (const auto* pool : pools) {
    PoolNodes nodes;
    nodes.pool = pool->metadata.name;
    nodes.roles = pool->roles;
    const auto statusIds = pool->statusNodeIds.value_or(std::vector<NodeId>{});
    const std::set<NodeId> current(statusIds.begin(), statusIds.end());
    std::set<NodeId> desired = current;
    const auto replicas = static_cast<std::size_t>(
        std::clamp<std::int64_t>(pool->replicas, 0, kMaxPredictedReplicas));
    if (replicas < current.size()) {
      const auto ranges = annotationRanges(pool->removeNodeIds(), nodes.removeNodeIdsInvalid);
      std::optional<NodeIdRanges::Cursor> cursor;
      if (ranges.has_value()) {
        cursor.emplace(*ranges);
      }
      while (desired.size() > replicas) {
        std::optional<NodeId> victim;
        if (cursor.has_value()) {
          victim = cursor->nextIn(desired);
          if (!victim.has_value()) {
            cursor.reset();
          }
        }
        if (!victim.has_value()) {
          victim = *desired.rbegin();
        }
        desired.erase(*victim);
        nodes.removed.push_back(*victim);
      }
    } else if (replicas > current.size()) {
      const auto ranges = annotationRanges(pool->nextNodeIds(), nodes.nextNodeIdsInvalid);
      std::optional<NodeIdRanges::Cursor> cursor;
      if (ranges.has_value()) {
        cursor.emplace(*ranges);
      }
      while (desired.size() < replicas) {
        std::optional<NodeId> fresh;
        while (cursor.has_value() && !fresh.has_value()) {
          const auto candidate = cursor->next();
          if (!candidate.has_value()) {
            cursor.reset();
          } else if (used.count(*candidate) == 0) {
            fresh = candidate;
          }
        }
        if (!fresh.has_value()) {
          fresh = lowestUnused(used);
        }
        used.insert(*fresh);
        desired.insert(*fresh);
        nodes.added.push_back(*fresh);
      }
    }
    nodes.current = sorted(current);
    nodes.desired = sorted(desired);
    out.pools.push_back(std::move(nodes));
  }
  return out;
}

ClusterNodes clusterNodes(const model::Kafka& kafka, const cluster::ClusterView& view) {
  if (kafka.usesNodePools()) {
    return assignNodeIds(view.nodePoolsOf(kafka.metadata.key()));
  }
  ClusterNodes out;
  out.usesNodePools = false;
  PoolNodes nodes;
  nodes.pool = kVirtualPoolName;
  nodes.roles.broker = true;
  const auto replicas =
      std::clamp<std::int64_t>(kafka.replicas.value_or(0), 0, kMaxPredictedReplicas);
  for (std::int64_t id = 0; id < replicas; ++id) {
    nodes.current.push_back(NodeId{id});
  }
  nodes.desired = nodes.current;
  out.pools.push_back(std::move(nodes));
  return out;
}

std::vector<NodeId> ClusterNodes::brokerIds() const {
  std::set<NodeId> ids;
  for (const auto& pool : pools) {
    if (pool.roles.broker) {
      ids.insert(pool.desired.begin(), pool.desired.end());
    }
  }
  return sorted(ids);
}

std::vector<NodeId> ClusterNodes::controllerIds() const {
  std::set<NodeId> ids;
  for (const auto& pool : pools) {
    if (pool.roles.controller) {
      ids.insert(pool.desired.begin(), pool.desired.end());
    }
  }
  return sorted(ids);
}

std::vector<NodeId> ClusterNodes::allIds() const {
  std::set<NodeId> ids;
  for (const auto& pool : pools) {
    ids.insert(pool.desired.begin(), pool.desired.end());
  }
  return sorted(ids);
}

const PoolNodes* ClusterNodes::poolOf(NodeId id) const {
  for (const auto& pool : pools) {
    if (std::binary_search(pool.desired.begin(), pool.desired.end(), id)) {
      return &pool;
    }
  }
  return nullptr;
}

const PoolNodes* ClusterNodes::pool(const std::string& name) const {
  for (const auto& candidate : pools) {
    if (candidate.pool == name) {
      return &candidate;
    }
  }
  return nullptr;
}

bool ClusterNodes::isBroker(NodeId id) const {
  const auto* owner = poolOf(id);
  return owner != nullptr && owner->roles.broker;
}

} // namespace sgw::strimzi
