#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace sgw::kube {

// How to reach and authenticate to one API server, whichever way it was configured (the pod's
// service account or a kubeconfig). Plain data: the API client turns it into TLS contexts.
struct ClientConfig {
  std::string host; // DNS name or IP literal (an IPv6 literal without brackets)
  int port = 443;
  std::string basePath; // path prefix of the server URL (a proxy's), without a trailing '/'
  // PEM bundle of the CAs trusted for the server certificate. Empty: the system trust store.
  std::string caPem;
  bool insecureSkipTlsVerify = false;
  // Name to verify the server certificate against (and send as SNI) instead of `host`.
  std::string tlsServerName;
  std::string bearerToken;          // a fixed token
  std::filesystem::path tokenFile;  // a token re-read as it is rotated; wins over bearerToken
  std::string clientCertificatePem; // certificate (chain) for TLS client authentication
  std::string clientKeyPem;         // its private key; kept only as long as the client needs it
  std::string defaultNamespace;     // the service account's or the context's namespace
  std::string description;          // where the config came from and the server URL, for logs
};

// Why a configuration could not be used; the message says what to change.
struct ConfigError {
  std::string message;
};

using ConfigResult = std::variant<ClientConfig, ConfigError>;

inline constexpr const char* kServiceAccountDir = "/var/run/secrets/kubernetes.io/serviceaccount";

// The two environment variables the kubelet sets in every pod.
struct InClusterEnvironment {
  std::string serviceHost; // KUBERNETES_SERVICE_HOST
  std::string servicePort; // KUBERNETES_SERVICE_PORT
};

InClusterEnvironment readInClusterEnvironment();

// The pod's own credentials: the service host and port from the environment, the CA and the
// projected token from the service-account folder (the token is named, not read, so that it is
// re-read as the kubelet rotates it).
ConfigResult
loadInClusterConfig(const InClusterEnvironment& environment,
                    const std::filesystem::path& serviceAccountDir = kServiceAccountDir);

struct KubeconfigOptions {
  std::filesystem::path file;
  std::string context; // empty: the file's current-context
  // insecure-skip-tls-verify turns off server authentication; refused unless asked for.
  bool allowInsecure = false;
};

// Reads one kubeconfig file as kubectl does for a single file: relative paths are relative to
// the file. Supported credentials: token, tokenFile, client certificate and key (files or
// inline data). Exec plugins, auth providers, basic auth, impersonation and proxies are refused
// with a message naming them, rather than connecting without the credentials they stand for.
ConfigResult loadKubeconfig(const KubeconfigOptions& options);

// Splits an https:// server URL into host, port and base path (the other fields stay empty).
ConfigResult parseServerUrl(const std::string& url);
// "https://host:port/base", with IPv6 hosts in brackets: how logs name the server.
std::string serverUrl(const ClientConfig& config);
// A TCP port 1..65535 written in decimal.
std::optional<int> parsePort(std::string_view text);

// Reads a credentials or config file of at most `maxBytes`; the error names the file and what it
// was wanted for ("certificate-authority of cluster kind").
std::variant<std::string, ConfigError> readConfigFile(const std::filesystem::path& path,
                                                      const std::string& purpose,
                                                      std::size_t maxBytes = 4 * 1024 * 1024);

} // namespace sgw::kube
