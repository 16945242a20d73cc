#include <fstream>
#include <iostream>
#include <sstream>

#include "sgw/admission/review_pipeline.h"
#include "sgw/cli/commands.h"
#include "sgw/cli/rule_action_options.h"
#include "sgw/core/base64.h"
#include "sgw/manifest/manifest.h"
#include "sgw/state/manifest_snapshot.h"

namespace sgw::cli {

namespace {

struct ReviewOptions {
  std::string stateDir;
  std::string defaultNamespace = "default";
  std::string input = "-";
  bool mutate = false;
  bool apply = false;
  RuleActionOptions ruleActions;
};

std::optional<std::string> readInput(const std::string& input) {
  std::ostringstream text;
  if (input == "-") {
    text << std::cin.rdbuf();
    return text.str();
  }
  std::ifstream stream(input, std::ios::binary);
  if (!stream) {
    return std::nullopt;
  }
  text << stream.rdbuf();
  return text.str();
}

// `--apply`: the object of the request with the response's patch applied, as the apiserver would
// store it; warnings and a denial go to stderr.
int printMutatedObject(const std::string& body, const admission::HttpAnswer& answer) {
  const auto request =
      std::get<admission::AdmissionRequest>(admission::decodeAdmissionReview(body));
  const auto response = nlohmann::json::parse(answer.body).at("response");
  for (const auto& warning : response.value("warnings", nlohmann::json::array())) {
    std::cerr << "warning: " << warning.get<std::string>() << "\n";
  }
  if (!response.at("allowed").get<bool>()) {
    std::cerr << "error: denied: " << response.at("status").value("message", "") << "\n";
    return kExitFindings;
  }
  auto object = request.object.toJson();
  if (response.contains("patch")) {
    try {
      const auto patch = base64Decode(response.at("patch").get<std::string>());
      object = object.patch(nlohmann::json::parse(patch.value_or("[]")));
    } catch (const nlohmann::json::exception& error) {
      std::cerr << "error: the patch does not apply: " << error.what() << "\n";
      return kExitUsage;
    }
  }
  std::cout << object.dump(2) << "\n";
  return kExitOk;
}

int review(const ReviewOptions& options) {
  const auto actions = resolveRuleActions(options.ruleActions, std::cerr);
  if (!actions.has_value()) {
    return kExitUsage;
  }
  auto loaded = manifest::loadPath(options.stateDir);
  if (!loaded.errors.empty()) {
    for (const auto& error : loaded.errors) {
      std::cerr << "error: " << error.toString() << "\n";
    }
    return kExitUsage;
  }
  auto built = state::snapshotFromManifests(loaded.manifests, options.defaultNamespace);
  for (const auto& skipped : built.skipped) {
    std::cerr << "warning: skipped " << skipped << "\n";
  }
  const auto body = readInput(options.input);
  if (!body.has_value()) {
    std::cerr << "error: cannot read " << options.input << "\n";
    return kExitUsage;
  }
  const auto answer = admission::answer(
      *body, options.mutate ? admission::Endpoint::Mutate : admission::Endpoint::Validate,
      built.snapshot, std::chrono::system_clock::now(), *actions);
  if (answer.status != 200) {
    std::cerr << "error: HTTP " << answer.status << ": " << answer.error << "\n";
    return kExitUsage;
  }
  if (options.apply) {
    return printMutatedObject(*body, answer);
  }
  std::cout << answer.body << "\n";
  return answer.record->verdict == admission::Verdict::Denied ? kExitFindings : kExitOk;
}

} // namespace

void addReviewCommand(CLI::App& app, int& exitCode) {
  auto options = std::make_shared<ReviewOptions>();
  auto* command = app.add_subcommand(
      "review", "Answer one AdmissionReview request exactly as the server would, and print it");
  command
      ->add_option("--state-dir", options->stateDir,
                   "Folder of manifests standing in for the cluster")
      ->required()
      ->check(CLI::ExistingPath);
  auto* mutate =
      command->add_flag("--mutate", options->mutate, "Answer as /mutate instead of /validate");
  command
      ->add_flag("--apply", options->apply,
                 "Print the object with the patch applied instead of the response")
      ->needs(mutate);
  command
      ->add_option("--default-namespace", options->defaultNamespace,
                   "Namespace of manifests that name none")
      ->capture_default_str();
  addRuleActionOptions(*command, options->ruleActions);
  command->add_option("request", options->input, "AdmissionReview request file, or - for stdin")
      ->capture_default_str();
  command->footer("Exit status: 0 allowed, 1 denied, 2 unreadable input (the server's HTTP 400).");
  command->callback([options, &exitCode] { exitCode = review(*options); });
}

} // namespace sgw::cli
