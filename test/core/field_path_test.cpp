#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "sgw/core/field_path.h"

using nlohmann::json;
using sgw::FieldPath;

TEST_CASE("field paths round-trip and become JSON pointers", "[core][field-path]") {
  const auto path = FieldPath::parse("metadata.annotations[strimzi.io/next-node-ids]");
  CHECK(path.toString() == "metadata.annotations[strimzi.io/next-node-ids]");
  CHECK(path.jsonPointer() == "/metadata/annotations/strimzi.io~1next-node-ids");
  const auto indexed = FieldPath::parse("spec.kafka.listeners[0].configuration.brokers[12]");
  CHECK(indexed == FieldPath::root("spec")
                       .child("kafka")
                       .child("listeners")
                       .index(0)
                       .child("configuration")
                       .child("brokers")
                       .index(12));
  CHECK(indexed.jsonPointer() == "/spec/kafka/listeners/0/configuration/brokers/12");
}

TEST_CASE("JSON pointer tokens escape ~ and / as RFC 6901 says", "[mutation][escaping]") {
  const auto [token, escaped] = GENERATE(table<std::string, std::string>({
      {"brokers", "brokers"},
      {"", ""},
      {"strimzi-gateway-webhook.io/advertised-host-template",
       "strimzi-gateway-webhook.io~1advertised-host-template"},
      {"a~b", "a~0b"},
      {"~/", "~0~1"},
      // Escaping `~` first is what keeps a literal "~1" from reading back as "/".
      {"~1", "~01"},
      {"/~/", "~1~0~1"},
  }));
  CAPTURE(token);
  CHECK(sgw::escapeJsonPointerToken(token) == escaped);
  // nlohmann's pointer parser, which json::patch uses, reads the token back unchanged.
  CHECK(json::json_pointer("/" + escaped).back() == token);
}

TEST_CASE("a patch path through an annotation key applies to that key only",
          "[mutation][escaping]") {
  const auto key = std::string("strimzi-gateway-webhook.io/advertised-host-template.o~bi");
  const auto path = sgw::FieldPath::root("metadata").child("annotations").key(key);
  CHECK(path.jsonPointer() ==
        "/metadata/annotations/strimzi-gateway-webhook.io~1advertised-host-template.o~0bi");

  const json object = {{"metadata", {{"annotations", {{"strimzi.io/kraft", "enabled"}}}}}};
  const auto patched = object.patch(
      json::array({{{"op", "add"}, {"path", path.jsonPointer()}, {"value", "b-{nodeId}.x"}}}));
  CHECK(patched ==
        json{{"metadata",
              {{"annotations", {{"strimzi.io/kraft", "enabled"}, {key, "b-{nodeId}.x"}}}}}});
}

TEST_CASE("field paths print fields with dots, indexes and keys in brackets",
          "[core][field-path]") {
  CHECK(FieldPath().toString().empty());
  CHECK(FieldPath().empty());
  CHECK(FieldPath().jsonPointer().empty());
  CHECK_FALSE(FieldPath::root("spec").empty());
  CHECK(FieldPath::root("spec").toString() == "spec");
  CHECK(FieldPath::root("spec").jsonPointer() == "/spec");
  // A key with dots stays one element, and one token of the pointer.
  const auto label = FieldPath::root("metadata").child("labels").key("strimzi.io/cluster");
  CHECK(label.toString() == "metadata.labels[strimzi.io/cluster]");
  CHECK(label.jsonPointer() == "/metadata/labels/strimzi.io~1cluster");
  // A path may start with an index or a key (a list or map at the top).
  CHECK(FieldPath().index(2).child("name").toString() == "[2].name");
  CHECK(FieldPath().key("a").toString() == "[a]");
  // Field names are escaped in pointers too.
  CHECK(FieldPath::root("a/b").child("c~d").jsonPointer() == "/a~1b/c~0d");
}

TEST_CASE("extending a path leaves the path it started from as it was", "[core][field-path]") {
  const auto listeners = FieldPath::root("spec").child("kafka").child("listeners");
  const auto first = listeners.index(0);
  const auto second = listeners.index(1).child("name");
  CHECK(listeners.toString() == "spec.kafka.listeners");
  CHECK(first.toString() == "spec.kafka.listeners[0]");
  CHECK(second.toString() == "spec.kafka.listeners[1].name");
  // The in-place form on a temporary builds the same path.
  CHECK(FieldPath(listeners).index(1).child("name") == second);
  CHECK(first != second);
}

TEST_CASE("parsing tells indexes from keys and tolerates malformed text", "[core][field-path]") {
  // A number in brackets is an index; anything else is a key.
  CHECK(FieldPath::parse("a[3]") == FieldPath::root("a").index(3));
  CHECK(FieldPath::parse("a[x3]") == FieldPath::root("a").key("x3"));
  CHECK(FieldPath::parse("a[-1]") == FieldPath::root("a").key("-1"));
  CHECK(FieldPath::parse("a[3x]") == FieldPath::root("a").key("3x"));
  CHECK(FieldPath::parse("a[]") == FieldPath::root("a").key(""));
  // Too large for an index: kept as a key rather than wrapped.
  CHECK(FieldPath::parse("a[99999999999999999999999]") ==
        FieldPath::root("a").key("99999999999999999999999"));
  CHECK(FieldPath::parse("") == FieldPath());
  CHECK(FieldPath::parse("[0].name") == FieldPath().index(0).child("name"));
  // Empty elements between dots are skipped.
  CHECK(FieldPath::parse(".a..b.") == FieldPath::root("a").child("b"));
  // An unclosed bracket takes the rest of the text as its content.
  CHECK(FieldPath::parse("a[strimzi.io/x") == FieldPath::root("a").key("strimzi.io/x"));
  CHECK(FieldPath::parse("metadata.annotations[a.b][0]") ==
        FieldPath::root("metadata").child("annotations").key("a.b").index(0));
}
