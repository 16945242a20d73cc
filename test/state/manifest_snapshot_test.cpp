#include <catch2/catch.hpp>

#include "sgw/manifest/manifest.h"
#include "sgw/state/manifest_snapshot.h"

namespace {

sgw::manifest::LoadResult loaded(const std::string& text, const std::string& file) {
  auto result = sgw::manifest::loadText(text, file);
  REQUIRE(result.errors.empty());
  return result;
}

} // namespace

TEST_CASE("objects with fields of the wrong type are skipped and reported", "[state]") {
  const auto loaded = sgw::manifest::loadText(R"(apiVersion: kafka.strimzi.io/v1beta2
kind: KafkaNodePool
metadata:
  name: broker
  namespace: strimzi
spec:
  replicas: three
---
apiVersion: v1
kind: Service
metadata:
  name: ok
)",
                                              "pools.yaml");
  REQUIRE(loaded.errors.empty());
  const auto built = sgw::state::snapshotFromManifests(loaded.manifests);
  CHECK(built.snapshot.nodePools().empty());
  CHECK(built.snapshot.services().count({"default", "ok"}) == 1);
  REQUIRE(built.skipped.size() == 1);
  CHECK(built.skipped[0] == "pools.yaml:7: KafkaNodePool strimzi/broker: spec.replicas: Invalid "
                            "value: \"three\": must be an integer");
}

TEST_CASE("no manifests make an empty snapshot with nothing skipped", "[state]") {
  const auto built = sgw::state::snapshotFromManifests({});
  CHECK(built.snapshot.objectCount() == 0);
  CHECK(built.skipped.empty());
}

TEST_CASE("objects without a namespace go to the namespace given, as kubectl apply -n does",
          "[state]") {
  const auto manifests = loaded(R"(apiVersion: v1
kind: Service
metadata:
  name: plain
---
apiVersion: v1
kind: Service
metadata:
  name: placed
  namespace: elsewhere
)",
                                "services.yaml")
                             .manifests;
  const auto built = sgw::state::snapshotFromManifests(manifests, "kafka");
  CHECK(built.skipped.empty());
  CHECK(built.snapshot.services().size() == 2);
  CHECK(built.snapshot.services().count({"kafka", "plain"}) == 1);
  CHECK(built.snapshot.services().count({"elsewhere", "placed"}) == 1);
  CHECK(built.snapshot.services().count({"default", "plain"}) == 0);
}

TEST_CASE("objects of kinds the webhook does not read are ignored, not reported", "[state]") {
  // A ConfigMap whose data is not a map would be refused by the API server, but no rule reads it.
  const auto manifests = loaded(R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data: 5
---
apiVersion: v1
kind: Service
metadata:
  name: ok
)",
                                "mixed.yaml")
                             .manifests;
  const auto built = sgw::state::snapshotFromManifests(manifests);
  CHECK(built.skipped.empty());
  CHECK(built.snapshot.objectCount() == 1);
  CHECK(built.snapshot.services().count({"default", "ok"}) == 1);
}

TEST_CASE("a skipped object is reported once with all its errors, at the line of the first",
          "[state]") {
  const auto manifests = loaded(R"(apiVersion: kafka.strimzi.io/v1beta2
kind: KafkaNodePool
metadata:
  name: broker
spec:
  replicas: three
  roles:
  - broker
  - observer
)",
                                "pool.yaml")
                             .manifests;
  const auto built = sgw::state::snapshotFromManifests(manifests, "strimzi");
  CHECK(built.snapshot.nodePools().empty());
  CHECK(built.skipped ==
        std::vector<std::string>{
            "pool.yaml:6: KafkaNodePool strimzi/broker: [spec.replicas: Invalid value: \"three\": "
            "must be an integer, spec.roles[1]: Unsupported value: \"observer\": supported "
            "values: \"broker\", \"controller\"]"});
}

TEST_CASE("an object skipped inside a kind: List is reported at its own line", "[state]") {
  const auto manifests = loaded(R"(apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Service
  metadata:
    name: first
- apiVersion: kafka.strimzi.io/v1beta2
  kind: KafkaNodePool
  metadata:
    name: pool
  spec:
    replicas: many
)",
                                "list.yaml")
                             .manifests;
  REQUIRE(manifests.size() == 2);
  const auto built = sgw::state::snapshotFromManifests(manifests);
  CHECK(built.snapshot.services().count({"default", "first"}) == 1);
  CHECK(built.skipped ==
        std::vector<std::string>{"list.yaml:13: KafkaNodePool default/pool: spec.replicas: "
                                 "Invalid value: \"many\": must be an integer"});
}
