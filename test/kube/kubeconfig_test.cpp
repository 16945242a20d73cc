#include <catch2/catch.hpp>

#include "sgw/core/base64.h"
#include "sgw/kube/client_config.h"
#include "support/dev_certs.h"
#include "support/temp_dir.h"

namespace sgw::kube {

namespace {

using test::devCertificates;
using test::readFile;
using test::TempDir;

// A kubeconfig as kind writes one, with `cluster` and `user` bodies replaced.
std::string kubeconfig(const std::string& cluster, const std::string& user,
                       const std::string& extra = "") {
  return "apiVersion: v1\n"
         "kind: Config\n"
         "current-context: kind-dev\n"
         "contexts:\n"
         "- name: kind-dev\n"
         "  context:\n"
         "    cluster: kind-dev\n"
         "    user: kind-dev\n"
         "- name: other\n"
         "  context:\n"
         "    cluster: other\n"
         "    user: kind-dev\n"
         "    namespace: kafka\n"
         "clusters:\n"
         "- name: kind-dev\n"
         "  cluster:\n" +
         cluster +
         "- name: other\n"
         "  cluster:\n"
         "    server: https://10.0.0.1\n"
         "    insecure-skip-tls-verify: true\n"
         "users:\n"
         "- name: kind-dev\n"
         "  user:\n" +
         user + extra;
}

ConfigResult load(const TempDir& dir, const std::string& text, const std::string& context = "",
                  bool allowInsecure = false) {
  const auto file = dir.write("config", text);
  return loadKubeconfig({file, context, allowInsecure});
}

std::string errorOf(const ConfigResult& result) {
  const auto* error = std::get_if<ConfigError>(&result);
  return error == nullptr ? "(no error)" : error->message;
}

const ClientConfig& configOf(const ConfigResult& result) {
  if (const auto* error = std::get_if<ConfigError>(&result)) {
    FAIL(error->message);
  }
  return std::get<ClientConfig>(result);
}

} // namespace

TEST_CASE("a kubeconfig with a token and an inline CA", "[kube][kubeconfig]") {
  TempDir dir;
  const auto ca = readFile(devCertificates().caCertificate());
  const auto result = load(dir, kubeconfig("    server: https://127.0.0.1:6443\n"
                                           "    certificate-authority-data: " +
                                               base64Encode(ca) + "\n",
                                           "    token: abc.def\n"));
  const auto& config = configOf(result);
  CHECK(config.host == "127.0.0.1");
  CHECK(config.port == 6443);
  CHECK(config.basePath.empty());
  CHECK(config.caPem == ca);
  CHECK(config.bearerToken == "abc.def");
  CHECK(config.tokenFile.empty());
  CHECK(config.clientCertificatePem.empty());
  CHECK(config.defaultNamespace == "default");
  CHECK(config.description == "kubeconfig " + (dir.path() / "config").string() +
                                  " context kind-dev, server https://127.0.0.1:6443");
}

TEST_CASE("a kubeconfig with client certificate files relative to the kubeconfig",
          "[kube][kubeconfig]") {
  TempDir dir;
  const auto& certs = devCertificates();
  dir.write("pki/ca.crt", readFile(certs.caCertificate()));
  dir.write("pki/client.crt", readFile(certs.clientCertificate()));
  dir.write("pki/client.key", readFile(certs.clientKey()));
  const auto result = load(dir, kubeconfig("    server: https://api.example.test\n"
                                           "    certificate-authority: pki/ca.crt\n",
                                           "    client-certificate: pki/client.crt\n"
                                           "    client-key: pki/client.key\n"));
  const auto& config = configOf(result);
  CHECK(config.host == "api.example.test");
  CHECK(config.port == 443);
  CHECK(config.caPem == readFile(certs.caCertificate()));
  CHECK(config.clientCertificatePem == readFile(certs.clientCertificate()));
  CHECK(config.clientKeyPem == readFile(certs.clientKey()));
}

TEST_CASE("a kubeconfig with inline client certificate and key data", "[kube][kubeconfig]") {
  TempDir dir;
  const auto& certs = devCertificates();
  const auto result =
      load(dir, kubeconfig("    server: https://[::1]:8443/k8s/clusters/c-1/\n"
                           "    certificate-authority-data: " +
                               base64Encode(readFile(certs.caCertificate())) + "\n",
                           "    client-certificate-data: " +
                               base64Encode(readFile(certs.clientCertificate())) + "\n" +
                               "    client-key-data: " + base64Encode(readFile(certs.clientKey())) +
                               "\n"));
  const auto& config = configOf(result);
  CHECK(config.host == "::1");
  CHECK(config.port == 8443);
  CHECK(config.basePath == "/k8s/clusters/c-1");
  CHECK(config.clientCertificatePem == readFile(certs.clientCertificate()));
  CHECK(config.clientKeyPem == readFile(certs.clientKey()));
}

TEST_CASE("a kubeconfig tokenFile is named, to be re-read, not copied", "[kube][kubeconfig]") {
  TempDir dir;
  dir.write("token", "rotating-token\n");
  const auto result =
      load(dir, kubeconfig("    server: https://127.0.0.1:6443\n", "    tokenFile: token\n"));
  const auto& config = configOf(result);
  CHECK(config.tokenFile == dir.path() / "token");
  CHECK(config.bearerToken.empty());
  CHECK(config.caPem.empty()); // the system trust store
}

TEST_CASE("a chosen context is used instead of the current one, with its namespace",
          "[kube][kubeconfig]") {
  TempDir dir;
  const auto result = load(
      dir, kubeconfig("    server: https://127.0.0.1:6443\n", "    token: t\n"), "other", true);
  const auto& config = configOf(result);
  CHECK(config.host == "10.0.0.1");
  CHECK(config.insecureSkipTlsVerify);
  CHECK(config.defaultNamespace == "kafka");
}

TEST_CASE("insecure-skip-tls-verify is refused unless allowed", "[kube][kubeconfig]") {
  TempDir dir;
  const auto result =
      load(dir, kubeconfig("    server: https://127.0.0.1:6443\n", "    token: t\n"), "other");
  CHECK(errorOf(result) ==
        "cluster \"other\" sets insecure-skip-tls-verify, which would accept any server "
        "certificate; give certificate-authority(-data) instead, or pass "
        "--allow-insecure-kubeconfig to accept the risk");
}

TEST_CASE("kubeconfig mistakes and unsupported credentials are named", "[kube][kubeconfig]") {
  using Row = std::tuple<std::string, std::string, std::string, std::string>;
  const auto [cluster, user, extra, expected] = GENERATE(
      Row{"    server: https://127.0.0.1:6443\n",
          "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n"
          "      command: gke-gcloud-auth-plugin\n",
          "",
          "user \"kind-dev\" uses an exec credential plugin (command \"gke-gcloud-auth-plugin\"), "
          "which is not supported: use a token, tokenFile or client certificate, or run in the "
          "cluster with a service account"},
      Row{"    server: https://127.0.0.1:6443\n", "    auth-provider:\n      name: oidc\n", "",
          "user \"kind-dev\" uses the auth-provider \"oidc\", which is not supported: use a "
          "token, tokenFile or client certificate, or run in the cluster with a service account"},
      Row{"    server: https://127.0.0.1:6443\n", "    username: admin\n    password: secret\n", "",
          "user \"kind-dev\" uses basic authentication (username/password), which Kubernetes no "
          "longer supports"},
      Row{"    server: https://127.0.0.1:6443\n", "    token: t\n    as: someone\n", "",
          "user \"kind-dev\" asks for impersonation (as), which is not supported"},
      Row{"    server: http://127.0.0.1:8080\n", "    token: t\n", "",
          "cluster \"kind-dev\": server http://127.0.0.1:8080 uses plain HTTP; only https:// API "
          "servers are supported"},
      Row{"    server: https://127.0.0.1:99999\n", "    token: t\n", "",
          "cluster \"kind-dev\": server https://127.0.0.1:99999 has an invalid port"},
      Row{"    certificate-authority: ca.crt\n", "    token: t\n", "",
          "cluster \"kind-dev\" has no server"},
      Row{"    server: https://127.0.0.1:6443\n    certificate-authority-data: '!!'\n",
          "    token: t\n", "",
          "cluster \"kind-dev\".certificate-authority-data is not valid base64"},
      Row{"    server: https://127.0.0.1:6443\n    proxy-url: http://proxy:3128\n",
          "    token: t\n", "", "cluster \"kind-dev\" uses proxy-url, which is not supported"},
      Row{"    server: https://127.0.0.1:6443\n",
          "    client-certificate-data: " + base64Encode("x") + "\n", "",
          "user \"kind-dev\" gives a client certificate without its key"});
  TempDir dir;
  CHECK(errorOf(load(dir, kubeconfig(cluster, user, extra))) == expected);
}

TEST_CASE("kubeconfig files that do not resolve are named", "[kube][kubeconfig]") {
  TempDir dir;
  SECTION("missing CA file") {
    const auto result = load(dir, kubeconfig("    server: https://127.0.0.1:6443\n"
                                             "    certificate-authority: missing/ca.crt\n",
                                             "    token: t\n"));
    CHECK(errorOf(result) == "cannot read cluster \"kind-dev\".certificate-authority " +
                                 (dir.path() / "missing/ca.crt").string() +
                                 ": No such file or directory");
  }
  SECTION("unknown context") {
    const auto result =
        load(dir, kubeconfig("    server: https://127.0.0.1:6443\n", "    token: t\n"), "prod");
    CHECK(errorOf(result) == "context \"prod\" is not defined in contexts");
  }
  SECTION("no current-context") {
    const auto result = load(dir, "apiVersion: v1\nkind: Config\nclusters: []\n");
    CHECK(errorOf(result) == "kubeconfig " + (dir.path() / "config").string() +
                                 " has no current-context; pick one with --context");
  }
  SECTION("not YAML") {
    const auto result = load(dir, "clusters: [\n");
    CHECK(errorOf(result).starts_with("kubeconfig " + (dir.path() / "config").string() +
                                      " is not valid YAML: "));
  }
  SECTION("missing file") {
    const auto result = loadKubeconfig({dir.path() / "nope", "", false});
    CHECK(errorOf(result) == "cannot read kubeconfig " + (dir.path() / "nope").string() +
                                 ": No such file or directory");
  }
}

} // namespace sgw::kube
