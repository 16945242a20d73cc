#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "sgw/cluster/cluster_snapshot.h"

using Json = nlohmann::json;
using sgw::model::Kind;
using sgw::model::ObjectKey;
using Keys = std::vector<ObjectKey>;

namespace {

sgw::cluster::AnyObject parsed(const Json& object) {
  auto result = sgw::cluster::parseObject(object, "strimzi");
  REQUIRE(result.has_value());
  REQUIRE(result->errors.empty());
  return result->object;
}

sgw::cluster::AnyObject pool(const std::string& name, const std::string& namespace_,
                             std::optional<std::string> cluster) {
  Json object = {{"apiVersion", "kafka.strimzi.io/v1beta2"},
                 {"kind", "KafkaNodePool"},
                 {"metadata", {{"name", name}, {"namespace", namespace_}}},
                 {"spec", {{"replicas", 1}, {"roles", {"broker"}}}}};
  if (cluster.has_value()) {
    object["metadata"]["labels"] = {{"strimzi.io/cluster", *cluster}};
  }
  return parsed(object);
}

sgw::cluster::AnyObject route(const std::string& name, const Json& hostnames,
                              const Json& backendRefs) {
  return parsed(
      {{"apiVersion", "gateway.networking.k8s.io/v1alpha2"},
       {"kind", "TLSRoute"},
       {"metadata", {{"name", name}, {"namespace", "strimzi"}}},
       {"spec",
        {{"hostnames", hostnames}, {"rules", Json::array({{{"backendRefs", backendRefs}}})}}}});
}

sgw::cluster::AnyObject service(const std::string& name) {
  return parsed({{"apiVersion", "v1"},
                 {"kind", "Service"},
                 {"metadata", {{"name", name}, {"namespace", "strimzi"}}}});
}

} // namespace

TEST_CASE("the snapshot finds the pools of a cluster by label, in the cluster's namespace",
          "[cluster][snapshot]") {
  const auto snapshot = sgw::cluster::ClusterSnapshot::Builder()
                            .put(pool("brokers", "strimzi", "my-cluster"))
                            .put(pool("controllers", "strimzi", "my-cluster"))
                            .put(pool("other", "strimzi", "other-cluster"))
                            .put(pool("elsewhere", "kafka-b", "my-cluster"))
                            .put(pool("unlabelled", "strimzi", std::nullopt))
                            .build();
  CHECK(snapshot.nodePools().size() == 5);
  CHECK(snapshot.nodePoolKeysOf({"strimzi", "my-cluster"}) ==
        Keys{{"strimzi", "brokers"}, {"strimzi", "controllers"}});
  CHECK(snapshot.nodePoolKeysOf({"kafka-b", "my-cluster"}) == Keys{{"kafka-b", "elsewhere"}});
  CHECK(snapshot.nodePoolKeysOf({"strimzi", "unlabelled"}).empty());
}

TEST_CASE("the snapshot finds routes by hostname whatever its case, each route once",
          "[cluster][snapshot]") {
  const auto snapshot =
      sgw::cluster::ClusterSnapshot::Builder()
          .put(route("a", {"Broker-10.Example.COM", "broker-10.example.com"}, Json::array()))
          .put(route("b", {"broker-10.example.com"}, Json::array()))
          .put(route("c", {"broker-11.example.com"}, Json::array()))
          .build();
  CHECK(snapshot.tlsRouteKeysWithHostname("broker-10.example.com") ==
        Keys{{"strimzi", "a"}, {"strimzi", "b"}});
  CHECK(snapshot.tlsRouteKeysWithHostname("BROKER-11.example.com") == Keys{{"strimzi", "c"}});
  CHECK(snapshot.tlsRouteKeysWithHostname("broker-12.example.com").empty());
}

TEST_CASE("the snapshot finds routes by the Services they send to", "[cluster][snapshot]") {
  const auto snapshot =
      sgw::cluster::ClusterSnapshot::Builder()
          // Twice the same Service: the route is listed once.
          .put(route("a", Json::array(),
                     {{{"name", "svc"}, {"port", 9092}}, {{"name", "svc"}, {"port", 9093}}}))
          // The backend's namespace defaults to the route's.
          .put(route("b", Json::array(), {{{"name", "svc"}, {"namespace", "strimzi"}}}))
          .put(route("c", Json::array(), {{{"name", "svc"}, {"namespace", "kafka-b"}}}))
          // Not a Service: not indexed.
          .put(route("d", Json::array(), {{{"name", "svc"}, {"group", "example.com"}}}))
          .put(route("e", Json::array(), {{{"name", "svc"}, {"kind", "Pod"}}}))
          .build();
  CHECK(snapshot.tlsRouteKeysWithBackend({"strimzi", "svc"}) ==
        Keys{{"strimzi", "a"}, {"strimzi", "b"}});
  CHECK(snapshot.tlsRouteKeysWithBackend({"kafka-b", "svc"}) == Keys{{"strimzi", "c"}});
  CHECK(snapshot.tlsRouteKeysWithBackend({"strimzi", "other"}).empty());
}

TEST_CASE("a Certificate without a secretName is not indexed by Secret", "[cluster][snapshot]") {
  const auto snapshot = sgw::cluster::ClusterSnapshot::Builder()
                            .put(parsed({{"apiVersion", "cert-manager.io/v1"},
                                         {"kind", "Certificate"},
                                         {"metadata", {{"name", "cert"}, {"namespace", "strimzi"}}},
                                         {"spec", {{"dnsNames", {"a.example"}}}}}))
                            .build();
  CHECK(snapshot.certificates().size() == 1);
  CHECK(snapshot.certificateKeysForSecret({"strimzi", ""}).empty());
  CHECK(snapshot.certificateKeysForSecret({"strimzi", "cert"}).empty());
}

TEST_CASE("a builder started from a snapshot shares its objects and leaves it unchanged",
          "[cluster][snapshot]") {
  const auto first = sgw::cluster::ClusterSnapshot::Builder()
                         .put(service("kept"))
                         .put(service("removed"))
                         .put(route("r", {"a.example"}, {{{"name", "kept"}}}))
                         .build();
  const auto second = sgw::cluster::ClusterSnapshot::Builder(first)
                          .remove(Kind::Service, {"strimzi", "removed"})
                          .remove(Kind::TlsRoute, {"strimzi", "r"})
                          .put(service("added"))
                          .build();
  CHECK(first.objectCount() == 3);
  CHECK(first.services().count({"strimzi", "removed"}) == 1);
  CHECK(first.tlsRouteKeysWithHostname("a.example") == Keys{{"strimzi", "r"}});

  CHECK(second.objectCount() == 2);
  CHECK(second.services().count({"strimzi", "added"}) == 1);
  // Indexes are rebuilt: the removed route is no longer found.
  CHECK(second.tlsRouteKeysWithHostname("a.example").empty());
  CHECK(second.tlsRouteKeysWithBackend({"strimzi", "kept"}).empty());
  // The unchanged object is the same one, not a copy.
  CHECK(second.services().at({"strimzi", "kept"}) == first.services().at({"strimzi", "kept"}));
  // Removing what is not there changes nothing.
  CHECK(sgw::cluster::ClusterSnapshot::Builder(second)
            .remove(Kind::Kafka, {"strimzi", "none"})
            .build()
            .objectCount() == 2);
}

TEST_CASE("putting an object again replaces the one with the same kind and key",
          "[cluster][snapshot]") {
  const auto snapshot = sgw::cluster::ClusterSnapshot::Builder()
                            .put(route("r", {"old.example"}, Json::array()))
                            .put(route("r", {"new.example"}, Json::array()))
                            // Same key, other kind: a second object.
                            .put(service("r"))
                            .build();
  CHECK(snapshot.objectCount() == 2);
  CHECK(snapshot.tlsRoutes().at({"strimzi", "r"})->hostnames ==
        std::vector<std::string>{"new.example"});
  CHECK(snapshot.tlsRouteKeysWithHostname("old.example").empty());
  CHECK(snapshot.tlsRouteKeysWithHostname("new.example") == Keys{{"strimzi", "r"}});
}

TEST_CASE("an empty snapshot has no objects and finds nothing", "[cluster][snapshot]") {
  const auto snapshot = sgw::cluster::ClusterSnapshot::Builder().build();
  CHECK(snapshot.objectCount() == 0);
  CHECK(snapshot.nodePoolKeysOf({"strimzi", "my-cluster"}).empty());
  CHECK(snapshot.tlsRouteKeysWithHostname("").empty());
}

namespace {

std::shared_ptr<const sgw::model::Secret> secret(const std::string& name, const std::string& crt) {
  auto object = parsed({{"apiVersion", "v1"},
                        {"kind", "Secret"},
                        {"metadata", {{"name", name}, {"namespace", "strimzi"}}},
                        {"data", {{"tls.crt", crt}}}});
  return std::get<std::shared_ptr<const sgw::model::Secret>>(object);
}

} // namespace

TEST_CASE("a snapshot with other Secrets shares everything else", "[cluster][snapshot]") {
  const auto base = sgw::cluster::ClusterSnapshot::Builder()
                        .put(pool("brokers", "strimzi", "my-cluster"))
                        .put(service("my-cluster-kafka-bootstrap"))
                        .put(secret("a", "YQ=="))
                        .build();
  const auto replacement = secret("a", "Yg==");
  const auto added = secret("b", "Yw==");
  const auto changed =
      base.withSecrets(std::vector{replacement, added}, {ObjectKey{"strimzi", "c"}});

  CHECK(&changed.nodePools() == &base.nodePools());
  CHECK(&changed.services() == &base.services());
  CHECK(changed.nodePoolKeysOf({"strimzi", "my-cluster"}) == Keys{{"strimzi", "brokers"}});
  CHECK(changed.secrets().at({"strimzi", "a"}) == replacement);
  CHECK(changed.secrets().at({"strimzi", "b"}) == added);
  CHECK(changed.secretsLoading() == std::set<ObjectKey>{{"strimzi", "c"}});
  CHECK(changed.objectCount() == 4);
  // The snapshot it came from is as it was.
  CHECK(base.secrets().size() == 1);
  CHECK(base.secrets().at({"strimzi", "a"})->data.at("tls.crt") == "a");
  CHECK(base.secretsLoading().empty());
  // What is loading belongs to the snapshot answered for one review, not to the ones built next.
  CHECK(sgw::cluster::ClusterSnapshot::Builder(changed).build().secretsLoading().empty());
  CHECK(sgw::cluster::ClusterSnapshot().secretsLoading().empty());
}
