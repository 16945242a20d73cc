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
