#include <pthread.h>
#include <signal.h>

#include <functional>
#include <iostream>
#include <optional>
#include <thread>

#include "sgw/audit/policy_reports.h"
#include "sgw/cli/commands.h"
#include "sgw/cli/rule_action_options.h"
#include "sgw/http/webhook_server.h"
#include "sgw/kube/api_client.h"
#include "sgw/kube/client_config.h"
#include "sgw/kube/policy_report_writer.h"
#include "sgw/observability/log.h"
#include "sgw/runtime/cluster_auditor.h"
#include "sgw/state/directory_state.h"
#include "sgw/state/kube_state.h"

namespace sgw::cli {

namespace {

struct ServeOptions {
  http::ServerOptions server;
  std::string stateDir;
  std::string kubeconfig;
  std::string context;
  std::vector<std::string> namespaces;
  bool allowInsecureKubeconfig = false;
  std::string serviceAccountDir = kube::kServiceAccountDir;
  std::string defaultNamespace = "default";
  std::string logFormat = "text";
  int statePollMillis = 1000;
  long keepAliveSeconds = 30;
  long requestTimeoutSeconds = 10;
  long handshakeTimeoutMillis = 2000;
  long shutdownDelaySeconds = 0;
  std::string clientCaFile;
  RuleActionOptions ruleActions;
  long auditIntervalSeconds = 60;
  long auditDebounceMillis = 1000;
  bool policyReports = false;
};

// Signals are taken by one thread with sigwait, so no handler ever runs inside a worker.
sigset_t shutdownSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGUSR1); // internal: wakes the signal thread when serving ends otherwise
  return signals;
}

// A started state source and how to stop it; with the API server it reads, if any.
struct RunningState {
  state::StateSourcePtr source;
  std::function<void()> stop;
  std::shared_ptr<const kube::ApiClient> client;
};

std::optional<RunningState> startDirectoryState(const ServeOptions& options) {
  auto state =
      std::make_shared<state::DirectoryState>(options.stateDir, options.defaultNamespace,
                                              std::chrono::milliseconds(options.statePollMillis));
  const auto errors = state->load();
  if (!errors.empty()) {
    for (const auto& error : errors) {
      std::cerr << "error: " << error.toString() << "\n";
    }
    return std::nullopt;
  }
  state->start();
  return RunningState{state, [state] { state->stop(); }, nullptr};
}

// The watch cache over the API server of --kubeconfig, or of the pod's own service account.
// An API server that cannot be reached is no reason to exit: /readyz stays 503 until it syncs.
std::optional<RunningState> startKubeState(const ServeOptions& options,
                                           const std::shared_ptr<observability::Metrics>& metrics) {
  const auto config =
      options.kubeconfig.empty()
          ? kube::loadInClusterConfig(kube::readInClusterEnvironment(), options.serviceAccountDir)
          : kube::loadKubeconfig(
                {options.kubeconfig, options.context, options.allowInsecureKubeconfig});
  if (const auto* error = std::get_if<kube::ConfigError>(&config)) {
    std::cerr << "error: " << error->message << "\n";
    return std::nullopt;
  }
  auto client = kube::ApiClient::create(std::get<kube::ClientConfig>(config));
  if (const auto* error = std::get_if<kube::ConfigError>(&client)) {
    std::cerr << "error: " << error->message << "\n";
    return std::nullopt;
  }
  state::KubeStateOptions stateOptions;
  stateOptions.namespaces = options.namespaces;
  const auto& apiClient = std::get<std::shared_ptr<kube::ApiClient>>(client);
  auto state = std::make_shared<state::KubeState>(apiClient, stateOptions, metrics);
  state->start();
  return RunningState{state, [state] { state->stop(); }, apiClient};
}

// The actions in force, once in the log and for good in /metrics (sgw_rule_action).
void announceRuleActions(const policy::RuleActions& actions, observability::Metrics& metrics) {
  std::string relaxed;
  for (const auto& setting : actions.relaxed()) {
    relaxed += (relaxed.empty() ? "" : ",") + setting;
  }
  observability::logEvent(spdlog::level::info, "rule actions",
                          {{"enforcement", std::string(policy::toString(actions.enforcement()))},
                           {"not_denying", relaxed.empty() ? "none" : relaxed}});
  for (const auto& [rule, action] : actions.inForce()) {
    metrics.set(observability::kRuleActionMetric,
                {{"rule", rule}, {"action", std::string(policy::toString(action))}}, 1);
  }
}

// Hands each audit to a PolicyReport writer on the auditor's thread.
std::function<void(const cluster::ClusterSnapshot&, std::span<const audit::TrackedFinding>)>
policyReportPublisher(const ServeOptions& options, std::shared_ptr<const kube::ApiClient> client,
                      std::shared_ptr<observability::Metrics> metrics) {
  kube::PolicyReportWriterOptions writerOptions;
  writerOptions.namespaces = options.namespaces;
  auto writer = std::make_shared<kube::PolicyReportWriter>(std::move(client), writerOptions,
                                                           std::move(metrics));
  return [writer](const cluster::ClusterSnapshot& snapshot,
                  std::span<const audit::TrackedFinding> findings) {
    try {
      writer->publish(audit::policyReports(snapshot, findings));
    } catch (const std::exception& error) {
      observability::logEvent(spdlog::level::err, "policy reports not written",
                              {{"error", error.what()}});
    }
  };
}

int serve(ServeOptions& options) {
  // Block the signals before any thread starts (the log's periodic flush is the first), so every
  // thread inherits the mask.
  const auto signals = shutdownSignals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  observability::configureLogging(options.logFormat == "json" ? observability::LogFormat::Json
                                                              : observability::LogFormat::Text);
  auto actions = resolveRuleActions(options.ruleActions, std::cerr);
  if (!actions.has_value()) {
    return kExitUsage;
  }
  options.server.ruleActions = std::move(*actions);
  if (options.policyReports && options.auditIntervalSeconds == 0) {
    std::cerr << "error: --policy-reports publishes the audit; it needs --audit-interval above 0\n";
    return kExitUsage;
  }
  auto metrics = std::make_shared<observability::Metrics>();
  observability::describeWebhookMetrics(*metrics);
  const auto running =
      options.stateDir.empty() ? startKubeState(options, metrics) : startDirectoryState(options);
  if (!running) {
    return kExitUsage;
  }
  const auto& state = running->source;

  options.server.keepAliveTimeout = std::chrono::seconds(options.keepAliveSeconds);
  options.server.requestTimeout = std::chrono::seconds(options.requestTimeoutSeconds);
  options.server.handshakeTimeout = std::chrono::milliseconds(options.handshakeTimeoutMillis);
  options.server.shutdownDelay = std::chrono::seconds(options.shutdownDelaySeconds);
  if (!options.clientCaFile.empty()) {
    options.server.clientCaFile = options.clientCaFile;
  }
  http::WebhookServer server(options.server, state, metrics);
  std::unique_ptr<runtime::ClusterAuditor> auditor;
  if (options.auditIntervalSeconds > 0) {
    runtime::AuditorOptions auditOptions;
    auditOptions.interval = std::chrono::seconds(options.auditIntervalSeconds);
    auditOptions.debounce = std::chrono::milliseconds(options.auditDebounceMillis);
    auditOptions.actions = options.server.ruleActions;
    if (options.policyReports) {
      auditOptions.afterAudit = policyReportPublisher(options, running->client, metrics);
    }
    auditor = std::make_unique<runtime::ClusterAuditor>(auditOptions, state, metrics);
    server.addJsonEndpoint("/audit", [&auditor] { return auditor->report(); });
  }
  if (const auto error = server.start()) {
    std::cerr << "error: " << *error << "\n";
    running->stop();
    return kExitUsage;
  }
  announceRuleActions(options.server.ruleActions, *metrics);
  if (auditor) {
    auditor->start();
  }

  std::thread signalThread([&server, signals] {
    int received = 0;
    sigwait(&signals, &received);
    if (received != SIGUSR1) {
      observability::logEvent(spdlog::level::info, "signal received",
                              {{"signal", received == SIGTERM ? "SIGTERM" : "SIGINT"}});
    }
    server.shutdown();
  });
  const bool ok = server.run();
  pthread_kill(signalThread.native_handle(), SIGUSR1);
  signalThread.join();
  if (auditor) {
    auditor->stop();
  }
  running->stop();
  return ok ? kExitOk : kExitUsage;
}

} // namespace

void addServeCommand(CLI::App& app, int& exitCode) {
  auto options = std::make_shared<ServeOptions>();
  auto* command = app.add_subcommand("serve", "Serve /validate and /mutate over HTTPS");
  auto* stateDir =
      command
          ->add_option("--state-dir", options->stateDir,
                       "Folder of manifests (YAML or JSON, read recursively) standing in for "
                       "the cluster; re-read when it changes. Without it and without "
                       "--kubeconfig, the cluster is read from the API server with the pod's "
                       "service account")
          ->check(CLI::ExistingPath);
  auto* kubeconfig =
      command
          ->add_option("--kubeconfig", options->kubeconfig,
                       "Read the cluster from the API server of this kubeconfig (token, "
                       "tokenFile or client certificate credentials)")
          ->check(CLI::ExistingFile)
          ->excludes(stateDir);
  command
      ->add_option("--context", options->context,
                   "Kubeconfig context to use instead of its current-context")
      ->needs(kubeconfig);
  command
      ->add_option("--namespaces", options->namespaces,
                   "Watch only these namespaces (comma-separated); default: all namespaces")
      ->delimiter(',')
      ->excludes(stateDir);
  command
      ->add_flag("--allow-insecure-kubeconfig", options->allowInsecureKubeconfig,
                 "Accept a kubeconfig cluster with insecure-skip-tls-verify (the API "
                 "server's certificate is then not checked)")
      ->needs(kubeconfig);
  command
      ->add_option("--service-account-dir", options->serviceAccountDir,
                   "Folder of the in-cluster service account (token, ca.crt, namespace)")
      ->capture_default_str()
      ->excludes(stateDir)
      ->excludes(kubeconfig);
  command
      ->add_option("--tls-cert-file", options->server.certificateFile,
                   "PEM serving certificate (chain); reloaded when it changes")
      ->required();
  command
      ->add_option("--tls-private-key-file", options->server.privateKeyFile,
                   "PEM private key of the serving certificate")
      ->required();
  command->add_option("--client-ca-file", options->clientCaFile,
                      "Require client certificates signed by this CA (the API server's)");
  command->add_option("--address", options->server.address, "Address to listen on")
      ->capture_default_str();
  command->add_option("--port", options->server.port, "Port to listen on")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  command->add_option("--log-format", options->logFormat, "Log line format")
      ->capture_default_str()
      ->check(CLI::IsMember({"text", "json"}));
  command
      ->add_option("--default-namespace", options->defaultNamespace,
                   "Namespace of manifests that name none")
      ->capture_default_str();
  command
      ->add_option("--max-request-bytes", options->server.maxRequestBytes,
                   "Largest request body accepted; larger ones get 413")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1024}, std::size_t{1} << 30));
  command
      ->add_option("--workers", options->server.workers,
                   "Worker threads (each serves one connection at a time)")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1}, std::size_t{1024}));
  command
      ->add_option("--keep-alive-timeout", options->keepAliveSeconds,
                   "Seconds an idle connection is kept open")
      ->capture_default_str()
      ->check(CLI::Range(1L, 3600L));
  command
      ->add_option("--request-timeout", options->requestTimeoutSeconds,
                   "Seconds a client has to send a whole request")
      ->capture_default_str()
      ->check(CLI::Range(1L, 600L));
  command
      ->add_option("--handshake-timeout-ms", options->handshakeTimeoutMillis,
                   "Milliseconds a connection has to complete its TLS handshake")
      ->capture_default_str()
      ->check(CLI::Range(100L, 60000L));
  command
      ->add_option("--shutdown-delay", options->shutdownDelaySeconds,
                   "Seconds to keep serving, not ready, after SIGTERM")
      ->capture_default_str()
      ->check(CLI::Range(0L, 300L));
  command
      ->add_option("--state-poll-interval-ms", options->statePollMillis,
                   "How often the state folder is checked for changes")
      ->capture_default_str()
      ->check(CLI::Range(50, 600000));
  addRuleActionOptions(*command, options->ruleActions);
  command
      ->add_option("--audit-interval", options->auditIntervalSeconds,
                   "Seconds between audits of the whole cluster when nothing changes (it is also "
                   "audited after each change); 0 turns the audit and GET /audit off")
      ->capture_default_str()
      ->check(CLI::Range(0L, 86400L));
  command
      ->add_option("--audit-debounce-ms", options->auditDebounceMillis,
                   "Milliseconds the cluster must stay unchanged before a change is audited")
      ->capture_default_str()
      ->check(CLI::Range(0L, 600000L));
  command
      ->add_flag("--policy-reports", options->policyReports,
                 "Write the audit's findings to the API server as wgpolicyk8s.io/v1alpha2 "
                 "PolicyReports, one per namespace (needs their CRD and RBAC to patch them)")
      ->excludes(stateDir);
  command->callback([options, &exitCode] { exitCode = serve(*options); });
}

} // namespace sgw::cli
