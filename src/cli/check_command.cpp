#include <algorithm>
#include <iostream>
#include <tuple>

#include "sgw/cli/commands.h"
#include "sgw/cli/manifest_input.h"
#include "sgw/manifest/yaml_writer.h"
#include "sgw/offline/check.h"

namespace sgw::cli {

namespace {

struct CheckOptions {
  std::vector<std::string> paths;
  std::string output = "text";
  bool showMutations = false;
  std::string defaultNamespace = "default";
};

// A finding with the place in the manifests it points at.
struct LocatedFinding {
  std::string file;
  int line = 0;
  const offline::ObjectFinding* finding = nullptr;
};

std::vector<LocatedFinding> locate(const offline::CheckResult& result,
                                   const std::vector<manifest::Manifest>& manifests) {
  std::vector<LocatedFinding> out;
  for (const auto& finding : result.findings) {
    const auto& manifest = manifests[finding.object];
    out.push_back(
        {manifest.file, manifest.lineOf(finding.finding.error.path.jsonPointer()), &finding});
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tie(a.file, a.line) < std::tie(b.file, b.line);
  });
  return out;
}

bool isWarning(const offline::ObjectFinding& finding) {
  return finding.finding.severity == rules::Severity::Warn;
}

// `file:LINE: Kind namespace/name: <field error>`; warnings read `file:LINE: warning: ...`, as
// compilers print them, so `grep -v ': warning: '` leaves the denials.
void printText(const std::vector<LocatedFinding>& findings, std::ostream& out) {
  for (const auto& located : findings) {
    const auto& finding = *located.finding;
    out << located.file << ":" << located.line << ": " << (isWarning(finding) ? "warning: " : "")
        << model::kindName(finding.kind) << " " << finding.key.toString() << ": "
        << finding.finding.error.toString() << "\n";
  }
}

void printJson(const std::vector<LocatedFinding>& findings, std::ostream& out) {
  auto array = nlohmann::ordered_json::array();
  for (const auto& located : findings) {
    const auto& finding = *located.finding;
    array.push_back({{"file", located.file},
                     {"line", located.line},
                     {"kind", model::kindName(finding.kind)},
                     {"namespace", finding.key.namespace_},
                     {"name", finding.key.name},
                     {"severity", isWarning(finding) ? "warn" : "deny"},
                     {"rule", finding.finding.ruleId},
                     {"field", finding.finding.error.path.toString()},
                     {"message", finding.finding.error.body()}});
  }
  out << array.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

std::string counted(std::size_t count, const std::string& singular, const std::string& plural) {
  return std::to_string(count) + " " + (count == 1 ? singular : plural);
}

int check(const CheckOptions& options) {
  const auto loaded = loadInputs(options.paths);
  if (!loaded.errors.empty()) {
    printLoadErrors(loaded.errors, std::cerr);
    return kExitUsage;
  }
  const auto result =
      offline::checkObjects(manifest::objectsOf(loaded.manifests), options.defaultNamespace,
                            std::chrono::system_clock::now());
  // With --show-mutations stdout holds the mutated objects, so the findings go to stderr.
  auto& findingsOut = options.showMutations ? std::cerr : std::cout;
  const auto located = locate(result, loaded.manifests);
  if (options.output == "json") {
    printJson(located, findingsOut);
  } else {
    printText(located, findingsOut);
  }
  if (options.showMutations) {
    std::vector<nlohmann::json> mutated;
    for (const auto& mutation : result.mutated.mutations) {
      if (!mutation.patch.empty()) {
        mutated.push_back(result.mutated.objects[mutation.object]);
      }
    }
    std::cout << manifest::toYamlDocuments(mutated);
  }
  const auto warnings = std::count_if(result.findings.begin(), result.findings.end(),
                                      [](const auto& finding) { return isWarning(finding); });
  std::cerr << "checked " << counted(result.judged, "object", "objects") << ": "
            << result.deniedObjects << " denied, "
            << counted(static_cast<std::size_t>(warnings), "warning", "warnings") << "\n";
  return result.denied() ? kExitFindings : kExitOk;
}

} // namespace

void addCheckCommand(CLI::App& app, int& exitCode) {
  auto options = std::make_shared<CheckOptions>();
  auto* command = app.add_subcommand(
      "check", "Judge manifests as the webhook would at kubectl apply, for CI: each Kafka, "
               "KafkaNodePool and TLSRoute as if applied into the cluster the others make");
  command
      ->add_option("-f,--filename", options->paths,
                   "Manifest file or folder (read recursively), or - for stdin; repeatable")
      ->required();
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
  command->footer("Findings: FILE:LINE: Kind namespace/name: <field>: <message>, warnings as "
                  "FILE:LINE: warning: ...\nExit status: 0 nothing denied, 1 something denied, 2 "
                  "unreadable input.");
  command->callback([options, &exitCode] { exitCode = check(*options); });
}

} // namespace sgw::cli
