#include "sgw/rules/registry.h"

#include <algorithm>
#include <array>

#include "sgw/rules/certificate/certificate_names.h"
#include "sgw/rules/certificate/certificate_secret_match.h"
#include "sgw/rules/kafka/advertised_port.h"
#include "sgw/rules/kafka/broker_ids.h"
#include "sgw/rules/kafka/hostname_san.h"
#include "sgw/rules/kafka/listener_config.h"
#include "sgw/rules/kafka/listener_coverage.h"
#include "sgw/rules/kafka/tlsroute_gateway.h"
#include "sgw/rules/node_pool/pool_annotations.h"
#include "sgw/rules/node_pool/pool_roles.h"
#include "sgw/rules/tls_route/advertised_port.h"
#include "sgw/rules/tls_route/gateway_passthrough.h"
#include "sgw/rules/tls_route/hostname_san.h"
#include "sgw/rules/tls_route/route_acceptance.h"
#include "sgw/rules/tls_route/route_backend.h"
#include "sgw/rules/tls_route/route_broker_match.h"

namespace sgw::rules {

namespace {

template <class T> bool anyReadsOldObject(std::span<const Rule<T>> rules) {
  return std::any_of(rules.begin(), rules.end(),
                     [](const Rule<T>& rule) { return rule.readsOldObject; });
}

template <class T> FindingList runAll(std::span<const Rule<T>> rules, const Subject<T>& subject) {
  FindingList findings;
  for (const auto& rule : rules) {
    if (contains(rule.operations, subject.operation)) {
      FindingSink sink(rule.id, findings);
      rule.check(subject, sink);
    }
  }
  return findings;
}

} // namespace

std::span<const Rule<model::Kafka>> kafkaRules() {
  static const std::array<Rule<model::Kafka>, 6> kTable{
      kafka::listenerConfigRule(),   kafka::brokerIdsRule(),      kafka::hostnameSanRule(),
      kafka::listenerCoverageRule(), kafka::advertisedPortRule(), kafka::tlsRouteGatewayRule(),
  };
  return kTable;
}

std::span<const Rule<model::KafkaNodePool>> kafkaNodePoolRules() {
  static const std::array<Rule<model::KafkaNodePool>, 2> kTable{
      node_pool::poolAnnotationsRule(),
      node_pool::poolRolesRule(),
  };
  return kTable;
}

std::span<const Rule<model::TlsRoute>> tlsRouteRules() {
  static const std::array<Rule<model::TlsRoute>, 6> kTable{
      tls_route::routeBackendRule(),     tls_route::hostnameSanRule(),
      tls_route::routeBrokerMatchRule(), tls_route::gatewayPassthroughRule(),
      tls_route::routeAcceptanceRule(),  tls_route::advertisedPortRule(),
  };
  return kTable;
}

std::span<const Rule<model::Certificate>> certificateRules() {
  static const std::array<Rule<model::Certificate>, 2> kTable{
      certificate::certificateNamesRule(),
      certificate::certificateSecretMatchRule(),
  };
  return kTable;
}

bool readsOldObject(model::Kind kind) {
  switch (kind) {
  case model::Kind::Kafka:
    return anyReadsOldObject(kafkaRules());
  case model::Kind::KafkaNodePool:
    return anyReadsOldObject(kafkaNodePoolRules());
  case model::Kind::TlsRoute:
    return anyReadsOldObject(tlsRouteRules());
  case model::Kind::Certificate:
    return anyReadsOldObject(certificateRules());
  case model::Kind::Gateway:
  case model::Kind::ReferenceGrant:
  case model::Kind::Service:
  case model::Kind::Secret:
  case model::Kind::ListenerSet:
  case model::Kind::Namespace:
    return false; // no rules
  }
  return false;
}

FindingList runRules(const Subject<model::Kafka>& subject) {
  return runAll(kafkaRules(), subject);
}

FindingList runRules(const Subject<model::KafkaNodePool>& subject) {
  return runAll(kafkaNodePoolRules(), subject);
}

FindingList runRules(const Subject<model::TlsRoute>& subject) {
  return runAll(tlsRouteRules(), subject);
}

FindingList runRules(const Subject<model::Certificate>& subject) {
  return runAll(certificateRules(), subject);
}

} // namespace sgw::rules
