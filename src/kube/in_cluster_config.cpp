#include <cstdlib>

#include "sgw/kube/client_config.h"

namespace sgw::kube {

namespace {

std::string environmentVariable(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

std::string trimmed(std::string text) {
  const auto end = text.find_last_not_of(" \t\r\n");
  text.erase(end == std::string::npos ? 0 : end + 1);
  const auto begin = text.find_first_not_of(" \t\r\n");
  text.erase(0, begin == std::string::npos ? text.size() : begin);
  return text;
}

} // namespace

InClusterEnvironment readInClusterEnvironment() {
  return {environmentVariable("KUBERNETES_SERVICE_HOST"),
          environmentVariable("KUBERNETES_SERVICE_PORT")};
}

ConfigResult loadInClusterConfig(const InClusterEnvironment& environment,
                                 const std::filesystem::path& serviceAccountDir) {
  if (environment.serviceHost.empty() || environment.servicePort.empty()) {
    return ConfigError{"not running in a Kubernetes pod (KUBERNETES_SERVICE_HOST and "
                       "KUBERNETES_SERVICE_PORT are not set): pass --kubeconfig or --state-dir"};
  }
  ClientConfig config;
  config.host = environment.serviceHost;
  if (config.host.starts_with('[') && config.host.ends_with(']')) {
    config.host = config.host.substr(1, config.host.size() - 2);
  }
  const auto port = parsePort(environment.servicePort);
  if (!port) {
    return ConfigError{"KUBERNETES_SERVICE_PORT \"" + environment.servicePort +
                       "\" is not a port number"};
  }
  config.port = *port;

  auto ca = readConfigFile(serviceAccountDir / "ca.crt", "service-account CA");
  if (auto* error = std::get_if<ConfigError>(&ca)) {
    return *error;
  }
  config.caPem = std::move(std::get<std::string>(ca));

  // The token is read here once to fail early when it is not mounted (automountServiceAccountToken
  // false), and then re-read by the client as the kubelet rotates it.
  config.tokenFile = serviceAccountDir / "token";
  const auto token = readConfigFile(config.tokenFile, "service-account token");
  if (const auto* error = std::get_if<ConfigError>(&token)) {
    return ConfigError{error->message +
                       " (is automountServiceAccountToken turned off for this pod?)"};
  }
  if (trimmed(std::get<std::string>(token)).empty()) {
    return ConfigError{"service-account token " + config.tokenFile.string() + " is empty"};
  }

  const auto ns = readConfigFile(serviceAccountDir / "namespace", "service-account namespace");
  if (const auto* text = std::get_if<std::string>(&ns)) {
    config.defaultNamespace = trimmed(*text);
  }
  if (config.defaultNamespace.empty()) {
    config.defaultNamespace = "default";
  }
  config.description = "in-cluster service account, server " + serverUrl(config);
  return config;
}

} // namespace sgw::kube
