#include "sgw/rules/finding.h"

#include <algorithm>

namespace sgw::rules {

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
