#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "sgw/model/object_meta.h"

using Json = nlohmann::json;

TEST_CASE("metadata reads name, namespace, uid, labels, annotations and owners",
          "[model][object-meta]") {
  sgw::FieldErrorList errors;
  const auto meta = sgw::model::parseObjectMeta(Json::parse(R"({"metadata": {
      "name": "broker", "namespace": "strimzi", "uid": "u-1",
      "labels": {"strimzi.io/cluster": "my-cluster", "cleared": null},
      "annotations": {"strimzi.io/next-node-ids": "[10-20]"},
      "ownerReferences": [
        {"apiVersion": "kafka.strimzi.io/v1beta2", "kind": "Kafka", "name": "my-cluster",
         "controller": true},
        {"kind": "Other"}
      ]}})"),
                                                "default", errors);
  CHECK(errors.empty());
  CHECK(meta.key() == sgw::model::ObjectKey{"strimzi", "broker"});
  CHECK(meta.uid == "u-1");
  // A null label counts as absent, not as an error.
  CHECK(meta.labels == std::map<std::string, std::string>{{"strimzi.io/cluster", "my-cluster"}});
  CHECK(meta.label("strimzi.io/cluster") == "my-cluster");
  CHECK_FALSE(meta.label("cleared").has_value());
  CHECK(meta.annotation("strimzi.io/next-node-ids") == "[10-20]");
  CHECK_FALSE(meta.annotation("strimzi.io/remove-node-ids").has_value());
  REQUIRE(meta.ownerReferences.size() == 2);
  CHECK(meta.ownerReferences[0].apiVersion == "kafka.strimzi.io/v1beta2");
  CHECK(meta.ownerReferences[0].kind == "Kafka");
  CHECK(meta.ownerReferences[0].name == "my-cluster");
  CHECK(meta.ownerReferences[0].controller);
  CHECK(meta.ownerReferences[1].kind == "Other");
  CHECK(meta.ownerReferences[1].apiVersion.empty());
  CHECK_FALSE(meta.ownerReferences[1].controller);
}

TEST_CASE("an object without a namespace, or with an empty one, takes the default",
          "[model][object-meta]") {
  const auto metadata = GENERATE(Json{{"name", "x"}}, Json{{"name", "x"}, {"namespace", ""}},
                                 Json{{"name", "x"}, {"namespace", nullptr}});
  CAPTURE(metadata);
  sgw::FieldErrorList errors;
  const auto meta = sgw::model::parseObjectMeta(Json{{"metadata", metadata}}, "default", errors);
  CHECK(errors.empty());
  CHECK(meta.key() == sgw::model::ObjectKey{"default", "x"});
}

TEST_CASE("metadata of the wrong types gives field errors under metadata", "[model][object-meta]") {
  sgw::FieldErrorList errors;
  const auto meta = sgw::model::parseObjectMeta(Json::parse(R"({"metadata": {
      "name": 5, "labels": {"a": true}, "annotations": "x",
      "ownerReferences": ["Kafka", {"controller": "yes"}]}})"),
                                                "default", errors);
  CHECK(meta.name.empty());
  CHECK(meta.labels.empty());
  std::vector<std::string> texts;
  for (const auto& error : errors) {
    texts.push_back(error.toString());
  }
  CHECK(texts == std::vector<std::string>{
                     "metadata.name: Invalid value: 5: must be a string",
                     "metadata.labels[a]: Invalid value: true: must be a string",
                     "metadata.annotations: Invalid value: \"x\": must be an object",
                     "metadata.ownerReferences[0]: Invalid value: \"Kafka\": must be an object",
                     "metadata.ownerReferences[1].controller: Invalid value: \"yes\": must be a "
                     "boolean"});
  // The malformed owner is skipped, the other kept.
  CHECK(meta.ownerReferences.size() == 1);
}

TEST_CASE("metadata that is not an object is one error; a missing one is none",
          "[model][object-meta]") {
  sgw::FieldErrorList errors;
  const auto meta = sgw::model::parseObjectMeta(Json{{"metadata", "x"}}, "default", errors);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].toString() == "metadata: Invalid value: \"x\": must be an object");
  CHECK(meta.key() == sgw::model::ObjectKey{"default", ""});
  errors.clear();
  sgw::model::parseObjectMeta(Json::object(), "default", errors);
  CHECK(errors.empty());
}

TEST_CASE("object keys print with their namespace, cluster-scoped ones without",
          "[model][object-meta]") {
  CHECK(sgw::model::ObjectKey{"strimzi", "my-cluster"}.toString() == "strimzi/my-cluster");
  CHECK(sgw::model::ObjectKey{"", "strimzi"}.toString() == "strimzi");
  CHECK(sgw::model::ObjectKey{"a", "z"} < sgw::model::ObjectKey{"b", "a"});
}
