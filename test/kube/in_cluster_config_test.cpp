#include <catch2/catch.hpp>

#include "sgw/kube/client_config.h"
#include "support/dev_certs.h"
#include "support/temp_dir.h"

namespace sgw::kube {

namespace {

using test::devCertificates;
using test::readFile;
using test::TempDir;

// A service-account folder as the kubelet projects it.
void writeServiceAccount(const TempDir& dir, const std::string& token = "token-1\n",
                         const std::string& ns = "kafka-webhook") {
  dir.write("ca.crt", readFile(devCertificates().caCertificate()));
  dir.write("token", token);
  dir.write("namespace", ns);
}

std::string errorOf(const ConfigResult& result) {
  const auto* error = std::get_if<ConfigError>(&result);
  return error == nullptr ? "(no error)" : error->message;
}

} // namespace

TEST_CASE("in-cluster config comes from the environment and the service-account folder",
          "[kube][in-cluster]") {
  TempDir dir;
  writeServiceAccount(dir);
  const auto result = loadInClusterConfig({"10.96.0.1", "443"}, dir.path());
  REQUIRE(std::holds_alternative<ClientConfig>(result));
  const auto& config = std::get<ClientConfig>(result);
  CHECK(config.host == "10.96.0.1");
  CHECK(config.port == 443);
  CHECK(config.caPem == readFile(devCertificates().caCertificate()));
  CHECK(config.tokenFile == dir.path() / "token");
  CHECK(config.bearerToken.empty());
  CHECK(config.defaultNamespace == "kafka-webhook");
  CHECK(config.description == "in-cluster service account, server https://10.96.0.1:443");
}

TEST_CASE("in-cluster config on an IPv6 service network", "[kube][in-cluster]") {
  TempDir dir;
  writeServiceAccount(dir);
  const auto result = loadInClusterConfig({"fd00:10:96::1", "443"}, dir.path());
  REQUIRE(std::holds_alternative<ClientConfig>(result));
  CHECK(std::get<ClientConfig>(result).host == "fd00:10:96::1");
  CHECK(std::get<ClientConfig>(result).description ==
        "in-cluster service account, server https://[fd00:10:96::1]:443");
}

TEST_CASE("in-cluster config problems are named", "[kube][in-cluster]") {
  TempDir dir;
  SECTION("outside a pod") {
    writeServiceAccount(dir);
    CHECK(errorOf(loadInClusterConfig({"", ""}, dir.path())) ==
          "not running in a Kubernetes pod (KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT "
          "are not set): pass --kubeconfig or --state-dir");
  }
  SECTION("bad port") {
    writeServiceAccount(dir);
    CHECK(errorOf(loadInClusterConfig({"10.96.0.1", "https"}, dir.path())) ==
          "KUBERNETES_SERVICE_PORT \"https\" is not a port number");
  }
  SECTION("token not mounted") {
    dir.write("ca.crt", readFile(devCertificates().caCertificate()));
    CHECK(errorOf(loadInClusterConfig({"10.96.0.1", "443"}, dir.path())) ==
          "cannot read service-account token " + (dir.path() / "token").string() +
              ": No such file or directory (is automountServiceAccountToken turned off for this "
              "pod?)");
  }
  SECTION("no CA") {
    dir.write("token", "t");
    CHECK(errorOf(loadInClusterConfig({"10.96.0.1", "443"}, dir.path())) ==
          "cannot read service-account CA " + (dir.path() / "ca.crt").string() +
              ": No such file or directory");
  }
  SECTION("empty token") {
    writeServiceAccount(dir, "\n");
    CHECK(errorOf(loadInClusterConfig({"10.96.0.1", "443"}, dir.path())) ==
          "service-account token " + (dir.path() / "token").string() + " is empty");
  }
}

TEST_CASE("a namespace file that is missing means the default namespace", "[kube][in-cluster]") {
  TempDir dir;
  dir.write("ca.crt", readFile(devCertificates().caCertificate()));
  dir.write("token", "t");
  const auto result = loadInClusterConfig({"10.96.0.1", "443"}, dir.path());
  REQUIRE(std::holds_alternative<ClientConfig>(result));
  CHECK(std::get<ClientConfig>(result).defaultNamespace == "default");
}

} // namespace sgw::kube
