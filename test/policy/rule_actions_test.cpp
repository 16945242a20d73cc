#include <catch2/catch.hpp>

#include "sgw/policy/rule_actions.h"

using sgw::FieldError;
using sgw::FieldPath;
using sgw::policy::RuleAction;
using sgw::policy::RuleActions;
using sgw::rules::Finding;
using sgw::rules::FindingList;
using sgw::rules::Severity;

namespace {

RuleActions parsed(std::string_view enforcement, const std::vector<std::string>& settings) {
  auto result = RuleActions::parse(enforcement, settings);
  REQUIRE(std::holds_alternative<RuleActions>(result));
  return std::get<RuleActions>(result);
}

std::string parseError(std::string_view enforcement, const std::vector<std::string>& settings) {
  const auto result = RuleActions::parse(enforcement, settings);
  REQUIRE(std::holds_alternative<std::string>(result));
  return std::get<std::string>(result);
}

FindingList threeFindings() {
  return {
      {"broker-ids", Severity::Deny,
       FieldError::invalid(FieldPath::root("spec").child("kafka").child("listeners").index(0), 13,
                           "not a broker node")},
      {"hostname-san", Severity::Deny,
       FieldError::invalid(FieldPath::root("spec").child("hostnames").index(0), "a.example.com",
                           "not covered")},
      {"route-backend", Severity::Warn,
       FieldError::notFound(FieldPath::root("spec").child("rules").index(0), "svc")},
  };
}

} // namespace

TEST_CASE("by default every rule denies and findings pass unchanged", "[policy]") {
  const RuleActions actions;
  CHECK(actions.enforcement() == RuleAction::Deny);
  CHECK(actions.actionFor("broker-ids") == RuleAction::Deny);
  CHECK(actions.relaxed().empty());
  const auto findings = actions.apply(threeFindings());
  REQUIRE(findings.size() == 3);
  CHECK(findings[0].severity == Severity::Deny);
  CHECK_FALSE(findings[0].wouldDeny);
  CHECK(findings[0].text() == "spec.kafka.listeners[0]: Invalid value: 13: not a broker node");
}

TEST_CASE("a rule set to warn turns its denials into warnings that say so; off drops it",
          "[policy]") {
  const auto actions = parsed("deny", {"broker-ids=warn", "route-backend=off"});
  const auto findings = actions.apply(threeFindings());
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].ruleId == "broker-ids");
  CHECK(findings[0].severity == Severity::Warn);
  CHECK(findings[0].wouldDeny);
  CHECK(findings[0].text() == "would deny (broker-ids): "
                              "spec.kafka.listeners[0]: Invalid value: 13: not a broker node");
  CHECK(findings[0].message() == "would deny (broker-ids): "
                                 "Invalid value: 13: not a broker node");
  CHECK(findings[1].ruleId == "hostname-san");
  CHECK(findings[1].severity == Severity::Deny);
  CHECK(actions.relaxed() == std::vector<std::string>{"broker-ids=warn", "route-backend=off"});
}

TEST_CASE("enforcement warn relaxes every rule; a rule can still be set to deny", "[policy]") {
  const auto actions = parsed("warn", {"hostname-san=deny"});
  CHECK(actions.enforcement() == RuleAction::Warn);
  const auto findings = actions.apply(threeFindings());
  REQUIRE(findings.size() == 3);
  CHECK(findings[0].severity == Severity::Warn);
  CHECK(findings[0].wouldDeny);
  CHECK(findings[1].severity == Severity::Deny);
  CHECK_FALSE(findings[1].wouldDeny);
  // A warning stays a warning, with no would-deny notice.
  CHECK(findings[2].severity == Severity::Warn);
  CHECK_FALSE(findings[2].wouldDeny);
  CHECK(findings[2].text() == "spec.rules[0]: Not found: \"svc\"");
}

TEST_CASE("the last setting of a rule wins", "[policy]") {
  const auto actions = parsed("deny", {"broker-ids=off", "broker-ids=warn"});
  CHECK(actions.actionFor("broker-ids") == RuleAction::Warn);
}

TEST_CASE("every rule of every kind, the type check and the mutation can be given an action",
          "[policy]") {
  CHECK(sgw::policy::configurableRuleIds() ==
        std::vector<std::string>{
            "advertised-hosts", "advertised-port", "broker-ids", "certificate-names",
            "certificate-secret-match", "gateway-passthrough", "hostname-san", "listener-config",
            "listener-coverage", "object-schema", "pool-annotations", "pool-roles",
            "route-acceptance", "route-backend", "route-broker-match", "tlsroute-gateway"});
  const auto inForce = parsed("deny", {"pool-roles=off"}).inForce();
  REQUIRE(inForce.size() == sgw::policy::configurableRuleIds().size());
  CHECK(inForce.front() ==
        std::pair<std::string, RuleAction>{"advertised-hosts", RuleAction::Deny});
  CHECK(std::count(inForce.begin(), inForce.end(),
                   std::pair<std::string, RuleAction>{"pool-roles", RuleAction::Off}) == 1);
}

TEST_CASE("an unknown rule, action or enforcement is refused naming the valid ones", "[policy]") {
  CHECK(parseError("block", {}) == "unknown enforcement \"block\": use deny or warn");
  CHECK(parseError("deny", {"broker-ids"}) ==
        "rule action \"broker-ids\" is not ID=ACTION (for example broker-ids=warn)");
  CHECK(parseError("deny", {"broker-id=warn"}) ==
        "unknown rule \"broker-id\" in --rule-action; rules: advertised-hosts, advertised-port, "
        "broker-ids, certificate-names, certificate-secret-match, gateway-passthrough, "
        "hostname-san, listener-config, listener-coverage, "
        "object-schema, pool-annotations, pool-roles, route-acceptance, route-backend, "
        "route-broker-match, tlsroute-gateway");
  CHECK(parseError("deny", {"broker-ids=dryrun"}) ==
        "unknown action \"dryrun\" for rule broker-ids: use deny, warn or off");
}
