#include "sgw/rules/validation.h"

#include "sgw/rules/registry.h"

namespace sgw::rules {

bool isJudged(model::Kind kind) {
  switch (kind) {
  case model::Kind::Kafka:
    return kJudged<model::Kafka>;
  case model::Kind::KafkaNodePool:
    return kJudged<model::KafkaNodePool>;
  case model::Kind::TlsRoute:
    return kJudged<model::TlsRoute>;
  case model::Kind::Gateway:
    return kJudged<model::Gateway>;
  case model::Kind::ReferenceGrant:
    return kJudged<model::ReferenceGrant>;
  case model::Kind::Service:
    return kJudged<model::Service>;
  case model::Kind::Secret:
    return kJudged<model::Secret>;
  case model::Kind::ListenerSet:
    return kJudged<model::ListenerSet>;
  case model::Kind::Namespace:
    return kJudged<model::Namespace>;
  case model::Kind::Certificate:
    return kJudged<model::Certificate>;
  }
  return false;
}

FindingList objectSchemaFindings(const FieldErrorList& errors) {
  FindingList findings;
  for (const auto& error : errors) {
    findings.push_back({std::string(kObjectSchemaRuleId), Severity::Deny, error});
  }
  return findings;
}

FindingList validate(const Subject<model::Kafka>& subject) {
  return runRules(subject);
}

FindingList validate(const Subject<model::KafkaNodePool>& subject) {
  return runRules(subject);
}

FindingList validate(const Subject<model::Certificate>& subject) {
  return runRules(subject);
}

FindingList validate(const Subject<model::TlsRoute>& subject) {
  auto findings = runRules(subject);
  if (subject.object.ownedByStrimzi()) {
    for (auto& finding : findings) {
      finding.severity = Severity::Warn;
    }
  }
  return findings;
}

} // namespace sgw::rules
