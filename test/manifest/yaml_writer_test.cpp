#include <catch2/catch.hpp>

#include "sgw/manifest/manifest.h"
#include "sgw/manifest/yaml_writer.h"

using sgw::manifest::toYaml;
using Json = nlohmann::json;

namespace {

// The value read back through the manifest loader (the same reader `check` and `serve` use).
Json readBack(const std::string& yaml) {
  const auto loaded = sgw::manifest::loadText(yaml, "written.yaml");
  REQUIRE(loaded.errors.empty());
  REQUIRE(loaded.manifests.size() == 1);
  return loaded.manifests[0].object;
}

} // namespace

TEST_CASE("objects are written in kubectl's block layout", "[manifest][yaml]") {
  const auto object = Json::parse(R"({
    "kind": "X",
    "metadata": {"name": "a", "labels": {}},
    "spec": {
      "list": [1, "two", {"a": 1, "b": [true, null]}, [3, 4], [], {}],
      "nested": {"deeper": {"value": 1.5}},
      "empty": []
    }
  })");
  CHECK(toYaml(object) == R"(kind: X
metadata:
  labels: {}
  name: a
spec:
  empty: []
  list:
  - 1
  - two
  - a: 1
    b:
    - true
    - null
  - - 3
    - 4
  - []
  - {}
  nested:
    deeper:
      value: 1.5
)");
  CHECK(readBack(toYaml(object)) == object);
}

TEST_CASE("strings are quoted exactly when plain text would read as something else",
          "[manifest][yaml]") {
  const auto [text, written] = GENERATE(table<std::string, std::string>({
      {"broker-10.strimzi.gateway.api.test", "broker-10.strimzi.gateway.api.test"},
      {"gateway.networking.k8s.io/v1alpha2", "gateway.networking.k8s.io/v1alpha2"},
      {"", "\"\""},
      {"yes", "'yes'"},
      {"No", "'No'"},
      {"y", "'y'"},
      {"null", "'null'"},
      {"true", "'true'"},
      {"~", "'~'"},
      {"9092", "'9092'"},
      {"3.7.1", "'3.7.1'"},
      {"1e3", "'1e3'"},
      {"0x1F", "'0x1F'"},
      {".inf", "'.inf'"},
      {"[10-100]", "'[10-100]'"},
      {"*.strimzi.gateway.api.test", "'*.strimzi.gateway.api.test'"},
      {"broker-{nodeId}.example.com", "'broker-{nodeId}.example.com'"},
      {"a: b", "'a: b'"},
      {"key:", "'key:'"},
      {"a #b", "'a #b'"},
      {"- item", "'- item'"},
      {" leading", "' leading'"},
      {"it's", "'it''s'"},
      {"caf\xc3\xa9", "'caf\xc3\xa9'"},
      {"two\nlines", "\"two\\nlines\""},
      {"tab\there", "\"tab\\there\""},
      {"quote\"\\", "'quote\"\\'"},
  }));
  CAPTURE(text);
  const Json object{{"value", text}};
  CHECK(toYaml(object) == "value: " + written + "\n");
  CHECK(readBack(toYaml(object)) == object);
}

TEST_CASE("keys are quoted like values", "[manifest][yaml]") {
  const Json object{{"strimzi.io/next-node-ids", "[0-9]"}, {"on", 1}, {"", 2}};
  CHECK(toYaml(object) == "\"\": 2\n'on': 1\nstrimzi.io/next-node-ids: '[0-9]'\n");
  CHECK(readBack(toYaml(object)) == object);
}

TEST_CASE("several documents are separated by ---", "[manifest][yaml]") {
  CHECK(sgw::manifest::toYamlDocuments({{{"a", 1}}, {{"b", 2}}}) == "a: 1\n---\nb: 2\n");
  CHECK(sgw::manifest::toYamlDocuments({}).empty());
}
