#include <catch2/catch.hpp>

#include "sgw/rules/finding.h"

using sgw::FieldError;
using sgw::FieldPath;
using sgw::rules::Finding;
using sgw::rules::FindingList;
using sgw::rules::FindingSink;
using sgw::rules::Severity;

namespace {

const FieldError kBrokerError =
    FieldError::invalid(FieldPath::parse("spec.kafka.listeners[0].configuration.brokers[2].broker"),
                        13, "broker nodes of cluster gateway-api-test are 10, 11, 12");

} // namespace

TEST_CASE("a finding reads as its field error, with the would-deny notice when sent as a warning",
          "[rules][finding]") {
  Finding finding{"broker-ids", Severity::Deny, kBrokerError};
  CHECK(finding.text() == "spec.kafka.listeners[0].configuration.brokers[2].broker: Invalid "
                          "value: 13: broker nodes of cluster gateway-api-test are 10, 11, 12");
  CHECK(finding.message() == "Invalid value: 13: broker nodes of cluster gateway-api-test are 10, "
                             "11, 12");
  finding.severity = Severity::Warn;
  finding.wouldDeny = true;
  CHECK(finding.text() == "would deny (broker-ids): spec.kafka.listeners[0].configuration."
                          "brokers[2].broker: Invalid value: 13: broker nodes of cluster "
                          "gateway-api-test are 10, 11, 12");
  CHECK(finding.message() == "would deny (broker-ids): Invalid value: 13: broker nodes of cluster "
                             "gateway-api-test are 10, 11, 12");
}

TEST_CASE("a sink reports under its own rule id", "[rules][finding]") {
  FindingList findings;
  FindingSink sink("broker-ids", findings);
  sink.deny(kBrokerError);
  sink.warn(FieldError::required(FieldPath::root("spec"), "x"));
  sink.denyIfCertain(true, FieldError::forbidden(FieldPath::root("a"), "certain"));
  sink.denyIfCertain(false, FieldError::forbidden(FieldPath::root("b"), "unsure"));
  FindingSink other("route-backend", findings);
  other.warn(FieldError::forbidden(FieldPath::root("c"), "other"));

  REQUIRE(findings.size() == 5);
  std::vector<std::string> seen;
  for (const auto& finding : findings) {
    seen.push_back(finding.ruleId + " " + (finding.severity == Severity::Deny ? "deny" : "warn") +
                   " " + finding.text());
    CHECK_FALSE(finding.wouldDeny);
  }
  CHECK(seen == std::vector<std::string>{
                    "broker-ids deny " + kBrokerError.toString(),
                    "broker-ids warn spec: Required value: x",
                    "broker-ids deny a: Forbidden: certain",
                    "broker-ids warn b: Forbidden: unsure",
                    "route-backend warn c: Forbidden: other",
                });
}

TEST_CASE("findings are split by severity, keeping their order", "[rules][finding]") {
  FindingList findings;
  CHECK_FALSE(sgw::rules::hasDenial(findings));
  CHECK(sgw::rules::errorsWithSeverity(findings, Severity::Deny).empty());

  FindingSink sink("rule", findings);
  sink.warn(FieldError::forbidden(FieldPath::root("w1"), "x"));
  CHECK_FALSE(sgw::rules::hasDenial(findings));
  sink.deny(FieldError::forbidden(FieldPath::root("d1"), "x"));
  sink.warn(FieldError::forbidden(FieldPath::root("w2"), "x"));
  sink.deny(FieldError::forbidden(FieldPath::root("d2"), "x"));
  CHECK(sgw::rules::hasDenial(findings));

  const auto paths = [](const sgw::FieldErrorList& errors) {
    std::vector<std::string> out;
    for (const auto& error : errors) {
      out.push_back(error.path.toString());
    }
    return out;
  };
  CHECK(paths(sgw::rules::errorsWithSeverity(findings, Severity::Deny)) ==
        std::vector<std::string>{"d1", "d2"});
  CHECK(paths(sgw::rules::errorsWithSeverity(findings, Severity::Warn)) ==
        std::vector<std::string>{"w1", "w2"});
}
