#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "sgw/model/kafka_node_pool.h"
#include "support/field_errors.h"

using Json = nlohmann::json;
using sgw::model::NodeId;
using sgw::model::ProcessRoles;
using sgw::test::texts;

TEST_CASE("a KafkaNodePool reads replicas, roles, its cluster and the node ID annotations",
          "[model][node-pool]") {
  sgw::FieldErrorList errors;
  const auto pool = sgw::model::parseKafkaNodePool(Json::parse(R"({
      "apiVersion": "kafka.strimzi.io/v1",
      "metadata": {"name": "broker", "labels": {"strimzi.io/cluster": "my-cluster"},
                   "annotations": {"strimzi.io/next-node-ids": "[10-19]",
                                   "strimzi.io/remove-node-ids": "[12]"}},
      "spec": {"replicas": 3, "roles": ["broker", "controller"]},
      "status": {"nodeIds": [10, 11, 12], "roles": ["broker"]}})"),
                                                   "strimzi", errors);
  CHECK(errors.empty());
  CHECK(pool.apiVersion == "kafka.strimzi.io/v1");
  CHECK(pool.metadata.key() == sgw::model::ObjectKey{"strimzi", "broker"});
  CHECK(pool.replicas == 3);
  CHECK(pool.roles == ProcessRoles{true, true});
  CHECK(pool.clusterName() == "my-cluster");
  CHECK(pool.nextNodeIds() == "[10-19]");
  CHECK(pool.removeNodeIds() == "[12]");
  CHECK(pool.statusNodeIds == std::vector<NodeId>{{10}, {11}, {12}});
  CHECK(pool.statusRoles == ProcessRoles{true, false});
}

TEST_CASE("a KafkaNodePool before its first reconcile has no status", "[model][node-pool]") {
  sgw::FieldErrorList errors;
  const auto pool = sgw::model::parseKafkaNodePool(
      Json::parse(R"({"metadata": {"name": "p"}, "spec": {"roles": ["controller"]}})"), "strimzi",
      errors);
  CHECK(errors.empty());
  CHECK(pool.replicas == 0);
  CHECK(pool.roles == ProcessRoles{false, true});
  CHECK_FALSE(pool.clusterName().has_value());
  CHECK_FALSE(pool.nextNodeIds().has_value());
  CHECK_FALSE(pool.statusNodeIds.has_value());
  CHECK_FALSE(pool.statusRoles.has_value());
}

TEST_CASE("an empty status.nodeIds is kept apart from an absent one", "[model][node-pool]") {
  sgw::FieldErrorList errors;
  const auto pool = sgw::model::parseKafkaNodePool(
      Json::parse(R"({"metadata": {"name": "p"}, "status": {"nodeIds": [], "roles": []}})"),
      "strimzi", errors);
  CHECK(errors.empty());
  CHECK(pool.statusNodeIds == std::vector<NodeId>{});
  CHECK(pool.statusRoles == ProcessRoles{false, false});
}

TEST_CASE("unknown roles and ill-typed node IDs are field errors", "[model][node-pool]") {
  sgw::FieldErrorList errors;
  const auto pool = sgw::model::parseKafkaNodePool(Json::parse(R"({
      "metadata": {"name": "p"},
      "spec": {"replicas": "3", "roles": ["broker", "worker", 1]},
      "status": {"nodeIds": [10, "11", 1.5], "roles": ["voter"]}})"),
                                                   "strimzi", errors);
  CHECK(texts(errors) ==
        std::vector<std::string>{
            "spec.replicas: Invalid value: \"3\": must be an integer",
            "spec.roles[2]: Invalid value: 1: must be a string",
            "spec.roles[1]: Unsupported value: \"worker\": supported values: \"broker\", "
            "\"controller\"",
            "status.nodeIds[1]: Invalid value: \"11\": must be an integer",
            "status.nodeIds[2]: Invalid value: 1.5: must be an integer",
            "status.roles[0]: Unsupported value: \"voter\": supported values: \"broker\", "
            "\"controller\""});
  CHECK(pool.replicas == 0);
  CHECK(pool.roles == ProcessRoles{true, false});
  CHECK(pool.statusNodeIds == std::vector<NodeId>{{10}});
}
