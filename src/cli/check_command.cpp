#include <algorithm>
#include <iostream>
#include <set>
#include <tuple>

#include "sgw/audit/cluster_audit.h"
#include "sgw/cli/cluster_from_api.h"
#include "sgw/cli/commands.h"
#include "sgw/cli/manifest_input.h"
#include "sgw/cli/rule_action_options.h"
#include "sgw/manifest/yaml_writer.h"
#include "sgw/offline/check.h"

namespace sgw::cli {

namespace {

struct CheckOptions {
  std::vector<std::string> paths;
  std::string output = "text";
  bool showMutations = false;
  std::string defaultNamespace = "default";
  RuleActionOptions ruleActions;
  ApiSourceOptions api;
  int syncTimeoutSeconds = 30;
};

// A finding with the object it is about and, for manifests, the place it points at (no file for
// an object read from the API server).
struct LocatedFinding {
  std::string file;
  int line = 0;
  model::Kind kind = model::Kind::Kafka;
  model::ObjectKey key;
  const rules::Finding* finding = nullptr;
};

std::vector<LocatedFinding> locate(const offline::CheckResult& result,
                                   const std::vector<manifest::Manifest>& manifests) {
  std::vector<LocatedFinding> out;
  for (const auto& finding : result.findings) {
    const auto& manifest = manifests[finding.object];
    out.push_back({manifest.file, manifest.lineOf(finding.finding.error.path.jsonPointer()),
                   finding.kind, finding.key, &finding.finding});
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tie(a.file, a.line) < std::tie(b.file, b.line);
  });
  return out;
}

bool isWarning(const rules::Finding& finding) {
  return finding.severity == rules::Severity::Warn;
}

// `file:LINE: Kind namespace/name: <field error>`; warnings read `file:LINE: warning: ...`, as
// compilers print them, so `grep -v ': warning: '` leaves the denials. Objects of a live cluster
// have no file: `Kind namespace/name: ...` and `warning: Kind namespace/name: ...`.
void printText(const std::vector<LocatedFinding>& findings, std::ostream& out) {
  for (const auto& located : findings) {
    if (!located.file.empty()) {
      out << located.file << ":" << located.line << ": ";
    }
    out << (isWarning(*located.finding) ? "warning: " : "") << model::kindName(located.kind) << " "
        << located.key.toString() << ": " << located.finding->text() << "\n";
  }
}

void printJson(const std::vector<LocatedFinding>& findings, std::ostream& out) {
  auto array = nlohmann::ordered_json::array();
  for (const auto& located : findings) {
    const auto& finding = *located.finding;
    const bool inFile = !located.file.empty();
    array.push_back({{"file", inFile ? nlohmann::ordered_json(located.file) : nullptr},
                     {"line", inFile ? nlohmann::ordered_json(located.line) : nullptr},
                     {"kind", model::kindName(located.kind)},
                     {"namespace", located.key.namespace_},
                     {"name", located.key.name},
                     {"severity", isWarning(finding) ? "warn" : "deny"},
                     {"rule", finding.ruleId},
                     {"field", finding.error.path.toString()},
                     {"message", finding.message()}});
  }
  out << array.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

void printFindings(const CheckOptions& options, const std::vector<LocatedFinding>& findings,
                   std::ostream& out) {
  if (options.output == "json") {
    printJson(findings, out);
  } else {
    printText(findings, out);
  }
}

std::string counted(std::size_t count, const std::string& singular, const std::string& plural) {
  return std::to_string(count) + " " + (count == 1 ? singular : plural);
}

void printSummary(std::size_t judged, std::size_t denied, std::size_t warnings) {
  std::cerr << "checked " << counted(judged, "object", "objects") << ": " << denied << " denied, "
            << counted(warnings, "warning", "warnings") << "\n";
}

// The audit of a live cluster: every object judged as it is stored, as `serve` audits it.
int checkCluster(const CheckOptions& options, const policy::RuleActions& actions) {
  auto api = options.api;
  api.syncTimeout = std::chrono::seconds(options.syncTimeoutSeconds);
  const auto read = readClusterFromApi(api, {});
  if (const auto* error = std::get_if<std::string>(&read)) {
    std::cerr << "error: " << *error << "\n";
    return kExitUsage;
  }
  const auto& snapshot = *std::get<std::shared_ptr<const cluster::ClusterSnapshot>>(read);
  const auto findings = audit::auditCluster(snapshot, std::chrono::system_clock::now(), actions);
  std::vector<LocatedFinding> located;
  std::set<std::pair<model::Kind, model::ObjectKey>> denied;
  std::size_t warnings = 0;
  for (const auto& finding : findings) {
    located.push_back({{}, 0, finding.kind, finding.key, &finding.finding});
    if (isWarning(finding.finding)) {
      ++warnings;
    } else {
      denied.emplace(finding.kind, finding.key);
    }
  }
  printFindings(options, located, std::cout);
  printSummary(snapshot.kafkas().size() + snapshot.nodePools().size() + snapshot.tlsRoutes().size(),
               denied.size(), warnings);
  return denied.empty() ? kExitOk : kExitFindings;
}

int check(const CheckOptions& options) {
  const auto actions = resolveRuleActions(options.ruleActions, std::cerr);
  if (!actions.has_value()) {
    return kExitUsage;
  }
  if (options.paths.empty() == options.api.kubeconfig.empty()) {
    std::cerr << "error: check manifests with -f, or a live cluster with --kubeconfig\n";
    return kExitUsage;
  }
  if (!options.api.kubeconfig.empty()) {
    return checkCluster(options, *actions);
  }
  const auto loaded = loadInputs(options.paths);
  if (!loaded.errors.empty()) {
    printLoadErrors(loaded.errors, std::cerr);
    return kExitUsage;
  }
  const auto result =
      offline::checkObjects(manifest::objectsOf(loaded.manifests), options.defaultNamespace,
                            std::chrono::system_clock::now(), *actions);
  // With --show-mutations stdout holds the mutated objects, so the findings go to stderr.
  auto& findingsOut = options.showMutations ? std::cerr : std::cout;
  printFindings(options, locate(result, loaded.manifests), findingsOut);
  if (options.showMutations) {
    std::vector<nlohmann::json> mutated;
    for (const auto& mutation : result.mutated.mutations) {
      if (!mutation.patch.empty()) {
        mutated.push_back(result.mutated.objects[mutation.object]);
      }
    }
    std::cout << manifest::toYamlDocuments(mutated);
  }
  const auto warnings =
      std::count_if(result.findings.begin(), result.findings.end(),
                    [](const auto& finding) { return isWarning(finding.finding); });
  printSummary(result.judged, result.deniedObjects, static_cast<std::size_t>(warnings));
  return result.denied() ? kExitFindings : kExitOk;
}

} // namespace

void addCheckCommand(CLI::App& app, int& exitCode) {
  auto options = std::make_shared<CheckOptions>();
  auto* command = app.add_subcommand(
      "check", "Judge manifests as the webhook would at kubectl apply, for CI: each Kafka, "
               "KafkaNodePool and TLSRoute as if applied into the cluster the others make; or "
               "audit a live cluster once with --kubeconfig");
  auto* filename =
      command->add_option("-f,--filename", options->paths,
                          "Manifest file or folder (read recursively), or - for stdin; repeatable");
  auto* kubeconfig = command
                         ->add_option("--kubeconfig", options->api.kubeconfig,
                                      "Audit the cluster of this kubeconfig instead: every "
                                      "Kafka, KafkaNodePool, TLSRoute and Certificate as it "
                                      "is stored")
                         ->excludes(filename);
  command->add_option("--context", options->api.context, "The kubeconfig context to use")
      ->needs(kubeconfig);
  command
      ->add_option("--namespaces", options->api.namespaces,
                   "Audit only these namespaces (comma-separated); default: all namespaces")
      ->delimiter(',')
      ->needs(kubeconfig);
  command
      ->add_flag("--allow-insecure-kubeconfig", options->api.allowInsecure,
                 "Accept a kubeconfig cluster with insecure-skip-tls-verify")
      ->needs(kubeconfig);
  command
      ->add_option("--sync-timeout", options->syncTimeoutSeconds,
                   "Seconds to wait for the cluster to be listed")
      ->capture_default_str()
      ->check(CLI::Range(1, 3600))
      ->needs(kubeconfig);
  command->add_option("--output", options->output, "Findings as text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  command->add_flag("--show-mutations", options->showMutations,
                    "Print the Kafkas the mutating webhook would change, as YAML on stdout "
                    "(the findings then go to stderr)");
  command
      ->add_option("--default-namespace", options->defaultNamespace,
                   "Namespace of manifests that name none")
      ->capture_default_str();
  addRuleActionOptions(*command, options->ruleActions);
  command->footer("Findings: FILE:LINE: Kind namespace/name: <field>: <message>, warnings as "
                  "FILE:LINE: warning: ... (no FILE:LINE with --kubeconfig)\nExit status: 0 "
                  "nothing denied, 1 something denied, 2 unreadable input or cluster.");
  command->callback([options, &exitCode] { exitCode = check(*options); });
}

} // namespace sgw::cli
