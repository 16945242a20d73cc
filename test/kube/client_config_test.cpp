#include <catch2/catch.hpp>

#include "sgw/kube/client_config.h"
#include "support/temp_dir.h"

namespace sgw::kube {

namespace {

using test::TempDir;

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

TEST_CASE("server URLs", "[kube][kubeconfig]") {
  using Row = std::tuple<std::string, std::string, int, std::string>;
  const auto [url, host, port, base] = GENERATE(
      Row{"https://kubernetes.default.svc", "kubernetes.default.svc", 443, ""},
      Row{"https://10.96.0.1:443/", "10.96.0.1", 443, ""},
      Row{"https://[fd00::1]:6443", "fd00::1", 6443, ""},
      Row{"https://rancher.example/k8s/clusters/c-x", "rancher.example", 443, "/k8s/clusters/c-x"});
  const auto parsed = parseServerUrl(url);
  const auto& config = configOf(parsed);
  CHECK(config.host == host);
  CHECK(config.port == port);
  CHECK(config.basePath == base);
}

TEST_CASE("server URLs that cannot be used say why", "[kube][client-config]") {
  using Row = std::tuple<std::string, std::string>;
  const auto [url, message] = GENERATE(
      Row{"http://10.0.0.1", "server http://10.0.0.1 uses plain HTTP; only https:// API servers "
                             "are supported"},
      Row{"10.0.0.1:6443", "server \"10.0.0.1:6443\" is not an https:// URL"},
      Row{"HTTPS://10.0.0.1", "server \"HTTPS://10.0.0.1\" is not an https:// URL"},
      Row{"https://10.0.0.1/?x=1",
          "server https://10.0.0.1/?x=1 has a query or fragment; give the bare server URL"},
      // Right after the host, too: the host ends where they begin.
      Row{"https://10.0.0.1#top",
          "server https://10.0.0.1#top has a query or fragment; give the bare server URL"},
      Row{"https://10.0.0.1:6443?x=1",
          "server https://10.0.0.1:6443?x=1 has a query or fragment; give the bare server URL"},
      Row{"https://admin:secret@10.0.0.1",
          "server https://admin:secret@10.0.0.1 carries user information; put credentials in "
          "users"},
      Row{"https://[fd00::1", "server https://[fd00::1 has an unterminated IPv6 address"},
      Row{"https://[fd00::1]6443", "server https://[fd00::1]6443 has text after the IPv6 address"},
      Row{"https://", "server https:// names no host"},
      Row{"https://:6443", "server https://:6443 names no host"},
      Row{"https://[]:6443", "server https://[]:6443 names no host"},
      Row{"https://10.0.0.1:", "server https://10.0.0.1: has an invalid port"},
      Row{"https://10.0.0.1:0", "server https://10.0.0.1:0 has an invalid port"},
      Row{"https://10.0.0.1:65536", "server https://10.0.0.1:65536 has an invalid port"},
      Row{"https://10.0.0.1:https", "server https://10.0.0.1:https has an invalid port"},
      Row{"https://[fd00::1]:", "server https://[fd00::1]: has an invalid port"});
  CAPTURE(url);
  CHECK(errorOf(parseServerUrl(url)) == message);
}

TEST_CASE("a server URL keeps its base path without trailing slashes", "[kube][client-config]") {
  const auto parsed = parseServerUrl("https://proxy.example:8443/k8s/c-1///");
  const auto& config = configOf(parsed);
  CHECK(config.host == "proxy.example");
  CHECK(config.port == 8443);
  CHECK(config.basePath == "/k8s/c-1");
  // The credentials and trust stay empty: only the URL was read.
  CHECK(config.caPem.empty());
  CHECK(config.bearerToken.empty());
  CHECK_FALSE(config.insecureSkipTlsVerify);
}

TEST_CASE("serverUrl prints the port always and IPv6 hosts in brackets", "[kube][client-config]") {
  ClientConfig config;
  config.host = "kubernetes.default.svc";
  CHECK(serverUrl(config) == "https://kubernetes.default.svc:443");
  config.host = "fd00::1";
  config.port = 6443;
  config.basePath = "/base";
  CHECK(serverUrl(config) == "https://[fd00::1]:6443/base");
  // Printing and parsing agree.
  const auto result = parseServerUrl(serverUrl(config));
  const auto& parsed = configOf(result);
  CHECK(parsed.host == "fd00::1");
  CHECK(parsed.port == 6443);
  CHECK(parsed.basePath == "/base");
}

TEST_CASE("ports are decimal numbers from 1 to 65535", "[kube][client-config]") {
  CHECK(parsePort("1") == 1);
  CHECK(parsePort("443") == 443);
  CHECK(parsePort("65535") == 65535);
  CHECK(parsePort("06443") == 6443);
  for (const auto* text :
       {"", "0", "65536", "99999999999", "-1", "+443", " 443", "443 ", "0x1bb", "4e2"}) {
    CAPTURE(text);
    CHECK_FALSE(parsePort(text).has_value());
  }
}

TEST_CASE("config files are read whole, up to a size, and errors name the file and its purpose",
          "[kube][client-config]") {
  const TempDir dir;
  const auto file = dir.write("ca.crt", "0123456789");
  const auto read = readConfigFile(file, "certificate-authority of cluster kind", 10);
  REQUIRE(std::holds_alternative<std::string>(read));
  CHECK(std::get<std::string>(read) == "0123456789");

  const auto large = readConfigFile(file, "certificate-authority of cluster kind", 9);
  REQUIRE(std::holds_alternative<ConfigError>(large));
  CHECK(std::get<ConfigError>(large).message ==
        "certificate-authority of cluster kind " + file.string() + " is larger than 9 bytes");

  const auto missing = readConfigFile(dir.path() / "nope", "token file");
  REQUIRE(std::holds_alternative<ConfigError>(missing));
  CHECK(std::get<ConfigError>(missing).message ==
        "cannot read token file " + (dir.path() / "nope").string() + ": No such file or directory");

  const auto empty = readConfigFile(dir.write("empty", ""), "token file");
  REQUIRE(std::holds_alternative<std::string>(empty));
  CHECK(std::get<std::string>(empty).empty());
}

} // namespace sgw::kube
