#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "sgw/policy/rule_actions.h"

namespace sgw::cli {

// `--enforcement` and `--rule-action`, shared by every command that judges objects so each
// honours the same actions.
struct RuleActionOptions {
  std::string enforcement = "deny";
  std::vector<std::string> settings; // ID=ACTION
};

void addRuleActionOptions(CLI::App& command, RuleActionOptions& options);

// The actions the options ask for; on an unknown rule id or action, prints the error naming the
// valid ones to `err` and returns nothing.
std::optional<policy::RuleActions> resolveRuleActions(const RuleActionOptions& options,
                                                      std::ostream& err);

} // namespace sgw::cli
