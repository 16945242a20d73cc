#include <catch2/catch.hpp>

#include "sgw/cluster/cluster_view.h"
#include "sgw/derived/review_model.h"
#include "support/seed.h"

using sgw::derived::ReviewModel;
using sgw::test::Seed;

TEST_CASE("a review model derives a Kafka's nodes once, as the node assignment does",
          "[derived][review-model]") {
  Seed seed;
  auto second = seed.get("Kafka", "gateway-api-test");
  second["metadata"]["name"] = "other";
  seed.put(second);
  const auto snapshot = seed.snapshot();
  const sgw::cluster::ClusterView view(snapshot);
  const ReviewModel model(view);
  CHECK(&model.view() == &view);
  const auto* kafka = view.kafka({"strimzi", "gateway-api-test"});
  const auto* other = view.kafka({"strimzi", "other"});
  REQUIRE(kafka != nullptr);
  REQUIRE(other != nullptr);

  const auto& nodes = model.nodesOf(*kafka);
  CHECK(nodes.brokerIds() == sgw::strimzi::clusterNodes(*kafka, view).brokerIds());
  CHECK(nodes.brokerIds() == std::vector<sgw::model::NodeId>{{10}, {11}, {12}});
  CHECK(nodes.controllerIds() == std::vector<sgw::model::NodeId>{{0}});
  // The second rule asking gets the same fact, not a new computation.
  CHECK(&model.nodesOf(*kafka) == &nodes);
  // Another cluster has facts of its own: no pool names it.
  const auto& otherNodes = model.nodesOf(*other);
  CHECK(&otherNodes != &nodes);
  CHECK(otherNodes.brokerIds().empty());
}

TEST_CASE("a review model traces a route's backends once", "[derived][review-model]") {
  const auto snapshot = Seed().snapshot();
  const sgw::cluster::ClusterView view(snapshot);
  const ReviewModel model(view);
  const auto* route = view.tlsRoute({"strimzi", "gateway-api-test-broker-10"});
  const auto* bootstrap = view.tlsRoute({"strimzi", "gateway-api-test-bootstrap"});
  REQUIRE(route != nullptr);
  REQUIRE(bootstrap != nullptr);

  const auto& backends = model.backendsOf(*route);
  REQUIRE(backends.targets().size() == 1);
  const auto& target = backends.targets().front();
  CHECK(target.ref->name == "gateway-api-test-broker-obiwan-10");
  REQUIRE(target.service != nullptr);
  CHECK(target.service->broker == sgw::model::NodeId{10});
  CHECK(&model.backendsOf(*route) == &backends);
  const auto& other = model.backendsOf(*bootstrap);
  CHECK(&other != &backends);
  REQUIRE(other.targets().size() == 1);
  CHECK(other.targets().front().ref->name == "gateway-api-test-kafka-obiwan-bootstrap");
}

TEST_CASE("a review model builds a namespace's clusters once, on the nodes it derived",
          "[derived][review-model]") {
  const auto snapshot = Seed().snapshot();
  const sgw::cluster::ClusterView view(snapshot);
  const ReviewModel model(view);
  const auto* kafka = view.kafka({"strimzi", "gateway-api-test"});
  REQUIRE(kafka != nullptr);

  const auto& clusters = model.clustersIn("strimzi");
  REQUIRE(clusters.clusters().size() == 1);
  const auto& cluster = clusters.clusters().front();
  CHECK(cluster.kafka == kafka);
  // The cluster's nodes are the model's, not a second node assignment.
  CHECK(cluster.nodes == &model.nodesOf(*kafka));
  CHECK(&model.clustersIn("strimzi") == &clusters);
  CHECK(model.clustersIn("elsewhere").clusters().empty());

  // A route's backends point into the same clusters.
  const auto* route = view.tlsRoute({"strimzi", "gateway-api-test-broker-10"});
  REQUIRE(route != nullptr);
  const auto& backends = model.backendsOf(*route);
  REQUIRE(backends.targets().size() == 1);
  CHECK(backends.targets().front().cluster == &cluster);
}
