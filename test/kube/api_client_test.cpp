#include <catch2/catch.hpp>
#include <cstdlib>

#include "sgw/kube/api_client.h"
#include "support/fake_api_server.h"
#include "support/kube_test_client.h"

namespace sgw::kube {

namespace {

using test::devCertificates;
using test::FakeApiServer;
using test::otherDevCerts;
using test::readFile;
using test::TempDir;
using test::testClient;
using test::testClientConfig;

constexpr std::chrono::seconds kTimeout{5};

std::string createError(ClientConfig config) {
  auto client = ApiClient::create(std::move(config));
  const auto* error = std::get_if<ConfigError>(&client);
  return error == nullptr ? "(no error)" : error->message;
}

} // namespace

TEST_CASE("requests carry the bearer token and read JSON", "[kube][client]") {
  FakeApiServer server(devCertificates());
  const int port = server.start();
  auto connection = testClient(testClientConfig(port))->connect();
  const auto response = connection->get("/api/v1/namespaces/strimzi/services", kTimeout);
  CHECK(response.ok());
  CHECK(nlohmann::json::parse(response.body)["kind"] == "List");
  const auto requests = server.requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].authorization == "Bearer test-token");
}

TEST_CASE("a rotated token file is picked up by the next request", "[kube][client]") {
  TempDir dir;
  auto config = testClientConfig(0, "");
  config.tokenFile = dir.write("token", "token-1\n");
  FakeApiServer server(devCertificates());
  config.port = server.start();
  auto connection =
      testClient(config, ApiClientOptions{.tokenMaxAge = std::chrono::milliseconds(0)})->connect();
  CHECK(connection->get("/api/v1/services", kTimeout).ok());
  dir.write("token", "token-2\n");
  CHECK(connection->get("/api/v1/services", kTimeout).ok());
  const auto requests = server.requests();
  REQUIRE(requests.size() == 2);
  CHECK(requests[0].authorization == "Bearer token-1");
  CHECK(requests[1].authorization == "Bearer token-2");
}

TEST_CASE("an in-cluster client follows the kubelet's token rotation", "[kube][client]") {
  namespace fs = std::filesystem;
  FakeApiServer server(devCertificates());
  const int port = server.start();
  // The layout of a projected volume: the files are links into ..data, itself a link to the
  // current timestamped folder, which the kubelet swaps atomically on rotation.
  TempDir serviceAccount;
  const auto& dir = serviceAccount.path();
  serviceAccount.write("..2026_11_26_04_00/ca.crt", readFile(devCertificates().caCertificate()));
  serviceAccount.write("..2026_11_26_04_00/token", "projected-1");
  serviceAccount.write("..2026_11_26_04_00/namespace", "kafka");
  fs::create_directory_symlink("..2026_11_26_04_00", dir / "..data");
  for (const char* file : {"ca.crt", "token", "namespace"}) {
    fs::create_symlink(fs::path("..data") / file, dir / file);
  }
  auto config = loadInClusterConfig({"127.0.0.1", std::to_string(port)}, dir);
  REQUIRE(std::holds_alternative<ClientConfig>(config));
  CHECK(std::get<ClientConfig>(config).defaultNamespace == "kafka");
  auto connection = testClient(std::get<ClientConfig>(config),
                               ApiClientOptions{.tokenMaxAge = std::chrono::milliseconds(0)})
                        ->connect();
  CHECK(connection->get("/api/v1/services", kTimeout).ok());

  serviceAccount.write("..2026_11_26_04_48/ca.crt", readFile(devCertificates().caCertificate()));
  serviceAccount.write("..2026_11_26_04_48/token", "projected-2");
  serviceAccount.write("..2026_11_26_04_48/namespace", "kafka");
  fs::create_directory_symlink("..2026_11_26_04_48", dir / "..data_tmp");
  fs::rename(dir / "..data_tmp", dir / "..data");
  CHECK(connection->get("/api/v1/services", kTimeout).ok());

  const auto requests = server.requests();
  REQUIRE(requests.size() == 2);
  CHECK(requests[0].authorization == "Bearer projected-1");
  CHECK(requests[1].authorization == "Bearer projected-2");
}

TEST_CASE("a 401 makes the next request read the token file again", "[kube][client]") {
  TempDir dir;
  auto config = testClientConfig(0, "");
  config.tokenFile = dir.write("token", "old\n");
  FakeApiServer server(devCertificates());
  config.port = server.start();
  auto connection =
      testClient(config, ApiClientOptions{.tokenMaxAge = std::chrono::hours(1)})->connect();
  CHECK(connection->get("/api/v1/services", kTimeout).ok());
  dir.write("token", "new\n");
  server.requireToken("new");
  const auto rejected = connection->get("/api/v1/services", kTimeout);
  CHECK(rejected.status == 401);
  CHECK(rejected.describe() == "HTTP 401 Unauthorized: Unauthorized");
  CHECK(connection->get("/api/v1/services", kTimeout).ok());
}

TEST_CASE("client certificate authentication", "[kube][client]") {
  FakeApiServer server(devCertificates(), /*requireClientCertificate=*/true);
  auto config = testClientConfig(server.start(), "");
  SECTION("with the certificate the request is served") {
    config.clientCertificatePem = readFile(devCertificates().clientCertificate());
    config.clientKeyPem = readFile(devCertificates().clientKey());
    const auto client = testClient(config);
    CHECK(client->config().clientKeyPem.empty());
    CHECK(client->connect()->get("/api/v1/services", kTimeout).ok());
  }
  SECTION("without it the server refuses the connection") {
    const auto response = testClient(config)->connect()->get("/api/v1/services", kTimeout);
    CHECK(response.status == 0);
    CHECK_FALSE(response.error.empty());
    CHECK(server.requests().empty());
  }
}

TEST_CASE("a server certificate from another CA is refused", "[kube][client]") {
  FakeApiServer server(otherDevCerts());
  const int port = server.start();
  const auto response =
      testClient(testClientConfig(port))->connect()->get("/api/v1/services", kTimeout);
  CHECK(response.status == 0);
  CHECK(response.error == "certificate of https://127.0.0.1:" + std::to_string(port) +
                              " is not trusted: unable to get local issuer certificate");
  CHECK(server.requests().empty());
}

TEST_CASE("with a configured CA the system trust store is not consulted", "[kube][client]") {
  FakeApiServer server(otherDevCerts());
  const int port = server.start();
  // OpenSSL's default verify paths now trust the other CA; the configured one must still rule.
  const char* previous = std::getenv("SSL_CERT_FILE");
  const std::string saved = previous == nullptr ? "" : previous;
  ::setenv("SSL_CERT_FILE", otherDevCerts().caCertificate().c_str(), 1);
  const auto response =
      testClient(testClientConfig(port))->connect()->get("/api/v1/services", kTimeout);
  if (previous == nullptr) {
    ::unsetenv("SSL_CERT_FILE");
  } else {
    ::setenv("SSL_CERT_FILE", saved.c_str(), 1);
  }
  CHECK(response.status == 0);
  CHECK(server.requests().empty());
}

TEST_CASE("insecure-skip-tls-verify accepts any server certificate", "[kube][client]") {
  FakeApiServer server(otherDevCerts());
  auto config = testClientConfig(server.start());
  config.caPem.clear();
  config.insecureSkipTlsVerify = true;
  CHECK(testClient(config)->connect()->get("/api/v1/services", kTimeout).ok());
}

TEST_CASE("tls-server-name is the name the server certificate is checked against",
          "[kube][client]") {
  FakeApiServer server(devCertificates());
  const int port = server.start();
  auto config = testClientConfig(port);
  SECTION("a name in the certificate") {
    config.tlsServerName = "localhost";
    CHECK(testClient(config)->connect()->get("/api/v1/services", kTimeout).ok());
  }
  SECTION("a name not in the certificate") {
    config.tlsServerName = "api.example.test";
    const auto response = testClient(config)->connect()->get("/api/v1/services", kTimeout);
    CHECK(response.error == "certificate of https://127.0.0.1:" + std::to_string(port) +
                                " is not valid for api.example.test");
  }
}

TEST_CASE("an API server that is not listening is a connection error", "[kube][client]") {
  const int port = FakeApiServer::unusedPort();
  const auto response =
      testClient(testClientConfig(port))->connect()->get("/api/v1/services", kTimeout);
  CHECK(response.status == 0);
  CHECK(response.describe() == "cannot connect to https://127.0.0.1:" + std::to_string(port));
}

TEST_CASE("a GET gives up when the server does not answer in time", "[kube][client]") {
  FakeApiServer server(devCertificates());
  const int port = server.start();
  server.script(FakeApiServer::Verb::Get, "secrets",
                {.status = 200, .chunks = {"{}"}, .delay = std::chrono::seconds(20)});
  const auto response =
      testClient(testClientConfig(port))
          ->connect()
          ->get("/api/v1/namespaces/strimzi/secrets/slow", std::chrono::milliseconds(200));
  CHECK(response.status == 0);
  CHECK(response.error == "connection to https://127.0.0.1:" + std::to_string(port) +
                              " failed or timed out while reading");
}

TEST_CASE("a cancelled connection fails at once, also for later requests", "[kube][client]") {
  FakeApiServer server(devCertificates());
  const int port = server.start();
  auto connection = testClient(testClientConfig(port))->connect();
  connection->cancel();
  CHECK(connection->get("/api/v1/services", kTimeout).error == "request cancelled");
  CHECK(server.requests().empty());
}

TEST_CASE("error answers are described with the Status message", "[kube][client]") {
  FakeApiServer server(devCertificates());
  const int port = server.start();
  server.script(
      FakeApiServer::Verb::List, "secrets",
      {.status = 403,
       .chunks = {R"({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",)"
                  R"("message":"secrets is forbidden: User \"system:serviceaccount:)"
                  R"(kafka:webhook\" cannot list resource \"secrets\"","reason":)"
                  R"("Forbidden","code":403})"}});
  const auto response =
      testClient(testClientConfig(port))->connect()->get("/api/v1/secrets", kTimeout);
  CHECK(response.status == 403);
  CHECK(response.describe() ==
        "HTTP 403 Forbidden: secrets is forbidden: User "
        "\"system:serviceaccount:kafka:webhook\" cannot list resource \"secrets\"");
}

TEST_CASE("unusable TLS material is refused when the client is made", "[kube][client]") {
  auto config = testClientConfig(1);
  SECTION("a CA that is not PEM") {
    config.caPem = "not a certificate";
    CHECK(createError(config) == "the certificate authority of test API server holds no PEM "
                                 "certificate");
  }
  SECTION("a client key of another certificate") {
    config.clientCertificatePem = readFile(devCertificates().clientCertificate());
    config.clientKeyPem = readFile(otherDevCerts().clientKey());
    CHECK(createError(config) ==
          "the client key of test API server does not belong to its client certificate");
  }
  SECTION("a client key that is not PEM") {
    config.clientCertificatePem = readFile(devCertificates().clientCertificate());
    config.clientKeyPem = "secret";
    CHECK(createError(config) == "the client key of test API server is not a PEM private key "
                                 "(encrypted keys are not supported)");
  }
}

} // namespace sgw::kube
