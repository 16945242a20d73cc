#include <catch2/catch.hpp>

#include "sgw/manifest/manifest.h"
#include "support/temp_dir.h"

using sgw::manifest::loadPath;
using sgw::manifest::loadText;

TEST_CASE("multi-document YAML gives one manifest per document with its line", "[manifest]") {
  const auto result = loadText(R"(# a comment
apiVersion: v1
kind: Service
metadata:
  name: a
---
---
apiVersion: v1
kind: Service
metadata:
  name: b
  labels:
    strimzi.io/cluster: c
)",
                               "two.yaml");
  REQUIRE(result.errors.empty());
  REQUIRE(result.manifests.size() == 2);
  CHECK(result.manifests[0].object["metadata"]["name"] == "a");
  CHECK(result.manifests[0].line == 2);
  CHECK(result.manifests[1].line == 8);
  CHECK(result.manifests[1].lineOf("/metadata/labels/strimzi.io~1cluster") == 13);
  CHECK(result.manifests[1].lineOf("/metadata/labels/missing") == 12);
  CHECK(result.manifests[1].file == "two.yaml");
}

TEST_CASE("plain scalars resolve like kubectl's YAML, quoted ones stay strings", "[manifest]") {
  const auto result = loadText(R"(kind: X
a: 9092
b: "9092"
c: true
d: yes
e: ~
f: 1.5
g: '[10-100]'
h: 0x10
i: -3
j: broker-10.strimzi.gateway.api.test
k: |
  line
l: 99999999999999999999
)",
                               "s.yaml");
  REQUIRE(result.errors.empty());
  const auto& object = result.manifests.at(0).object;
  CHECK(object["a"] == 9092);
  CHECK(object["b"] == "9092");
  CHECK(object["c"] == true);
  CHECK(object["d"] == true);
  CHECK(object["e"].is_null());
  CHECK(object["f"] == 1.5);
  CHECK(object["g"] == "[10-100]");
  CHECK(object["h"] == 16);
  CHECK(object["i"] == -3);
  CHECK(object["j"] == "broker-10.strimzi.gateway.api.test");
  CHECK(object["k"] == "line\n");
  CHECK(object["l"].is_number_float());
}

TEST_CASE("kind: List documents are expanded into their items", "[manifest]") {
  const auto result = loadText(R"(apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Service
  metadata:
    name: a
- apiVersion: v1
  kind: Service
  metadata:
    name: b
)",
                               "list.yaml");
  REQUIRE(result.errors.empty());
  REQUIRE(result.manifests.size() == 2);
  CHECK(result.manifests[1].object["metadata"]["name"] == "b");
  CHECK(result.manifests[1].line == 8);
  CHECK(result.manifests[1].lineOf("/metadata/name") == 11);
}

TEST_CASE("JSON files hold one object, an array or a List", "[manifest]") {
  const auto object =
      loadText("{\n \"kind\": \"Service\",\n \"metadata\": {\"name\": \"a\"}\n}", "a.json");
  REQUIRE(object.errors.empty());
  REQUIRE(object.manifests.size() == 1);
  CHECK(object.manifests[0].lineOf("/metadata/name") == 3);

  const auto list = loadText(
      R"({"kind":"ServiceList","items":[{"kind":"Service","metadata":{"name":"a"}}]})", "l.json");
  REQUIRE(list.errors.empty());
  REQUIRE(list.manifests.size() == 1);
  CHECK(list.manifests[0].object["metadata"]["name"] == "a");
}

TEST_CASE("unreadable input names the file and the line", "[manifest]") {
  const auto yaml = loadText("a: 1\nb: [2\n", "bad.yaml");
  REQUIRE(yaml.errors.size() == 1);
  CHECK(yaml.errors[0].toString() == "bad.yaml:3: invalid YAML: end of sequence flow not found");

  const auto json = loadText("{\n\"a\": 1,\n}", "bad.json");
  REQUIRE(json.errors.size() == 1);
  CHECK(json.errors[0].line == 3);
  CHECK_THAT(json.errors[0].toString(), Catch::StartsWith("bad.json:3: invalid JSON: "));

  const auto duplicate = loadText("a: 1\nb: 2\na: 3\n", "dup.yaml");
  REQUIRE(duplicate.errors.size() == 1);
  CHECK(duplicate.errors[0].toString() == "dup.yaml:3: mapping key \"a\" already defined");

  const auto scalar = loadText("just text\n", "scalar.yaml");
  REQUIRE(scalar.errors.size() == 1);
  CHECK(scalar.errors[0].toString() ==
        "scalar.yaml:1: a manifest must be a mapping (a Kubernetes object)");
}

TEST_CASE("merge keys and anchors are resolved", "[manifest]") {
  const auto result = loadText(R"(defaults: &defaults
  port: 9092
  tls: true
listener:
  <<: *defaults
  tls: false
  name: obiwan
)",
                               "m.yaml");
  REQUIRE(result.errors.empty());
  const auto& listener = result.manifests.at(0).object["listener"];
  CHECK(listener == nlohmann::json::parse(R"({"port":9092,"tls":false,"name":"obiwan"})"));
}

TEST_CASE("absurdly deep YAML is refused, not recursed into", "[manifest]") {
  std::string deep = "a: ";
  for (int i = 0; i < 500; ++i) {
    deep += "[";
  }
  const auto result = loadText(deep + "\n", "deep.yaml");
  REQUIRE_FALSE(result.errors.empty());

  std::string deepJson;
  for (int i = 0; i < 100000; ++i) {
    deepJson += "{\"a\":";
  }
  deepJson += "1" + std::string(100000, '}');
  const auto json = loadText(deepJson, "deep.json");
  REQUIRE(json.errors.size() == 1);
  CHECK(json.errors[0].toString() == "deep.json:1: nests deeper than 100 levels");
}

TEST_CASE("folders are read recursively, manifest files only, hidden folders skipped",
          "[manifest]") {
  sgw::test::TempDir dir;
  dir.write("a.yaml", "kind: A\n");
  dir.write("sub/b.yml", "kind: B\n");
  dir.write("sub/deeper/c.json", "{\"kind\":\"C\"}");
  dir.write("notes.txt", "kind: D\n");
  dir.write("..data/e.yaml", "kind: E\n");
  const auto result = loadPath(dir.path());
  REQUIRE(result.errors.empty());
  REQUIRE(result.manifests.size() == 3);
  CHECK(result.manifests[0].object["kind"] == "A");
  CHECK(result.manifests[1].object["kind"] == "B");
  CHECK(result.manifests[2].object["kind"] == "C");
}

TEST_CASE("the examples load without errors", "[manifest]") {
  const auto result = loadPath(sgw::test::sourcePath("examples"));
  CHECK(result.errors.empty());
  CHECK(result.manifests.size() == 13);
}

TEST_CASE("a .yaml file of JSON objects separated by --- reads as kubectl reads it", "[manifest]") {
  const auto result =
      loadText("{\"kind\": \"Service\", \"metadata\": {\"name\": \"a\"}}\n"
               "---\n"
               "{\n  \"kind\": \"Service\",\n  \"metadata\": {\"name\": \"b\"}\n}\n",
               "two.yaml");
  REQUIRE(result.errors.empty());
  REQUIRE(result.manifests.size() == 2);
  CHECK(result.manifests[0].object ==
        nlohmann::json{{"kind", "Service"}, {"metadata", {{"name", "a"}}}});
  CHECK(result.manifests[1].object["metadata"]["name"] == "b");
  CHECK(result.manifests[1].line == 3);
  CHECK(result.manifests[1].lineOf("/metadata/name") == 5);

  // Neither JSON nor YAML: the JSON error is the one that helps.
  const auto broken = loadText("{\"kind\": \"Service\",\n\"metadata\": [}\n---\n{}\n", "bad.yaml");
  REQUIRE(broken.errors.size() == 1);
  CHECK_THAT(broken.errors[0].toString(), Catch::StartsWith("bad.yaml:2: invalid JSON: "));
}

TEST_CASE("a JSON number no double holds is an error, not a crash", "[manifest][limits]") {
  const auto result =
      loadText("{\"kind\": \"X\", \"n\": " + std::string(100000, '9') + "}", "huge.json");
  REQUIRE(result.errors.size() == 1);
  CHECK_THAT(result.errors[0].toString(),
             Catch::StartsWith("huge.json:1: invalid JSON: [json.exception.out_of_range.406] "
                               "number overflow parsing '999"));
  CHECK(result.errors[0].message.size() <= std::string("invalid JSON: ").size() + 256);
}

TEST_CASE("a document that starts with a comma is an error, not an endless read",
          "[manifest][limits]") {
  // yaml-cpp's LoadAll never gets past it and fills memory with empty documents: found by
  // fuzzing.
  const auto [text, line] = GENERATE(table<std::string, int>({
      {",", 1},
      {",\n", 1},
      {"kind: Service\nmetadata: {name: a}\n---\n,\n", 4},
  }));
  INFO(text);
  const auto result = loadText(text, "comma.yaml");
  REQUIRE(result.errors.size() == 1);
  CHECK(result.errors[0].toString() == "comma.yaml:" + std::to_string(line) +
                                           ": invalid YAML: unexpected \",\" where a document "
                                           "should start");
  CHECK(result.manifests.empty());
}
