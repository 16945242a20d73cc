#include "sgw/rules/registry.h"

#include <array>

namespace sgw::rules {

namespace {

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
  return {};
}

std::span<const Rule<model::KafkaNodePool>> kafkaNodePoolRules() {
  return {};
}

std::span<const Rule<model::TlsRoute>> tlsRouteRules() {
  return {};
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

} // namespace sgw::rules
