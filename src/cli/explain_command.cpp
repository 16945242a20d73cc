#include <iostream>
#include <set>

#include "sgw/cli/cluster_from_api.h"
#include "sgw/cli/commands.h"
#include "sgw/cli/manifest_input.h"
#include "sgw/explain/entry_paths.h"
#include "sgw/explain/renderers.h"
#include "sgw/model/kind.h"
#include "sgw/offline/mutated_objects.h"
#include "sgw/rules/message_lists.h"

namespace sgw::cli {

namespace {

struct ExplainOptions {
  std::vector<std::string> stateDirs;
  std::vector<std::string> files;
  std::string kafka;
  std::string namespace_;
  std::string listener;
  std::string output = "table";
  std::string defaultNamespace = "default";
  ApiSourceOptions api;
  int syncTimeoutSeconds = 30;
};

// `-n`, else the namespace of the only Kafka of that name, else --default-namespace. Empty when
// Kafkas of that name live in several namespaces (`several` then lists them).
std::string kafkaNamespace(const ExplainOptions& options, const cluster::ClusterSnapshot& snapshot,
                           std::vector<std::string>& several) {
  if (!options.namespace_.empty()) {
    return options.namespace_;
  }
  std::set<std::string> namespaces;
  for (const auto& [key, kafka] : snapshot.kafkas()) {
    if (key.name == options.kafka) {
      namespaces.insert(key.namespace_);
    }
  }
  if (namespaces.size() > 1) {
    several.assign(namespaces.begin(), namespaces.end());
    return "";
  }
  return namespaces.empty() ? options.defaultNamespace : *namespaces.begin();
}

std::string render(const explain::Explanation& explanation, const std::string& output) {
  if (output == "json") {
    return explain::renderJson(explanation);
  }
  if (output == "mermaid") {
    return explain::renderMermaid(explanation);
  }
  if (output == "dot") {
    return explain::renderDot(explanation);
  }
  return explain::renderTable(explanation);
}

// Explains the Kafka in `snapshot` and prints it; the exit status.
int explainIn(const ExplainOptions& options, const cluster::ClusterSnapshot& snapshot,
              const offline::MutatedObjects* mutated) {
  std::vector<std::string> several;
  const auto namespace_ = kafkaNamespace(options, snapshot, several);
  if (!several.empty()) {
    std::cerr << "error: there are Kafkas named " << options.kafka << " in namespaces "
              << rules::joinNames(several) << "; choose one with -n\n";
    return kExitUsage;
  }
  const explain::ExplainRequest request{{namespace_, options.kafka},
                                        options.listener.empty() ? std::nullopt
                                                                 : std::optional(options.listener)};
  const auto result = explain::explain(snapshot, request, std::chrono::system_clock::now());
  if (const auto* error = std::get_if<std::string>(&result)) {
    std::cerr << "error: " << *error << "\n";
    return kExitUsage;
  }
  const auto& explanation = std::get<explain::Explanation>(result);
  for (std::size_t i = 0; mutated != nullptr && i < mutated->mutations.size(); ++i) {
    const auto& mutation = mutated->mutations[i];
    const auto& parsed = mutated->set.parsed[mutation.object];
    if (rules::hasDenial(mutation.findings) &&
        cluster::metadataOf(parsed->object).key() == explanation.kafka) {
      std::cerr << "warning: the mutating webhook would deny Kafka " << explanation.kafka.toString()
                << ", so it is explained as written: "
                << aggregate(rules::errorsWithSeverity(mutation.findings, rules::Severity::Deny))
                << "\n";
    }
  }
  std::cout << render(explanation, options.output);
  return explanation.ok() ? kExitOk : kExitFindings;
}

// The cluster of a kubeconfig, as the API server holds it (Kafkas already mutated).
int explainFromApi(const ExplainOptions& options) {
  auto api = options.api;
  api.syncTimeout = std::chrono::seconds(options.syncTimeoutSeconds);
  const auto read = readClusterFromApi(api, {options.namespace_, options.kafka});
  if (const auto* error = std::get_if<std::string>(&read)) {
    std::cerr << "error: " << *error << "\n";
    return kExitUsage;
  }
  return explainIn(options, *std::get<std::shared_ptr<const cluster::ClusterSnapshot>>(read),
                   nullptr);
}

int explainFromManifests(const ExplainOptions& options) {
  auto paths = options.stateDirs;
  paths.insert(paths.end(), options.files.begin(), options.files.end());
  const auto loaded = loadInputs(paths);
  if (!loaded.errors.empty()) {
    printLoadErrors(loaded.errors, std::cerr);
    return kExitUsage;
  }
  // The cluster as the API server would hold it: Kafkas after the mutating webhook, so entries
  // it adds from a host template count, as they do for `check` and `routes`.
  const auto mutated =
      offline::mutateObjects(manifest::objectsOf(loaded.manifests), options.defaultNamespace,
                             std::chrono::system_clock::now());
  // Objects with fields of the wrong type are not in the cluster: say so, or a path would seem
  // to lack a route that is only unreadable.
  for (const auto& parsed : mutated.set.parsed) {
    if (parsed.has_value() && !parsed->errors.empty()) {
      std::cerr << "warning: " << model::kindName(cluster::kindOf(parsed->object)) << " "
                << cluster::metadataOf(parsed->object).key().toString()
                << " is left out, its fields have the wrong type: " << aggregate(parsed->errors)
                << "\n";
    }
  }
  return explainIn(options, mutated.set.snapshot, &mutated);
}

} // namespace

void addExplainCommand(CLI::App& app, int& exitCode) {
  auto options = std::make_shared<ExplainOptions>();
  auto* command = app.add_subcommand(
      "explain", "Show the path from a Kafka client to each broker through the Gateway: bootstrap "
                 "and every broker, with the listener, TLSRoute, Service and node each one takes, "
                 "and what breaks it");
  command->add_option("--state-dir", options->stateDirs,
                      "Folder of manifests holding the cluster (read recursively); repeatable");
  command->add_option("-f,--filename", options->files,
                      "Manifest file or folder, or - for stdin; repeatable");
  command->add_option("--kafka", options->kafka, "Name of the Kafka")->required();
  command->add_option("-n,--namespace", options->namespace_,
                      "Namespace of the Kafka (default: that of the only Kafka of this name)");
  command->add_option("--listener", options->listener,
                      "Kafka listener to explain (default: the only one a Gateway reaches)");
  command
      ->add_option("--output", options->output,
                   "table, json, or a picture: mermaid (a flowchart) or dot (Graphviz)")
      ->check(CLI::IsMember({"table", "json", "mermaid", "dot"}))
      ->capture_default_str();
  command
      ->add_option("--default-namespace", options->defaultNamespace,
                   "Namespace of manifests that name none")
      ->capture_default_str();
  auto* kubeconfig = command->add_option(
      "--kubeconfig", options->api.kubeconfig,
      "Read the cluster from the API server of this kubeconfig instead of manifests");
  command->add_option("--context", options->api.context, "The kubeconfig context to use")
      ->needs(kubeconfig);
  command
      ->add_flag("--allow-insecure-kubeconfig", options->api.allowInsecure,
                 "Accept a kubeconfig cluster with insecure-skip-tls-verify")
      ->needs(kubeconfig);
  command
      ->add_option("--sync-timeout", options->syncTimeoutSeconds,
                   "Seconds to wait for the cluster to be listed")
      ->check(CLI::Range(1, 3600))
      ->needs(kubeconfig)
      ->capture_default_str();
  command->footer("Exit status: 0 every path is ok, 1 some path is broken, 2 unreadable input, no "
                  "such Kafka or listener.");
  command->callback([options, &exitCode] {
    const bool manifests = !options->stateDirs.empty() || !options->files.empty();
    if (manifests == !options->api.kubeconfig.empty()) {
      std::cerr << "error: name the cluster with --state-dir or -f, or with --kubeconfig\n";
      exitCode = kExitUsage;
      return;
    }
    exitCode = manifests ? explainFromManifests(*options) : explainFromApi(*options);
  });
}

} // namespace sgw::cli
