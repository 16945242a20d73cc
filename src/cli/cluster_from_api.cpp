#include "sgw/cli/cluster_from_api.h"

#include "sgw/kube/api_client.h"
#include "sgw/kube/client_config.h"
#include "sgw/observability/log.h"
#include "sgw/observability/metrics.h"
#include "sgw/state/kube_state.h"

namespace sgw::cli {

namespace {

// The certificate Secrets of the Kafkas called `kafka.name` (all when it is empty; in
// `kafka.namespace_`, or anywhere when it is empty) are in: their informers start only once the
// Kafkas are cached.
bool secretsIn(const cluster::ClusterSnapshot& snapshot, const model::ObjectKey& kafka) {
  for (const auto& [key, candidate] : snapshot.kafkas()) {
    if ((!kafka.name.empty() && key.name != kafka.name) ||
        (!kafka.namespace_.empty() && key.namespace_ != kafka.namespace_)) {
      continue;
    }
    for (const auto& listener : candidate->listeners) {
      const auto& secret = listener.configuration.brokerCertChainAndKey;
      if (listener.tls && secret.has_value() && !secret->secretName.empty() &&
          !snapshot.secrets().contains({key.namespace_, secret->secretName})) {
        return false;
      }
    }
  }
  return true;
}

} // namespace

std::variant<std::shared_ptr<const cluster::ClusterSnapshot>, std::string>
readClusterFromApi(const ApiSourceOptions& options, const model::ObjectKey& kafka) {
  // Only problems reach stderr: stdout carries the command's output.
  observability::configureLogging(observability::LogFormat::Text, spdlog::level::warn);
  const auto config =
      kube::loadKubeconfig({options.kubeconfig, options.context, options.allowInsecure});
  if (const auto* error = std::get_if<kube::ConfigError>(&config)) {
    return error->message;
  }
  auto client = kube::ApiClient::create(std::get<kube::ClientConfig>(config));
  if (const auto* error = std::get_if<kube::ConfigError>(&client)) {
    return error->message;
  }
  state::KubeStateOptions stateOptions;
  stateOptions.namespaces = options.namespaces;
  auto state =
      std::make_shared<state::KubeState>(std::get<std::shared_ptr<kube::ApiClient>>(client),
                                         stateOptions, std::make_shared<observability::Metrics>());
  state->start();
  if (!state->waitUntilReady(options.syncTimeout)) {
    const auto detail = state->readinessDetail();
    state->stop();
    return "the cluster of " + options.kubeconfig + " did not sync within " +
           std::to_string(options.syncTimeout.count() / 1000) + " s: " + detail;
  }
  state->waitFor([&](const auto& snapshot) { return secretsIn(snapshot, kafka); },
                 options.syncTimeout);
  auto snapshot = state->snapshot();
  state->stop();
  return snapshot;
}

} // namespace sgw::cli
