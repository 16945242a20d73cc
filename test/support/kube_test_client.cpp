#include "support/kube_test_client.h"

#include <stdexcept>

namespace sgw::test {

kube::ClientConfig testClientConfig(int port, const std::string& token) {
  kube::ClientConfig config;
  config.host = "127.0.0.1";
  config.port = port;
  config.caPem = readFile(devCertificates().caCertificate());
  config.bearerToken = token;
  config.defaultNamespace = "default";
  config.description = "test API server";
  return config;
}

std::shared_ptr<kube::ApiClient> testClient(kube::ClientConfig config,
                                            kube::ApiClientOptions options) {
  auto client = kube::ApiClient::create(std::move(config), std::move(options));
  if (const auto* error = std::get_if<kube::ConfigError>(&client)) {
    throw std::runtime_error(error->message);
  }
  return std::get<std::shared_ptr<kube::ApiClient>>(client);
}

} // namespace sgw::test
