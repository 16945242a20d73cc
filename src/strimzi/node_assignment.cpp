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

// The lowest ID not in `used` (sorted, unique).
NodeId lowestUnused(const std::vector<NodeId>& used) {
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

bool contains(const std::vector<NodeId>& sortedIds, NodeId id) {
  return std::binary_search(sortedIds.begin(), sortedIds.end(), id);
}

void insertSorted(std::vector<NodeId>& sortedIds, NodeId id) {
  sortedIds.insert(std::upper_bound(sortedIds.begin(), sortedIds.end(), id), id);
}

std::vector<NodeId> sortedUnique(std::vector<NodeId> ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

const std::vector<NodeId>& statusIdsOf(const model::KafkaNodePool& pool) {
  static const std::vector<NodeId> kNone;
  return pool.statusNodeIds.has_value() ? *pool.statusNodeIds : kNone;
}

// Every ID the pools' statuses list, sorted and once each. The first ID that is listed again,
// in the order of the pools and of their statuses, is a conflict: `pools` is sorted by name.
std::vector<NodeId> usedIds(const std::vector<const model::KafkaNodePool*>& pools,
                            std::optional<std::string>& conflict) {
  struct Listed {
    NodeId id;
    std::size_t order;
    std::size_t pool;
  };
  std::size_t count = 0;
  for (const auto* pool : pools) {
    count += statusIdsOf(*pool).size();
  }
  std::vector<Listed> listed;
  listed.reserve(count);
  for (std::size_t p = 0; p < pools.size(); ++p) {
    for (const auto& id : statusIdsOf(*pools[p])) {
      listed.push_back({id, listed.size(), p});
    }
  }
  std::sort(listed.begin(), listed.end(), [](const Listed& a, const Listed& b) {
    return a.id != b.id ? a.id < b.id : a.order < b.order;
  });
  std::vector<NodeId> used;
  used.reserve(listed.size());
  const Listed* firstRepeat = nullptr;
  for (std::size_t i = 0; i < listed.size(); ++i) {
    const bool startsGroup = i == 0 || listed[i].id != listed[i - 1].id;
    if (startsGroup) {
      used.push_back(listed[i].id);
      continue;
    }
    // A group keeps the listing order, so its second entry is where the ID was first repeated.
    const bool second = i == 1 || listed[i - 2].id != listed[i].id;
    if (second && (firstRepeat == nullptr || listed[i].order < firstRepeat->order)) {
      firstRepeat = &listed[i];
    }
  }
  if (firstRepeat != nullptr) {
    conflict = "duplicate node ID " + firstRepeat->id.toString() + " in the status of node pool " +
               pools[firstRepeat->pool]->metadata.name;
  }
  return used;
}

} // namespace

ClusterNodes assignNodeIds(std::vector<const model::KafkaNodePool*> pools) {
  std::sort(pools.begin(), pools.end(),
            [](const auto* a, const auto* b) { return a->metadata.name < b->metadata.name; });
  ClusterNodes out;
  auto used = usedIds(pools, out.conflict);
  for (const auto* pool : pools) {
    PoolNodes nodes;
    nodes.pool = pool->metadata.name;
    nodes.roles = pool->roles;
    nodes.current = sortedUnique(statusIdsOf(*pool));
    nodes.desired = nodes.current;
    const auto replicas = static_cast<std::size_t>(
        std::clamp<std::int64_t>(pool->replicas, 0, kMaxPredictedReplicas));
    if (replicas < nodes.current.size()) {
      const auto ranges = annotationRanges(pool->removeNodeIds(), nodes.removeNodeIdsInvalid);
      std::optional<NodeIdRanges::Cursor> cursor;
      if (ranges.has_value()) {
        cursor.emplace(*ranges);
      }
      std::set<NodeId> desired(nodes.current.begin(), nodes.current.end());
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
      nodes.desired.assign(desired.begin(), desired.end());
    } else if (replicas > nodes.current.size()) {
      const auto ranges = annotationRanges(pool->nextNodeIds(), nodes.nextNodeIdsInvalid);
      std::optional<NodeIdRanges::Cursor> cursor;
      if (ranges.has_value()) {
        cursor.emplace(*ranges);
      }
      while (nodes.desired.size() < replicas) {
        std::optional<NodeId> fresh;
        while (cursor.has_value() && !fresh.has_value()) {
          const auto candidate = cursor->next();
          if (!candidate.has_value()) {
            cursor.reset();
          } else if (!contains(used, *candidate)) {
            fresh = candidate;
          }
        }
        if (!fresh.has_value()) {
          fresh = lowestUnused(used);
        }
        insertSorted(used, *fresh);
        insertSorted(nodes.desired, *fresh);
        nodes.added.push_back(*fresh);
      }
    }
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

namespace {

template <class Wanted>
std::vector<NodeId> desiredIdsOf(const std::vector<PoolNodes>& pools, Wanted wanted) {
  std::vector<NodeId> ids;
  for (const auto& pool : pools) {
    if (wanted(pool)) {
      ids.insert(ids.end(), pool.desired.begin(), pool.desired.end());
    }
  }
  return sortedUnique(std::move(ids));
}

} // namespace

std::vector<NodeId> ClusterNodes::brokerIds() const {
  return desiredIdsOf(pools, [](const PoolNodes& pool) { return pool.roles.broker; });
}

std::vector<NodeId> ClusterNodes::controllerIds() const {
  return desiredIdsOf(pools, [](const PoolNodes& pool) { return pool.roles.controller; });
}

std::vector<NodeId> ClusterNodes::allIds() const {
  return desiredIdsOf(pools, [](const PoolNodes&) { return true; });
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
