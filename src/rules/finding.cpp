#include "sgw/rules/finding.h"

#include <algorithm>

namespace sgw::rules {

namespace {

std::string wouldDenyNotice(const Finding& finding) {
  // Short: the API server keeps only the first few hundred bytes of each warning.
  return finding.wouldDeny ? "would deny (" + finding.ruleId + "): " : "";
}

} // namespace

std::string Finding::text() const {
  return wouldDenyNotice(*this) + error.toString();
}

std::string Finding::message() const {
  return wouldDenyNotice(*this) + error.body();
}

bool hasDenial(const FindingList& findings) {
  return std::any_of(findings.begin(), findings.end(),
                     [](const Finding& finding) { return finding.severity == Severity::Deny; });
}

FieldErrorList errorsWithSeverity(const FindingList& findings, Severity severity) {
  FieldErrorList out;
  for (const auto& finding : findings) {
    if (finding.severity == severity) {
      out.push_back(finding.error);
    }
  }
  return out;
}

} // namespace sgw::rules
