#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "sgw/rules/finding.h"

namespace sgw::policy {

// What a rule's denials do: deny the request, go to the user as warnings only, or nothing at
// all. A platform team adopts the webhook on a running cluster rule by rule this way.
enum class RuleAction { Deny, Warn, Off };

std::string_view toString(RuleAction action);
std::optional<RuleAction> ruleActionFromString(std::string_view text);

// Every rule id an action can be set for: the rules of each reviewed kind, the type check of
// reviewed objects and the mutation, sorted.
std::vector<std::string> configurableRuleIds();

// The action in force for every rule: the enforcement (deny, or warn for all rules at once),
// overridden rule by rule.
class RuleActions {
public:
  // Every rule denies.
  RuleActions() = default;

  // Reads `--enforcement` and the `ID=ACTION` settings of `--rule-action`. An unknown rule id,
  // action or enforcement is an error naming the valid ones.
  static std::variant<RuleActions, std::string> parse(std::string_view enforcement,
                                                      std::span<const std::string> settings);

  RuleAction actionFor(std::string_view ruleId) const;
  RuleAction enforcement() const { return enforcement_; }
  // Every configurable rule with its action, sorted by id.
  std::vector<std::pair<std::string, RuleAction>> inForce() const;
  // The rules whose action differs from deny, as `id=action`, for the startup log.
  std::vector<std::string> relaxed() const;

  // The findings as the actions make them: those of rules set to off are dropped, the denials
  // of rules set to warn become warnings that say they would have denied.
  rules::FindingList apply(rules::FindingList findings) const;

private:
  RuleAction enforcement_ = RuleAction::Deny;
  std::map<std::string, RuleAction, std::less<>> overrides_;
};

} // namespace sgw::policy
