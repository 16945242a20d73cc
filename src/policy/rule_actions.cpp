#include "sgw/policy/rule_actions.h"

#include <algorithm>

#include "sgw/mutation/advertised_hosts.h"
#include "sgw/rules/registry.h"
#include "sgw/rules/validation.h"

namespace sgw::policy {

namespace {

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    out += (out.empty() ? "" : ", ") + item;
  }
  return out;
}

template <class Table> void addIds(std::vector<std::string>& ids, const Table& table) {
  for (const auto& rule : table) {
    ids.emplace_back(rule.id);
  }
}

} // namespace

std::string_view toString(RuleAction action) {
  switch (action) {
  case RuleAction::Deny:
    return "deny";
  case RuleAction::Warn:
    return "warn";
  case RuleAction::Off:
    return "off";
  }
  return "deny";
}

std::optional<RuleAction> ruleActionFromString(std::string_view text) {
  for (const auto action : {RuleAction::Deny, RuleAction::Warn, RuleAction::Off}) {
    if (text == toString(action)) {
      return action;
    }
  }
  return std::nullopt;
}

std::vector<std::string> configurableRuleIds() {
  std::vector<std::string> ids{std::string(rules::kObjectSchemaRuleId),
                               std::string(mutation::kAdvertisedHostsId)};
  addIds(ids, rules::kafkaRules());
  addIds(ids, rules::kafkaNodePoolRules());
  addIds(ids, rules::tlsRouteRules());
  addIds(ids, rules::certificateRules());
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

std::variant<RuleActions, std::string> RuleActions::parse(std::string_view enforcement,
                                                          std::span<const std::string> settings) {
  RuleActions actions;
  if (enforcement == "warn") {
    actions.enforcement_ = RuleAction::Warn;
  } else if (enforcement != "deny") {
    return "unknown enforcement \"" + std::string(enforcement) + "\": use deny or warn";
  }
  const auto known = configurableRuleIds();
  for (const auto& setting : settings) {
    const auto equals = setting.find('=');
    if (equals == std::string::npos) {
      return "rule action \"" + setting + "\" is not ID=ACTION (for example broker-ids=warn)";
    }
    const auto id = setting.substr(0, equals);
    const auto actionText = setting.substr(equals + 1);
    if (std::find(known.begin(), known.end(), id) == known.end()) {
      return "unknown rule \"" + id + "\" in --rule-action; rules: " + joined(known);
    }
    const auto action = ruleActionFromString(actionText);
    if (!action.has_value()) {
      return "unknown action \"" + actionText + "\" for rule " + id + ": use deny, warn or off";
    }
    actions.overrides_[id] = *action;
  }
  return actions;
}

RuleAction RuleActions::actionFor(std::string_view ruleId) const {
  const auto found = overrides_.find(ruleId);
  return found == overrides_.end() ? enforcement_ : found->second;
}

std::vector<std::pair<std::string, RuleAction>> RuleActions::inForce() const {
  std::vector<std::pair<std::string, RuleAction>> out;
  for (auto& id : configurableRuleIds()) {
    const auto action = actionFor(id);
    out.emplace_back(std::move(id), action);
  }
  return out;
}

std::vector<std::string> RuleActions::relaxed() const {
  std::vector<std::string> out;
  for (const auto& [id, action] : inForce()) {
    if (action != RuleAction::Deny) {
      out.push_back(id + "=" + std::string(toString(action)));
    }
  }
  return out;
}

rules::FindingList RuleActions::apply(rules::FindingList findings) const {
  if (enforcement_ == RuleAction::Deny && overrides_.empty()) {
    return findings;
  }
  rules::FindingList out;
  out.reserve(findings.size());
  for (auto& finding : findings) {
    const auto action = actionFor(finding.ruleId);
    if (action == RuleAction::Off) {
      continue;
    }
    if (action == RuleAction::Warn && finding.severity == rules::Severity::Deny) {
      finding.severity = rules::Severity::Warn;
      finding.wouldDeny = true;
    }
    out.push_back(std::move(finding));
  }
  return out;
}

} // namespace sgw::policy
