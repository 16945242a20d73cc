#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "sgw/cluster/any_object.h"
#include "support/field_errors.h"

using Json = nlohmann::json;
using sgw::model::Kind;
using sgw::test::texts;

TEST_CASE("parseObject reads each kind from the object's group and kind", "[cluster][any-object]") {
  struct Case {
    std::string apiVersion;
    std::string kind;
    Kind expected;
  };
  const auto c = GENERATE(values<Case>({
      {"kafka.strimzi.io/v1beta2", "Kafka", Kind::Kafka},
      {"kafka.strimzi.io/v1", "KafkaNodePool", Kind::KafkaNodePool},
      {"gateway.networking.k8s.io/v1alpha2", "TLSRoute", Kind::TlsRoute},
      {"gateway.networking.k8s.io/v1", "Gateway", Kind::Gateway},
      {"gateway.networking.k8s.io/v1beta1", "ReferenceGrant", Kind::ReferenceGrant},
      {"v1", "Service", Kind::Service},
      {"v1", "Secret", Kind::Secret},
      {"gateway.networking.k8s.io/v1", "ListenerSet", Kind::ListenerSet},
      {"v1", "Namespace", Kind::Namespace},
      {"cert-manager.io/v1", "Certificate", Kind::Certificate},
  }));
  CAPTURE(c.kind);
  const Json object = {{"apiVersion", c.apiVersion},
                       {"kind", c.kind},
                       {"metadata", {{"name", "some-name"}, {"namespace", "kafka"}}}};
  const auto parsed = sgw::cluster::parseObject(object, "default");
  REQUIRE(parsed.has_value());
  CHECK(parsed->errors.empty());
  CHECK(sgw::cluster::kindOf(parsed->object) == c.expected);
  CHECK(sgw::cluster::metadataOf(parsed->object).name == "some-name");
  // A Namespace is cluster-scoped: it keeps no namespace, not even its own.
  CHECK(sgw::cluster::metadataOf(parsed->object).namespace_ ==
        (c.expected == Kind::Namespace ? "" : "kafka"));
}

TEST_CASE("parseObject returns nothing for a kind the webhook does not read",
          "[cluster][any-object]") {
  const Json object = GENERATE(
      Json{{"apiVersion", "apps/v1"}, {"kind", "Deployment"}, {"metadata", {{"name", "x"}}}},
      // Same kind name, other group: kinds are told apart by group.
      Json{{"apiVersion", "example.com/v1"}, {"kind", "Kafka"}, {"metadata", {{"name", "x"}}}},
      Json{{"kind", "Service"}, {"metadata", {{"name", "x"}}}}, Json{{"apiVersion", "v1"}},
      Json{{"apiVersion", 1}, {"kind", "Service"}}, Json::array(), Json("Service"));
  CAPTURE(object);
  CHECK_FALSE(sgw::cluster::parseObject(object, "default").has_value());
}

TEST_CASE("parseObject with a kind given reads the object as that kind", "[cluster][any-object]") {
  // Watch events carry objects whose kind the caller knows from the resource it watches.
  const Json object = {{"metadata", {{"name", "svc"}}},
                       {"spec", {{"ports", Json::array({{{"port", 9092}}})}}}};
  const auto parsed = sgw::cluster::parseObject(Kind::Service, object, "strimzi");
  REQUIRE(parsed.has_value());
  CHECK(parsed->errors.empty());
  REQUIRE(sgw::cluster::kindOf(parsed->object) == Kind::Service);
  const auto& service = *std::get<std::shared_ptr<const sgw::model::Service>>(parsed->object);
  CHECK(service.metadata.key() == sgw::model::ObjectKey{"strimzi", "svc"});
  CHECK(service.hasPort(9092));
}

TEST_CASE("parseObject keeps an ill-typed object with its field errors", "[cluster][any-object]") {
  const Json object = {{"apiVersion", "v1"},
                       {"kind", "Service"},
                       {"metadata", {{"name", "svc"}, {"labels", {{"team", 7}}}}},
                       {"spec", {{"ports", "9092"}}}};
  const auto parsed = sgw::cluster::parseObject(object, "strimzi");
  REQUIRE(parsed.has_value());
  CHECK(sgw::cluster::metadataOf(parsed->object).name == "svc");
  CHECK(texts(parsed->errors) ==
        std::vector<std::string>{"metadata.labels[team]: Invalid value: 7: must be a string",
                                 "spec.ports: Invalid value: \"9092\": must be a list"});
}
