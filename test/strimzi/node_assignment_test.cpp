#include <catch2/catch.hpp>
#include <chrono>
#include <optional>

#include "sgw/cluster/cluster_view.h"
#include "sgw/strimzi/node_assignment.h"
#include "support/seed.h"

using sgw::model::KafkaNodePool;
using sgw::model::NodeId;
using sgw::strimzi::assignNodeIds;

namespace {

struct PoolSpec {
  std::string name;
  std::int64_t replicas = 0;
  std::optional<std::vector<std::int64_t>> status;
  std::optional<std::string> next;
  std::optional<std::string> remove;
  bool broker = true;
  bool controller = false;
};

KafkaNodePool makePool(const PoolSpec& spec) {
  KafkaNodePool pool;
  pool.metadata.name = spec.name;
  pool.metadata.namespace_ = "strimzi";
  pool.metadata.labels[sgw::model::kClusterLabel] = "c";
  if (spec.next.has_value()) {
    pool.metadata.annotations[sgw::model::kNextNodeIdsAnnotation] = *spec.next;
  }
  if (spec.remove.has_value()) {
    pool.metadata.annotations[sgw::model::kRemoveNodeIdsAnnotation] = *spec.remove;
  }
  pool.replicas = spec.replicas;
  pool.roles = {spec.broker, spec.controller};
  if (spec.status.has_value()) {
    std::vector<NodeId> ids;
    for (const auto id : *spec.status) {
      ids.push_back(NodeId{id});
    }
    pool.statusNodeIds = ids;
  }
  return pool;
}

std::string list(const std::vector<NodeId>& ids) {
  return "[" + sgw::model::joinNodeIds(ids) + "]";
}

// "desired [10, 11, 12, 13] added [13] removed []"
std::string describe(const sgw::strimzi::PoolNodes& nodes) {
  return "desired " + list(nodes.desired) + " added " + list(nodes.added) + " removed " +
         list(nodes.removed);
}

std::vector<std::string> assign(const std::vector<PoolSpec>& specs) {
  std::vector<KafkaNodePool> pools;
  for (const auto& spec : specs) {
    pools.push_back(makePool(spec));
  }
  std::vector<const KafkaNodePool*> pointers;
  for (const auto& pool : pools) {
    pointers.push_back(&pool);
  }
  const auto nodes = assignNodeIds(pointers);
  std::vector<std::string> out;
  for (const auto& pool : nodes.pools) {
    out.push_back(pool.pool + ": " + describe(pool));
  }
  return out;
}

} // namespace

TEST_CASE("node IDs are predicted like Strimzi's NodeIdAssignor", "[strimzi][node-assignment]") {
  struct Case {
    std::string name;
    std::vector<PoolSpec> pools;
    std::vector<std::string> expected;
  };
  const auto c = GENERATE(values<Case>({
      {"new pool without annotation counts from 0",
       {{"a", 3}},
       {"a: desired [0, 1, 2] added [0, 1, 2] removed []"}},
      {"new pool takes IDs from next-node-ids",
       {{"broker", 3, std::nullopt, "[10-100]"}},
       {"broker: desired [10, 11, 12] added [10, 11, 12] removed []"}},
      {"the seed's two new pools",
       {{"broker", 3, std::nullopt, "[10-100]"},
        {"controller", 1, std::nullopt, "[0-9]", std::nullopt, false, true}},
       {"broker: desired [10, 11, 12] added [10, 11, 12] removed []",
        "controller: desired [0] added [0] removed []"}},
      {"two new pools without annotations share the sequence, in name order",
       {{"controller", 1, std::nullopt, std::nullopt, std::nullopt, false, true}, {"broker", 3}},
       {"broker: desired [0, 1, 2] added [0, 1, 2] removed []",
        "controller: desired [3] added [3] removed []"}},
      {"settled pool keeps its status",
       {{"broker", 3, std::vector<std::int64_t>{10, 11, 12}, "[10-100]"}},
       {"broker: desired [10, 11, 12] added [] removed []"}},
      {"scale up from the range",
       {{"broker", 4, std::vector<std::int64_t>{10, 11, 12}, "[10-100]"}},
       {"broker: desired [10, 11, 12, 13] added [13] removed []"}},
      {"scale up without annotation fills the lowest gap",
       {{"a", 5, std::vector<std::int64_t>{0, 1, 3, 5}}},
       {"a: desired [0, 1, 2, 3, 5] added [2] removed []"}},
      {"scale up without annotation skips IDs of other pools",
       {{"a", 4, std::vector<std::int64_t>{0, 1, 2}}, {"b", 1, std::vector<std::int64_t>{3}}},
       {"a: desired [0, 1, 2, 4] added [4] removed []", "b: desired [3] added [] removed []"}},
      {"descending range hands out IDs downwards",
       {{"a", 3, std::nullopt, "[20-10]"}},
       {"a: desired [18, 19, 20] added [20, 19, 18] removed []"}},
      {"range items in use are skipped, in written order",
       {{"a", 4, std::nullopt, "[0, 1, 10-15, 200]"},
        {"b", 3, std::vector<std::int64_t>{0, 10, 11}}},
       {"a: desired [1, 12, 13, 14] added [1, 12, 13, 14] removed []",
        "b: desired [0, 10, 11] added [] removed []"}},
      {"exhausted range falls back to the lowest free ID",
       {{"a", 3, std::nullopt, "[5]"}},
       {"a: desired [0, 1, 5] added [5, 0, 1] removed []"}},
      {"scale down without annotation removes the highest",
       {{"broker", 2, std::vector<std::int64_t>{10, 11, 12}}},
       {"broker: desired [10, 11] added [] removed [12]"}},
      {"scale down removes the IDs of remove-node-ids",
       {{"broker", 2, std::vector<std::int64_t>{10, 11, 12}, std::nullopt, "[10]"}},
       {"broker: desired [11, 12] added [] removed [10]"}},
      {"remove-node-ids IDs that are not in the pool are skipped",
       {{"broker", 2, std::vector<std::int64_t>{10, 11, 12}, std::nullopt, "[99, 0, 11]"}},
       {"broker: desired [10, 12] added [] removed [11]"}},
      {"exhausted remove-node-ids falls back to the highest",
       {{"broker", 1, std::vector<std::int64_t>{10, 11, 12}, std::nullopt, "[11]"}},
       {"broker: desired [10] added [] removed [11, 12]"}},
      {"huge descending remove range",
       {{"a", 0, std::vector<std::int64_t>{0, 1, 2}, std::nullopt, "[2147483647-0]"}},
       {"a: desired [] added [] removed [2, 1, 0]"}},
      {"invalid next-node-ids falls back to sequential IDs",
       {{"a", 2, std::nullopt, "[1,]"}},
       {"a: desired [0, 1] added [0, 1] removed []"}},
      {"invalid remove-node-ids falls back to the highest",
       {{"a", 1, std::vector<std::int64_t>{0, 1, 2}, std::nullopt, "0-1"}},
       {"a: desired [0] added [] removed [2, 1]"}},
      {"blank and empty annotations fall back too",
       {{"a", 2, std::nullopt, ""}, {"b", 1, std::nullopt, "[]"}},
       {"a: desired [0, 1] added [0, 1] removed []", "b: desired [2] added [2] removed []"}},
      {"IDs being removed are not reused in the same reconcile",
       {{"a", 2, std::vector<std::int64_t>{0, 1, 2}}, {"b", 1}},
       {"a: desired [0, 1] added [] removed [2]", "b: desired [3] added [3] removed []"}},
      {"status with an empty list counts as an existing pool",
       {{"a", 2, std::vector<std::int64_t>{}}},
       {"a: desired [0, 1] added [0, 1] removed []"}},
      {"negative replicas remove every node",
       {{"a", -3, std::vector<std::int64_t>{4, 5}}},
       {"a: desired [] added [] removed [5, 4]"}},
      {"scale up and down in one pass across pools",
       {{"a", 1, std::vector<std::int64_t>{0, 1}, std::nullopt, "[0]"},
        {"b", 3, std::vector<std::int64_t>{2}, "[0-3]"}},
       {"a: desired [1] added [] removed [0]", "b: desired [2, 3, 4] added [3, 4] removed []"}},
  }));
  CAPTURE(c.name);
  CHECK(assign(c.pools) == c.expected);
}

TEST_CASE("invalid annotations are flagged where they fall back", "[strimzi][node-assignment]") {
  const auto pool = makePool({"a", 3, std::vector<std::int64_t>{0}, "[x]"});
  const auto shrinking = makePool({"b", 0, std::vector<std::int64_t>{1}, std::nullopt, "1"});
  const auto nodes = assignNodeIds({&pool, &shrinking});
  REQUIRE(nodes.pools.size() == 2);
  CHECK(nodes.pools[0].nextNodeIdsInvalid);
  CHECK_FALSE(nodes.pools[0].removeNodeIdsInvalid);
  CHECK(nodes.pools[1].removeNodeIdsInvalid);
}

TEST_CASE("a node ID claimed twice is a conflict", "[strimzi][node-assignment]") {
  const auto a = makePool({"a", 1, std::vector<std::int64_t>{5}});
  const auto b = makePool({"b", 1, std::vector<std::int64_t>{5}});
  CHECK(assignNodeIds({&a, &b}).conflict ==
        std::optional<std::string>("duplicate node ID 5 in the status of node pool b"));
  const auto twice = makePool({"c", 2, std::vector<std::int64_t>{7, 7}});
  CHECK(assignNodeIds({&twice}).conflict ==
        std::optional<std::string>("duplicate node ID 7 in the status of node pool c"));
  // The conflict named is the first repeat in the order the pools (by name) and their statuses
  // are read: 5, 7, then 7 again in pool e, before 5 again.
  const auto d = makePool({"d", 2, std::vector<std::int64_t>{5, 7}});
  const auto e = makePool({"e", 3, std::vector<std::int64_t>{7, 5, 5}});
  CHECK(assignNodeIds({&e, &d}).conflict ==
        std::optional<std::string>("duplicate node ID 7 in the status of node pool e"));
  const auto f = makePool({"f", 3, std::vector<std::int64_t>{9, 9, 9}});
  const auto g = makePool({"g", 1, std::vector<std::int64_t>{8}});
  const auto h = makePool({"h", 2, std::vector<std::int64_t>{8, 9}});
  CHECK(assignNodeIds({&h, &g, &f}).conflict ==
        std::optional<std::string>("duplicate node ID 9 in the status of node pool f"));
}

TEST_CASE("roles decide broker and controller IDs", "[strimzi][node-assignment]") {
  const auto broker = makePool({"broker", 3, std::vector<std::int64_t>{10, 11, 12}});
  const auto controller = makePool(
      {"controller", 1, std::vector<std::int64_t>{0}, std::nullopt, std::nullopt, false, true});
  const auto mixed =
      makePool({"mixed", 1, std::vector<std::int64_t>{20}, std::nullopt, std::nullopt, true, true});
  const auto nodes = assignNodeIds({&broker, &controller, &mixed});
  CHECK(list(nodes.brokerIds()) == "[10, 11, 12, 20]");
  CHECK(list(nodes.controllerIds()) == "[0, 20]");
  CHECK(list(nodes.allIds()) == "[0, 10, 11, 12, 20]");
  CHECK(nodes.isBroker(NodeId{11}));
  CHECK_FALSE(nodes.isBroker(NodeId{0}));
  CHECK_FALSE(nodes.isBroker(NodeId{13}));
  REQUIRE(nodes.poolOf(NodeId{0}) != nullptr);
  CHECK(nodes.poolOf(NodeId{0})->pool == "controller");
  CHECK(nodes.poolOf(NodeId{99}) == nullptr);
}

TEST_CASE("the seed cluster has brokers 10, 11, 12 and controller 0",
          "[strimzi][node-assignment]") {
  const auto snapshot = sgw::test::examplesSnapshot();
  const sgw::cluster::ClusterView view(snapshot);
  const auto* kafka = view.kafka({"strimzi", "gateway-api-test"});
  REQUIRE(kafka != nullptr);
  const auto nodes = sgw::strimzi::clusterNodes(*kafka, view);
  CHECK(nodes.usesNodePools);
  CHECK(list(nodes.brokerIds()) == "[10, 11, 12]");
  CHECK(list(nodes.controllerIds()) == "[0]");
  CHECK(nodes.pools.at(0).settled());
}

TEST_CASE("a v1beta2 Kafka without node pools has brokers 0..replicas-1",
          "[strimzi][node-assignment]") {
  const sgw::cluster::ClusterSnapshot empty;
  const sgw::cluster::ClusterView view(empty);
  sgw::model::Kafka kafka;
  kafka.apiVersion = "kafka.strimzi.io/v1beta2";
  kafka.metadata.name = "legacy";
  kafka.metadata.namespace_ = "strimzi";
  kafka.replicas = 3;
  auto nodes = sgw::strimzi::clusterNodes(kafka, view);
  CHECK_FALSE(nodes.usesNodePools);
  REQUIRE(nodes.pools.size() == 1);
  CHECK(nodes.pools[0].pool == "kafka");
  CHECK(list(nodes.brokerIds()) == "[0, 1, 2]");
  kafka.replicas = -1;
  CHECK(sgw::strimzi::clusterNodes(kafka, view).brokerIds().empty());
  kafka.metadata.annotations["strimzi.io/node-pools"] = "Enabled";
  nodes = sgw::strimzi::clusterNodes(kafka, view);
  CHECK(nodes.usesNodePools);
  CHECK(nodes.pools.empty());
}
