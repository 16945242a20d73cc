#include <atomic>
#include <catch2/catch.hpp>
#include <thread>

#include "support/eventually.h"
#include "support/https_client.h"
#include "support/running_server.h"

using sgw::test::eventually;
using sgw::test::FakeState;
using sgw::test::RunningServer;

namespace {

void replaceFile(const std::filesystem::path& target, const std::string& content) {
  const auto partial = target.string() + ".new";
  {
    std::ofstream stream(partial, std::ios::binary | std::ios::trunc);
    stream << content;
  }
  std::filesystem::rename(partial, target);
}

} // namespace

TEST_CASE("a rotated certificate is served to new connections without a restart",
          "[http][tls][rotation]") {
  sgw::test::TempDir dir;
  const auto first = sgw::test::makeDevCerts(dir.path() / "first");
  const auto second = sgw::test::makeDevCerts(dir.path() / "second");
  RunningServer server(std::make_shared<FakeState>(), {}, first);
  const auto firstPrint = sgw::test::fileCertificateFingerprint(first.certificate());
  const auto secondPrint = sgw::test::fileCertificateFingerprint(second.certificate());
  REQUIRE(firstPrint != secondPrint);
  CHECK(sgw::test::presentedCertificate(server.port()) == firstPrint);

  // A keep-alive connection opened before the rotation.
  auto established = sgw::test::httpsClient(server.port(), first);
  established->set_keep_alive(true);
  REQUIRE(established->Get("/healthz"));

  // cert-manager rewrites both files; the key lands first, so for a moment they do not match.
  replaceFile(first.privateKey(), sgw::test::readFile(second.privateKey()));
  replaceFile(first.certificate(), sgw::test::readFile(second.certificate()));
  CHECK(eventually([&] { return sgw::test::presentedCertificate(server.port()) == secondPrint; }));

  // The connection from before keeps working.
  const auto stillServed = established->Get("/healthz");
  REQUIRE(stillServed);
  CHECK(stillServed->status == 200);
  CHECK(server.metrics().value(sgw::observability::kCertificateReloadsTotal,
                               {{"result", "success"}}) == 1);
  CHECK(server.metrics().value(sgw::observability::kCertificateReloadsTotal,
                               {{"result", "failure"}}) <= 1);
}

TEST_CASE("a broken new certificate is reported and the old one kept", "[http][tls][rotation]") {
  sgw::test::TempDir dir;
  const auto certs = sgw::test::makeDevCerts(dir.path() / "certs");
  RunningServer server(std::make_shared<FakeState>(), {}, certs);
  const auto print = sgw::test::fileCertificateFingerprint(certs.certificate());

  replaceFile(certs.certificate(), "-----BEGIN CERTIFICATE-----\nnot base64\n");
  CHECK(eventually([&] {
    return server.metrics().value(sgw::observability::kCertificateReloadsTotal,
                                  {{"result", "failure"}}) == 1;
  }));
  CHECK(sgw::test::presentedCertificate(server.port()) == print);
  const auto health = sgw::test::httpsClient(server.port(), certs)->Get("/healthz");
  REQUIRE(health);
  CHECK(health->status == 200);
}

TEST_CASE("the TLS policy sets its own minimum version and AEAD suites", "[http][tls][policy]") {
  sgw::http::ServingCertificate certificate({sgw::test::sharedDevCerts().certificate(),
                                             sgw::test::sharedDevCerts().privateKey(), std::nullopt,
                                             std::chrono::milliseconds(1000)},
                                            {});
  REQUIRE_FALSE(certificate.load().has_value());
  SSL_CTX* context = SSL_CTX_new(TLS_server_method());
  // Whatever the system configuration allowed, the policy decides.
  SSL_CTX_set_min_proto_version(context, 0);
  REQUIRE(certificate.configure(*context));
  CHECK(SSL_CTX_get_min_proto_version(context) == TLS1_2_VERSION);
  SSL* ssl = SSL_new(context);
  STACK_OF(SSL_CIPHER)* ciphers = SSL_get1_supported_ciphers(ssl);
  REQUIRE(ciphers != nullptr);
  std::vector<std::string> tls12;
  for (int i = 0; i < sk_SSL_CIPHER_num(ciphers); ++i) {
    const SSL_CIPHER* cipher = sk_SSL_CIPHER_value(ciphers, i);
    INFO(SSL_CIPHER_get_name(cipher));
    CHECK(SSL_CIPHER_is_aead(cipher) == 1);
    if (std::string(SSL_CIPHER_get_version(cipher)) != "TLSv1.3") {
      CHECK(SSL_CIPHER_get_kx_nid(cipher) == NID_kx_ecdhe);
      tls12.emplace_back(SSL_CIPHER_get_name(cipher));
    }
  }
  CHECK(tls12.size() == 6);
  sk_SSL_CIPHER_free(ciphers);
  SSL_free(ssl);
  SSL_CTX_free(context);
}

TEST_CASE("a certificate rotated under load fails no request", "[http][tls][rotation][load]") {
  sgw::test::TempDir dir;
  const auto first = sgw::test::makeDevCerts(dir.path() / "first");
  const auto second = sgw::test::makeDevCerts(dir.path() / "second");
  // What the API server's caBundle holds during a CA rollover: both CAs.
  sgw::test::DevCerts trust{dir.path() / "trust", {}};
  std::filesystem::create_directories(trust.folder);
  replaceFile(trust.caCertificate(), sgw::test::readFile(first.caCertificate()) +
                                         sgw::test::readFile(second.caCertificate()));
  // The files the server reads, starting as the first set.
  const sgw::test::DevCerts served{dir.path() / "served", {}};
  std::filesystem::copy(first.folder, served.folder);
  RunningServer server(std::make_shared<FakeState>(sgw::test::examplesSnapshot()), {}, served);
  const auto body = sgw::test::readFile(
      sgw::test::fixturePath("admission/050-validate-Kafka-UPDATE-gateway-api-test.json"));

  // Clients review without pause, half on one keep-alive connection, half on a new connection
  // (and so a new handshake) per review, while the certificate changes hands four times.
  std::atomic<bool> rotating{true};
  std::atomic<int> answered{0};
  std::atomic<int> failed{0};
  std::vector<std::thread> clients;
  for (int i = 0; i < 4; ++i) {
    clients.emplace_back([&, keepAlive = i % 2 == 0] {
      auto client = sgw::test::httpsClient(server.port(), trust);
      client->set_keep_alive(keepAlive);
      while (rotating) {
        if (!keepAlive) {
          client = sgw::test::httpsClient(server.port(), trust);
        }
        const auto review = client->Post("/validate", body, "application/json");
        const bool ok =
            review && review->status == 200 &&
            review->body.find("ebeafb42-ecd2-40dc-b1ee-e05b6625d1a9") != std::string::npos;
        ++(ok ? answered : failed);
      }
    });
  }
  for (int rotation = 0; rotation < 4; ++rotation) {
    const auto& next = rotation % 2 == 0 ? second : first;
    const auto nextPrint = sgw::test::fileCertificateFingerprint(next.certificate());
    const int before = answered;
    // cert-manager rewrites the key first, so for a moment the files do not match.
    replaceFile(served.privateKey(), sgw::test::readFile(next.privateKey()));
    replaceFile(served.certificate(), sgw::test::readFile(next.certificate()));
    CHECK(eventually([&] { return sgw::test::presentedCertificate(server.port()) == nextPrint; }));
    // Some reviews ran on each certificate.
    CHECK(eventually([&] { return answered >= before + 20; }));
  }
  rotating = false;
  for (auto& client : clients) {
    client.join();
  }
  INFO(answered << " reviews answered");
  CHECK(failed == 0);
  CHECK(server.metrics().value(sgw::observability::kCertificateReloadsTotal,
                               {{"result", "success"}}) == 4);
}
