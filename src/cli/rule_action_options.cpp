#include "sgw/cli/rule_action_options.h"

namespace sgw::cli {

void addRuleActionOptions(CLI::App& command, RuleActionOptions& options) {
  command
      .add_option("--enforcement", options.enforcement,
                  "What denials do: deny, or warn (every rule's denials are sent as warnings "
                  "saying they would have denied); --rule-action overrides it per rule")
      ->capture_default_str();
  command
      .add_option("--rule-action", options.settings,
                  "ID=ACTION: the action of one rule, deny, warn or off (repeatable, or "
                  "comma-separated)")
      ->delimiter(',');
}

std::optional<policy::RuleActions> resolveRuleActions(const RuleActionOptions& options,
                                                      std::ostream& err) {
  auto parsed = policy::RuleActions::parse(options.enforcement, options.settings);
  if (const auto* error = std::get_if<std::string>(&parsed)) {
    err << "error: " << *error << "\n";
    return std::nullopt;
  }
  return std::get<policy::RuleActions>(std::move(parsed));
}

} // namespace sgw::cli
