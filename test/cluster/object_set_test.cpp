#include <catch2/catch.hpp>

#include "sgw/cluster/object_set.h"

using Json = nlohmann::json;

TEST_CASE("parseObjects keeps input positions and leaves ill-typed objects out of the snapshot",
          "[cluster][object-set]") {
  const std::vector<Json> objects{
      {{"apiVersion", "v1"}, {"kind", "ConfigMap"}, {"metadata", {{"name", "ignored"}}}},
      {{"apiVersion", "kafka.strimzi.io/v1beta2"},
       {"kind", "KafkaNodePool"},
       {"metadata", {{"name", "broker"}, {"namespace", "strimzi"}}},
       {"spec", {{"replicas", "three"}}}},
      {{"apiVersion", "v1"}, {"kind", "Service"}, {"metadata", {{"name", "ok"}}}},
  };
  const auto set = sgw::cluster::parseObjects(objects, "apps");
  REQUIRE(set.parsed.size() == 3);
  CHECK_FALSE(set.parsed[0].has_value());
  REQUIRE(set.parsed[1].has_value());
  REQUIRE(set.parsed[1]->errors.size() == 1);
  CHECK(set.parsed[1]->errors[0].toString() ==
        "spec.replicas: Invalid value: \"three\": must be an integer");
  REQUIRE(set.parsed[2].has_value());
  CHECK(set.parsed[2]->errors.empty());
  CHECK(set.snapshot.nodePools().empty());
  CHECK(set.snapshot.services().count({"apps", "ok"}) == 1);
  CHECK(set.snapshot.objectCount() == 1);
}
