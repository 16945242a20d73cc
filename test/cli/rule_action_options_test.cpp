#include <catch2/catch.hpp>
#include <sstream>

#include "sgw/cli/rule_action_options.h"

using sgw::cli::RuleActionOptions;
using sgw::policy::RuleAction;

namespace {

// The options as a command line sets them.
RuleActionOptions parsed(const std::string& commandLine) {
  CLI::App command("judge");
  RuleActionOptions options;
  sgw::cli::addRuleActionOptions(command, options);
  command.parse(commandLine);
  return options;
}

// What resolveRuleActions prints when it refuses the options.
std::string refusal(const RuleActionOptions& options) {
  std::ostringstream err;
  const auto actions = sgw::cli::resolveRuleActions(options, err);
  CHECK_FALSE(actions.has_value());
  return err.str();
}

} // namespace

TEST_CASE("without options every rule denies", "[cli][policy]") {
  CLI::App command("judge");
  RuleActionOptions options;
  sgw::cli::addRuleActionOptions(command, options);
  command.parse(std::string());
  CHECK(options.enforcement == "deny");
  CHECK(options.settings.empty());
  // --help shows the default.
  CHECK(command.get_option("--enforcement")->get_default_str() == "deny");

  std::ostringstream err;
  const auto actions = sgw::cli::resolveRuleActions(options, err);
  REQUIRE(actions.has_value());
  CHECK(actions->enforcement() == RuleAction::Deny);
  CHECK(actions->relaxed().empty());
  CHECK(err.str().empty());
}

TEST_CASE(
    "rule actions: --rule-action is repeatable and comma-separated; --enforcement sets the rest",
    "[cli][policy]") {
  const auto options = parsed("--rule-action broker-ids=warn,route-backend=off --enforcement warn "
                              "--rule-action hostname-san=deny");
  CHECK(options.enforcement == "warn");
  CHECK(options.settings ==
        std::vector<std::string>{"broker-ids=warn", "route-backend=off", "hostname-san=deny"});

  std::ostringstream err;
  const auto actions = sgw::cli::resolveRuleActions(options, err);
  REQUIRE(actions.has_value());
  CHECK(err.str().empty());
  CHECK(actions->enforcement() == RuleAction::Warn);
  CHECK(actions->actionFor("broker-ids") == RuleAction::Warn);
  CHECK(actions->actionFor("route-backend") == RuleAction::Off);
  CHECK(actions->actionFor("hostname-san") == RuleAction::Deny);
  CHECK(actions->actionFor("pool-roles") == RuleAction::Warn);
}

TEST_CASE("options naming an unknown enforcement, rule or action are refused with one error line",
          "[cli][policy]") {
  CHECK(refusal({"block", {}}) == "error: unknown enforcement \"block\": use deny or warn\n");
  CHECK(refusal({"deny", {"broker-ids"}}) ==
        "error: rule action \"broker-ids\" is not ID=ACTION (for example broker-ids=warn)\n");
  CHECK(refusal({"deny", {"broker-ids=warn", "broker-ids=dryrun"}}) ==
        "error: unknown action \"dryrun\" for rule broker-ids: use deny, warn or off\n");
  const auto unknownRule = refusal(parsed("--rule-action san=warn"));
  CHECK_THAT(unknownRule, Catch::StartsWith("error: unknown rule \"san\" in --rule-action; rules: "
                                            "advertised-hosts, advertised-port, broker-ids, "));
  CHECK_THAT(unknownRule, Catch::EndsWith(", tlsroute-gateway\n"));
}
