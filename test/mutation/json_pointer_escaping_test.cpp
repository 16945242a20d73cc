#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "sgw/core/field_path.h"

using nlohmann::json;

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
