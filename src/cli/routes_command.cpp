#include <algorithm>
#include <iostream>
#include <optional>
#include <set>
#include <variant>

#include "sgw/cli/commands.h"
#include "sgw/cli/manifest_input.h"
#include "sgw/manifest/yaml_writer.h"
#include "sgw/offline/check.h"
#include "sgw/offline/tls_routes.h"
#include "sgw/rules/message_lists.h"

namespace sgw::cli {

namespace {

struct RoutesOptions {
  std::vector<std::string> stateDirs;
  std::vector<std::string> files;
  std::string kafka;
  std::string namespace_;
  std::string gateway;
  std::string sectionName;
  std::string listener;
  std::string bootstrapHost;
  std::string apiVersion{offline::kDefaultTlsRouteVersion};
  std::string defaultNamespace = "default";
};

std::optional<std::string> optional(const std::string& value) {
  return value.empty() ? std::nullopt : std::optional(value);
}

// `-n`, else the namespace of the only Kafka of that name, else --default-namespace. Fails when
// Kafkas of that name live in several namespaces.
std::variant<std::string, std::vector<std::string>> kafkaNamespace(const RoutesOptions& options,
                                                                   const cluster::ObjectSet& set) {
  if (!options.namespace_.empty()) {
    return options.namespace_;
  }
  std::set<std::string> namespaces;
  for (const auto& parsed : set.parsed) {
    if (parsed.has_value() && cluster::kindOf(parsed->object) == model::Kind::Kafka &&
        cluster::metadataOf(parsed->object).name == options.kafka) {
      namespaces.insert(cluster::metadataOf(parsed->object).namespace_);
    }
  }
  if (namespaces.size() > 1) {
    return std::vector<std::string>(namespaces.begin(), namespaces.end());
  }
  return namespaces.empty() ? options.defaultNamespace : *namespaces.begin();
}

// `NAME` or `NAMESPACE/NAME`; an empty namespace means the Kafka's.
model::ObjectKey gatewayKey(const std::string& text) {
  const auto slash = text.find('/');
  if (slash == std::string::npos) {
    return {"", text};
  }
  return {text.substr(0, slash), text.substr(slash + 1)};
}

void printFindings(const std::vector<offline::ObjectFinding>& findings, std::ostream& err) {
  for (const auto& finding : findings) {
    err << (finding.finding.severity == rules::Severity::Deny ? "error: " : "warning: ")
        << model::kindName(finding.kind) << " " << finding.key.toString() << ": "
        << finding.finding.error.toString() << "\n";
  }
}

int routes(const RoutesOptions& options) {
  auto paths = options.stateDirs;
  paths.insert(paths.end(), options.files.begin(), options.files.end());
  const auto loaded = loadInputs(paths);
  if (!loaded.errors.empty()) {
    printLoadErrors(loaded.errors, std::cerr);
    return kExitUsage;
  }
  const auto now = std::chrono::system_clock::now();
  // The routes are made for the Kafka as the mutating webhook leaves it: entries the webhook
  // would add from a host template get routes too.
  const auto mutated =
      offline::mutateObjects(manifest::objectsOf(loaded.manifests), options.defaultNamespace, now);
  const auto& snapshot = mutated.set.snapshot;
  const auto namespace_ = kafkaNamespace(options, mutated.set);
  if (const auto* several = std::get_if<std::vector<std::string>>(&namespace_)) {
    std::cerr << "error: there are Kafkas named " << options.kafka << " in namespaces "
              << rules::joinNames(*several) << "; choose one with -n\n";
    return kExitUsage;
  }
  const model::ObjectKey kafka{std::get<std::string>(namespace_), options.kafka};
  for (const auto& parsed : mutated.set.parsed) {
    if (parsed.has_value() && !parsed->errors.empty() &&
        cluster::kindOf(parsed->object) == model::Kind::Kafka &&
        cluster::metadataOf(parsed->object).key() == kafka) {
      std::cerr << "error: Kafka " << kafka.toString()
                << " has fields of the wrong type: " << aggregate(parsed->errors) << "\n";
      return kExitUsage;
    }
  }
  for (const auto& mutation : mutated.mutations) {
    const auto& parsed = mutated.set.parsed[mutation.object];
    if (rules::hasDenial(mutation.findings) && cluster::metadataOf(parsed->object).key() == kafka) {
      std::cerr << "error: the mutating webhook would deny Kafka " << kafka.toString() << ": "
                << aggregate(rules::errorsWithSeverity(mutation.findings, rules::Severity::Deny))
                << "\n";
      return kExitFindings;
    }
  }

  const offline::TlsRouteRequest request{kafka,
                                         gatewayKey(options.gateway),
                                         optional(options.sectionName),
                                         optional(options.listener),
                                         optional(options.bootstrapHost),
                                         options.apiVersion};
  const auto generated = offline::generateTlsRoutes(snapshot, request);
  if (const auto* error = std::get_if<std::string>(&generated)) {
    std::cerr << "error: " << *error << "\n";
    return kExitUsage;
  }
  const auto& routes = std::get<offline::GeneratedTlsRoutes>(generated).routes;
  // The routes must pass the webhook as they are: judge them before printing anything a pipe
  // into `kubectl apply` would act on.
  const auto findings = offline::judgeAdded(snapshot, routes, options.defaultNamespace, now);
  printFindings(findings, std::cerr);
  if (std::any_of(findings.begin(), findings.end(), [](const auto& finding) {
        return finding.finding.severity == rules::Severity::Deny;
      })) {
    std::cerr << "error: the webhook would deny these TLSRoutes; nothing printed\n";
    return kExitFindings;
  }
  std::cout << manifest::toYamlDocuments(routes);
  return kExitOk;
}

} // namespace

void addRoutesCommand(CLI::App& app, int& exitCode) {
  auto options = std::make_shared<RoutesOptions>();
  auto* command = app.add_subcommand(
      "routes", "Print the TLSRoutes (bootstrap and one per broker node) that expose a Kafka "
                "listener through a Gateway, as YAML for kubectl apply -f -");
  command->add_option("--state-dir", options->stateDirs,
                      "Folder of manifests holding the Kafka and its KafkaNodePools");
  command->add_option("-f,--filename", options->files,
                      "Manifest file or folder, or - for stdin; repeatable");
  command->add_option("--kafka", options->kafka, "Name of the Kafka")->required();
  command->add_option("-n,--namespace", options->namespace_,
                      "Namespace of the Kafka (default: that of the only Kafka of this name)");
  command
      ->add_option("--gateway", options->gateway,
                   "Gateway to attach to: NAME (in the Kafka's namespace) or NAMESPACE/NAME")
      ->required();
  command->add_option("--section-name", options->sectionName,
                      "Gateway listener to attach to (default: every listener that accepts them)");
  command->add_option("--listener", options->listener,
                      "Kafka listener to expose (default: the only one whose brokers advertise "
                      "hostnames of their own)");
  command->add_option("--bootstrap-host", options->bootstrapHost,
                      "Hostname of the bootstrap route (default: the listener's bootstrap.host, "
                      "else its first bootstrap.alternativeNames, else the brokers' pattern)");
  command
      ->add_option("--api-version", options->apiVersion,
                   "TLSRoute version: v1 (Gateway API 1.5 and newer serve only v1), or "
                   "v1alpha2 / v1alpha3 for older Gateway API releases")
      ->check(CLI::IsMember({"v1alpha2", "v1alpha3", "v1"}))
      ->capture_default_str();
  command
      ->add_option("--default-namespace", options->defaultNamespace,
                   "Namespace of manifests that name none")
      ->capture_default_str();
  command->footer("Exit status: 0 routes printed, 1 the webhook would deny the routes or the "
                  "Kafka, 2 unreadable input or no routes can be made.");
  command->callback([options, &exitCode] {
    if (options->stateDirs.empty() && options->files.empty()) {
      std::cerr << "error: name the manifests with --state-dir or -f\n";
      exitCode = kExitUsage;
      return;
    }
    exitCode = routes(*options);
  });
}

} // namespace sgw::cli
