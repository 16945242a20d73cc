#include "sgw/rules/validation.h"

#include "sgw/rules/registry.h"

namespace sgw::rules {

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
