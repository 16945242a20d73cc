#include <catch2/catch.hpp>

#include "sgw/cluster/cluster_view.h"
#include "sgw/derived/review_model.h"
#include "sgw/derived/route_backends.h"
#include "support/seed.h"

using sgw::derived::NamespaceClusters;
using sgw::derived::ReviewModel;
using sgw::derived::RouteBackends;
using sgw::test::Seed;
using Json = nlohmann::json;

namespace {

std::shared_ptr<const sgw::model::TlsRoute> parseRoute(const Json& route) {
  const auto parsed = sgw::cluster::parseObject(sgw::model::Kind::TlsRoute, route, "strimzi");
  REQUIRE(parsed.has_value());
  REQUIRE(parsed->errors.empty());
  return std::get<std::shared_ptr<const sgw::model::TlsRoute>>(parsed->object);
}

} // namespace

TEST_CASE("the seed's cluster has its nodes and the Services Strimzi makes for them",
          "[derived][backends]") {
  const auto snapshot = Seed().snapshot();
  const sgw::cluster::ClusterView view(snapshot);
  const ReviewModel model(view);
  const NamespaceClusters clusters(model, "strimzi");
  REQUIRE(clusters.clusters().size() == 1);
  const auto* cluster = clusters.cluster("gateway-api-test");
  REQUIRE(cluster != nullptr);
  CHECK(cluster->name() == "gateway-api-test");
  CHECK(cluster->serviceNames() ==
        std::vector<std::string>{
            "gateway-api-test-broker-obiwan-10", "gateway-api-test-broker-obiwan-11",
            "gateway-api-test-broker-obiwan-12", "gateway-api-test-kafka-obiwan-bootstrap"});
  const auto* broker = cluster->service("gateway-api-test-broker-obiwan-11");
  REQUIRE(broker != nullptr);
  CHECK(broker->broker == sgw::model::NodeId{11});
  CHECK(broker->pool == "broker");
  CHECK(broker->port == 9092);
  CHECK(cluster->service("gateway-api-test-broker-obiwan-13") == nullptr);
  CHECK(clusters.cluster("other") == nullptr);
  CHECK(NamespaceClusters(model, "elsewhere").clusters().empty());
}

TEST_CASE("a Service is traced to its cluster by name, label or prefix", "[derived][backends]") {
  Seed seed;
  auto second = seed.get("Kafka", "gateway-api-test");
  second["metadata"]["name"] = "gateway-api-test-b";
  seed.put(second);
  const auto snapshot = seed.snapshot();
  const sgw::cluster::ClusterView view(snapshot);
  const ReviewModel model(view);
  const NamespaceClusters clusters(model, "strimzi");
  REQUIRE(clusters.clusters().size() == 2);
  const auto* first = clusters.cluster("gateway-api-test");
  const auto* other = clusters.cluster("gateway-api-test-b");
  // One the operator makes for a listener.
  CHECK(clusters.clusterOfService("gateway-api-test-broker-obiwan-10", nullptr) == first);
  // The longest cluster name the Service name starts with.
  CHECK(clusters.clusterOfService("gateway-api-test-b-broker-obiwan-13", nullptr) == other);
  CHECK(clusters.clusterOfService("gateway-api-test-broker-obiwan-13", nullptr) == first);
  // The strimzi.io/cluster label of an existing Service comes before the name.
  sgw::model::Service labelled;
  labelled.metadata.name = "gateway-api-test-custom";
  labelled.metadata.labels["strimzi.io/cluster"] = "gateway-api-test-b";
  CHECK(clusters.clusterOfService("gateway-api-test-custom", &labelled) == other);
  // Two Kafkas and no hint: no cluster.
  CHECK(clusters.clusterOfService("unrelated", nullptr) == nullptr);
}

TEST_CASE("each backend of a route is traced to the listener and broker behind it",
          "[derived][backends]") {
  Seed seed;
  auto json = seed.get("TLSRoute", "gateway-api-test-broker-11");
  json["spec"]["rules"][0]["backendRefs"].push_back(
      {{"name", "gateway-api-test-kafka-obiwan-bootstrap"}, {"port", 9092}});
  json["spec"]["rules"][0]["backendRefs"].push_back({{"name", "unrelated"}, {"port", 80}});
  const auto snapshot = seed.snapshot();
  const sgw::cluster::ClusterView view(snapshot);
  const auto route = parseRoute(json);
  const ReviewModel model(view);
  const RouteBackends backends(*route, model);

  REQUIRE(backends.targets().size() == 3);
  const auto& broker = backends.targets()[0];
  CHECK(broker.path().toString() == "spec.rules[0].backendRefs[0]");
  REQUIRE(broker.cluster != nullptr);
  CHECK(broker.cluster->name() == "gateway-api-test");
  REQUIRE(broker.service != nullptr);
  CHECK(broker.service->broker == sgw::model::NodeId{11});
  REQUIRE(broker.listener() != nullptr);
  CHECK(broker.listener()->name == "obiwan");
  CHECK(broker.existing != nullptr);

  const auto& bootstrap = backends.targets()[1];
  CHECK(bootstrap.path().toString() == "spec.rules[0].backendRefs[1]");
  REQUIRE(bootstrap.service != nullptr);
  CHECK_FALSE(bootstrap.service->broker.has_value());

  // The namespace's only Kafka is taken as the cluster of any Service, though it makes no
  // Service of that name.
  const auto& unrelated = backends.targets()[2];
  CHECK(unrelated.cluster == broker.cluster);
  CHECK(unrelated.service == nullptr);
  CHECK(unrelated.listener() == nullptr);
}
