#include <catch2/catch.hpp>

#include "sgw/model/kind.h"

using sgw::model::Kind;

TEST_CASE("each kind has its group, its name and its API resource", "[model][kind]") {
  struct Case {
    Kind kind;
    std::string_view group;
    std::string_view name;
    std::string_view plural;
  };
  const auto c = GENERATE(
      Case{Kind::Kafka, "kafka.strimzi.io", "Kafka", "kafkas"},
      Case{Kind::KafkaNodePool, "kafka.strimzi.io", "KafkaNodePool", "kafkanodepools"},
      Case{Kind::TlsRoute, "gateway.networking.k8s.io", "TLSRoute", "tlsroutes"},
      Case{Kind::Gateway, "gateway.networking.k8s.io", "Gateway", "gateways"},
      Case{Kind::ReferenceGrant, "gateway.networking.k8s.io", "ReferenceGrant", "referencegrants"},
      Case{Kind::ListenerSet, "gateway.networking.k8s.io", "ListenerSet", "listenersets"},
      Case{Kind::Service, "", "Service", "services"}, Case{Kind::Secret, "", "Secret", "secrets"},
      Case{Kind::Namespace, "", "Namespace", "namespaces"},
      Case{Kind::Certificate, "cert-manager.io", "Certificate", "certificates"});
  CAPTURE(c.name);
  CHECK(sgw::model::groupOf(c.kind) == c.group);
  CHECK(sgw::model::kindName(c.kind) == c.name);
  CHECK(sgw::model::pluralOf(c.kind) == c.plural);
  CHECK(sgw::model::kindFromGroupKind(c.group, c.name) == c.kind);
}

TEST_CASE("kinds are told apart by group, never by version", "[model][kind]") {
  CHECK(sgw::model::kindOfObject({{"apiVersion", "gateway.networking.k8s.io/v1alpha2"},
                                  {"kind", "TLSRoute"}}) == Kind::TlsRoute);
  CHECK(sgw::model::kindOfObject({{"apiVersion", "gateway.networking.k8s.io/v1"},
                                  {"kind", "TLSRoute"}}) == Kind::TlsRoute);
  CHECK(sgw::model::kindOfObject({{"apiVersion", "v1"}, {"kind", "Secret"}}) == Kind::Secret);
  CHECK_FALSE(sgw::model::kindOfObject({{"apiVersion", "example.com/v1"}, {"kind", "TLSRoute"}})
                  .has_value());
  CHECK_FALSE(sgw::model::kindFromGroupKind("kafka.strimzi.io", "KafkaTopic").has_value());
}
