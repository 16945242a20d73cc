#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "sgw/model/reference_grant.h"

using Json = nlohmann::json;

namespace {

const sgw::model::ReferenceGrantFrom kRouteInStrimzi{"gateway.networking.k8s.io", "TLSRoute",
                                                     "strimzi"};

sgw::model::ReferenceGrant grant(const std::string& spec) {
  sgw::FieldErrorList errors;
  auto parsed = sgw::model::parseReferenceGrant(
      Json{{"metadata", {{"name", "g"}, {"namespace", "kafka"}}}, {"spec", Json::parse(spec)}},
      "default", errors);
  REQUIRE(errors.empty());
  return parsed;
}

} // namespace

TEST_CASE("a ReferenceGrant to every Service of its namespace", "[model][reference-grant]") {
  const auto all = grant(R"({
      "from": [{"group": "gateway.networking.k8s.io", "kind": "TLSRoute", "namespace": "strimzi"}],
      "to": [{"group": "", "kind": "Service"}]})");
  CHECK(all.metadata.key() == sgw::model::ObjectKey{"kafka", "g"});
  CHECK(all.permits(kRouteInStrimzi, "", "Service", "any"));
  // Only the kind, group and namespace it names.
  CHECK_FALSE(all.permits({"gateway.networking.k8s.io", "TLSRoute", "other"}, "", "Service", "x"));
  CHECK_FALSE(
      all.permits({"gateway.networking.k8s.io", "HTTPRoute", "strimzi"}, "", "Service", "x"));
  CHECK_FALSE(all.permits({"", "TLSRoute", "strimzi"}, "", "Service", "x"));
  CHECK_FALSE(all.permits(kRouteInStrimzi, "", "Secret", "x"));
  CHECK_FALSE(all.permits(kRouteInStrimzi, "example.com", "Service", "x"));
}

TEST_CASE("a ReferenceGrant to one named Service", "[model][reference-grant]") {
  const auto one = grant(R"({
      "from": [{"group": "example.com", "kind": "Other", "namespace": "x"},
               {"group": "gateway.networking.k8s.io", "kind": "TLSRoute", "namespace": "strimzi"}],
      "to": [{"group": "", "kind": "Secret"},
             {"group": "", "kind": "Service", "name": "bootstrap"}]})");
  CHECK(one.permits(kRouteInStrimzi, "", "Service", "bootstrap"));
  CHECK_FALSE(one.permits(kRouteInStrimzi, "", "Service", "broker-10"));
  // An empty name is no name: every object of the kind.
  const auto emptyName = grant(R"({
      "from": [{"group": "gateway.networking.k8s.io", "kind": "TLSRoute", "namespace": "strimzi"}],
      "to": [{"group": "", "kind": "Service", "name": ""}]})");
  CHECK(emptyName.permits(kRouteInStrimzi, "", "Service", "broker-10"));
}

TEST_CASE("a ReferenceGrant without from or to permits nothing", "[model][reference-grant]") {
  CHECK_FALSE(grant(R"({"to": [{"group": "", "kind": "Service"}]})")
                  .permits(kRouteInStrimzi, "", "Service", "s"));
  CHECK_FALSE(grant(R"({"from": [{"group": "gateway.networking.k8s.io", "kind": "TLSRoute",
                                  "namespace": "strimzi"}]})")
                  .permits(kRouteInStrimzi, "", "Service", "s"));
}

TEST_CASE("ill-typed ReferenceGrant entries are field errors", "[model][reference-grant]") {
  sgw::FieldErrorList errors;
  const auto parsed = sgw::model::parseReferenceGrant(Json::parse(R"({
      "metadata": {"name": "g"},
      "spec": {"from": ["TLSRoute", {"kind": 1}], "to": {"kind": "Service"}}})"),
                                                      "kafka", errors);
  REQUIRE(errors.size() == 3);
  CHECK(errors[0].toString() == "spec.from[0]: Invalid value: \"TLSRoute\": must be an object");
  CHECK(errors[1].toString() == "spec.from[1].kind: Invalid value: 1: must be a string");
  CHECK(errors[2].toString() == "spec.to: Invalid value: {\"kind\":\"Service\"}: must be a list");
  CHECK(parsed.metadata.key() == sgw::model::ObjectKey{"kafka", "g"});
  CHECK(parsed.from.size() == 1);
  CHECK(parsed.to.empty());
}
