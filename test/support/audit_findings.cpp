#include "support/audit_findings.h"

namespace sgw::test {

audit::AuditFinding routeFinding(std::string name, std::string rule, std::string detail) {
  return {model::Kind::TlsRoute,
          {"strimzi", std::move(name)},
          {std::move(rule), rules::Severity::Deny,
           FieldError::invalid(FieldPath::root("spec").child("hostnames").index(0), "a.example.com",
                               std::move(detail))}};
}

} // namespace sgw::test
