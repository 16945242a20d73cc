#include "sgw/rules/kafka/broker_ids.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <utility>
#include <variant>
#include <vector>

#include "sgw/rules/kafka_fields.h"
#include "sgw/rules/message_lists.h"
#include "sgw/strimzi/node_assignment.h"
#include "sgw/strimzi/node_id_ranges.h"

namespace sgw::rules::kafka {

namespace {

using model::NodeId;

// Strimzi reads node IDs as Java ints and accepts any that is not negative.
inline constexpr std::int64_t kMaxNodeId = std::numeric_limits<std::int32_t>::max();

enum class Verdict { Broker, NotBroker, NeverBroker, FutureBroker };

struct Judged {
  Verdict verdict;
  std::string why; // the start of the detail for NotBroker and NeverBroker
};

// What the broker pools of a cluster could ever assign: the parsed next-node-ids of each broker
// pool, or nothing when some broker pool may take any free ID.
struct BrokerPoolRanges {
  bool anyIdPossible = false;
  std::vector<std::pair<std::string, strimzi::NodeIdRanges>> ranges; // pool name, ranges
  std::vector<std::string> raw;                                      // "pool broker takes [10-100]"
};

BrokerPoolRanges brokerPoolRanges(const model::Kafka& kafka, const cluster::ClusterView& view) {
  BrokerPoolRanges out;
  if (!kafka.usesNodePools()) {
    out.anyIdPossible = true; // the virtual pool grows sequentially
    return out;
  }
  bool anyBrokerPool = false;
  for (const auto* pool : view.nodePoolsOf(kafka.metadata.key())) {
    if (!pool->roles.broker) {
      continue;
    }
    anyBrokerPool = true;
    const auto annotation = pool->nextNodeIds();
    if (!annotation.has_value()) {
      out.anyIdPossible = true;
      continue;
    }
    auto parsed = strimzi::NodeIdRanges::parse(*annotation);
    auto* ranges = std::get_if<strimzi::NodeIdRanges>(&parsed);
    if (ranges == nullptr || ranges->empty()) {
      out.anyIdPossible = true; // Strimzi falls back to the lowest free ID
      continue;
    }
    out.raw.push_back("pool " + pool->metadata.name + " takes " + *annotation);
    out.ranges.emplace_back(pool->metadata.name, std::move(*ranges));
  }
  if (!anyBrokerPool) {
    out.anyIdPossible = true; // a pool may still gain the broker role
  }
  return out;
}

// `possibleRanges()` gives the BrokerPoolRanges; asked only for an ID that no pool holds.
template <class PossibleRanges>
Judged judge(NodeId id, const strimzi::ClusterNodes& nodes, const PossibleRanges& possibleRanges) {
  if (nodes.isBroker(id)) {
    return {Verdict::Broker, {}};
  }
  if (const auto* pool = nodes.poolOf(id)) {
    if (pool->roles.controller) {
      return {Verdict::NotBroker,
              "node " + id.toString() + " is a controller-only node (pool " + pool->pool + ")"};
    }
    return {Verdict::NotBroker,
            "node " + id.toString() + " is in pool " + pool->pool + ", which has no broker role"};
  }
  const BrokerPoolRanges& possible = possibleRanges();
  const bool inSomeRange =
      std::any_of(possible.ranges.begin(), possible.ranges.end(),
                  [&](const auto& entry) { return entry.second.contains(id); });
  if (inSomeRange) {
    return {Verdict::FutureBroker, {}};
  }
  if (id.value < 0 || id.value > kMaxNodeId) {
    return {Verdict::NeverBroker, "node IDs run from 0 to " + std::to_string(kMaxNodeId)};
  }
  if (!possible.anyIdPossible) {
    return {Verdict::NeverBroker,
            "no broker pool can get this ID (" + joinNames(possible.raw) + ")"};
  }
  return {Verdict::FutureBroker, {}};
}

void check(const Subject<model::Kafka>& subject, FindingSink& sink) {
  const auto& kafka = subject.object;
  const auto& name = kafka.metadata.name;
  const auto& nodes = subject.derived.nodesOf(kafka);
  // The derived nodes hold one entry per pool of the cluster.
  const bool poolsPending = kafka.usesNodePools() && nodes.pools.empty();
  // Paths, messages and the facts only they read are worked out only for a finding: most
  // reviews list broker nodes alone, and have none.
  std::optional<std::vector<NodeId>> brokers;
  const auto brokerIds = [&]() -> const std::vector<NodeId>& {
    if (!brokers.has_value()) {
      brokers = nodes.brokerIds();
    }
    return *brokers;
  };
  std::optional<BrokerPoolRanges> possible;
  const auto possibleRanges = [&]() -> const BrokerPoolRanges& {
    if (!possible.has_value()) {
      possible = brokerPoolRanges(kafka, subject.cluster);
    }
    return *possible;
  };
  const auto brokerList = [&] {
    return brokerIds().empty() ? "cluster " + name + " has no broker nodes yet"
                               : "broker nodes of cluster " + name + " are " + joinIds(brokerIds());
  };

  for (std::size_t i = 0; i < kafka.listeners.size(); ++i) {
    const auto& entries = kafka.listeners[i].configuration.brokers;
    const auto brokersPath = [i] { return listenerConfigurationPath(i).child("brokers"); };
    const auto listed = [&] {
      nlohmann::json ids = nlohmann::json::array();
      for (const auto& entry : entries) {
        if (entry.broker.has_value()) {
          ids.push_back(entry.broker->value);
        }
      }
      return ids;
    };
    // Each entry's ID with its position, sorted: an ID's first entry is the first of its run.
    std::vector<std::pair<NodeId, std::size_t>> byId;
    for (std::size_t j = 0; j < entries.size(); ++j) {
      if (entries[j].broker.has_value()) {
        byId.emplace_back(*entries[j].broker, j);
      }
    }
    if (byId.empty()) {
      continue;
    }
    if (poolsPending) {
      sink.warn(
          FieldError::invalid(brokersPath(), listed(),
                              "not checked yet: no KafkaNodePool has strimzi.io/cluster=" + name));
      continue;
    }
    std::sort(byId.begin(), byId.end());

    std::vector<FieldError> denials;
    std::vector<FieldError> warnings;
    bool anyBroker = false;
    for (std::size_t j = 0; j < entries.size(); ++j) {
      if (!entries[j].broker.has_value()) {
        continue;
      }
      const auto id = *entries[j].broker;
      const auto path = [&] { return brokersPath().index(j).child("broker"); };
      const auto first =
          std::lower_bound(byId.begin(), byId.end(), std::pair<NodeId, std::size_t>{id, 0});
      if (first->second != j) {
        sink.deny(FieldError::duplicate(path(), id.value,
                                        "brokers[" + std::to_string(first->second) +
                                            "] already configures it; merge the two entries"));
        continue;
      }
      const auto judged = judge(id, nodes, possibleRanges);
      switch (judged.verdict) {
      case Verdict::Broker:
        anyBroker = true;
        break;
      case Verdict::NotBroker:
      case Verdict::NeverBroker:
        denials.push_back(FieldError::invalid(path(), id.value, judged.why + "; " + brokerList()));
        break;
      case Verdict::FutureBroker:
        warnings.push_back(FieldError::invalid(path(), id.value,
                                               "no broker " + id.toString() +
                                                   " yet (kept for a scale-up?); " + brokerList()));
        break;
      }
    }
    if (!anyBroker && !brokerIds().empty()) {
      // The whole list is off (typically "0, 1, 2" for "10, 11, 12"): one message says it all.
      sink.deny(FieldError::invalid(brokersPath(), listed(),
                                    "none of these is a broker node; " + brokerList()));
      continue;
    }
    for (auto& denial : denials) {
      sink.deny(std::move(denial));
    }
    for (auto& warning : warnings) {
      sink.warn(std::move(warning));
    }
  }
}

} // namespace

const Rule<model::Kafka>& brokerIdsRule() {
  static const Rule<model::Kafka> kRule{
      "broker-ids", "Each listener's brokers[].broker names a broker node of the cluster, once.",
      kCreateOrUpdate, &check};
  return kRule;
}

} // namespace sgw::rules::kafka
