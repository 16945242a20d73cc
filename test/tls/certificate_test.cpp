#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "sgw/tls/certificate.h"
#include "support/test_certificates.h"

using sgw::test::CertificateRequest;
using sgw::test::makeCertificatePem;
using sgw::test::testNow;
using sgw::tls::Certificate;

namespace {

using namespace std::chrono_literals;

Certificate parse(const std::string& pem) {
  auto parsed = Certificate::parsePemChain(pem);
  if (const auto* reason = std::get_if<std::string>(&parsed)) {
    FAIL("certificate does not parse: " << *reason);
  }
  return std::get<Certificate>(parsed);
}

std::string parseError(const std::string& pem) {
  auto parsed = Certificate::parsePemChain(pem);
  REQUIRE(std::holds_alternative<std::string>(parsed));
  return std::get<std::string>(parsed);
}

CertificateRequest request(std::vector<std::string> dns, std::vector<std::string> ips = {}) {
  CertificateRequest out;
  out.dnsNames = std::move(dns);
  out.ipAddresses = std::move(ips);
  out.notBefore = testNow() - 24h;
  out.notAfter = testNow() + 24h * 365;
  return out;
}

} // namespace

TEST_CASE("a PEM certificate yields its SANs and expiry", "[tls][certificate]") {
  auto wanted = request({"*.example.com", "kafka.example.org"}, {"10.0.0.1", "2001:db8::1"});
  wanted.notAfter = std::chrono::sys_days{std::chrono::year{2027} / 2 / 24} + 12h + 30min;
  const auto certificate = parse(makeCertificatePem(wanted));
  CHECK(certificate.dnsNames() == std::vector<std::string>{"*.example.com", "kafka.example.org"});
  CHECK(certificate.ipAddresses() == std::vector<std::string>{"10.0.0.1", "2001:db8::1"});
  CHECK(certificate.notAfter() == wanted.notAfter);
  CHECK(sgw::tls::formatTimestamp(certificate.notAfter()) == "2027-02-24T12:30:00Z");
  CHECK(certificate.chainLength() == 1);
}

TEST_CASE("the leaf is the first certificate of a chain", "[tls][certificate]") {
  const auto leaf = makeCertificatePem(request({"leaf.example.com"}));
  const auto issuer = makeCertificatePem(request({"ca.example.com"}));
  const auto certificate = parse("# chain\n" + leaf + "some text between\n" + issuer + "\ntrailer");
  CHECK(certificate.chainLength() == 2);
  CHECK(certificate.dnsNames() == std::vector<std::string>{"leaf.example.com"});
  CHECK(certificate.covers("leaf.example.com"));
  CHECK_FALSE(certificate.covers("ca.example.com"));
}

TEST_CASE("text that is no certificate chain says why", "[tls][certificate]") {
  const auto good = makeCertificatePem(request({"a.example.com"}));
  auto corrupt = good;
  corrupt[corrupt.find('\n') + 5] = '*';
  const auto truncated = good.substr(0, good.size() / 2);
  const auto key = std::string("-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE"
                               "\n-----END PUBLIC KEY-----\n");
  const auto encrypted = "-----BEGIN CERTIFICATE-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: "
                         "AES-128-CBC,00000000000000000000000000000000\n\nAAAA\n"
                         "-----END CERTIFICATE-----\n";
  CHECK(parseError("") == "no PEM certificate found");
  CHECK(parseError("not a certificate") == "no PEM certificate found");
  CHECK(parseError(key) == "no PEM certificate found");
  CHECK(parseError(corrupt) == "certificate 1 of the chain cannot be parsed");
  CHECK(parseError(truncated) == "certificate 1 of the chain cannot be parsed");
  CHECK(parseError(good + corrupt) == "certificate 2 of the chain cannot be parsed");
  CHECK(parseError(encrypted) == "certificate 1 of the chain cannot be parsed");
  CHECK(parseError(std::string("\0\0\0", 3)) == "no PEM certificate found");
}

TEST_CASE("covers() matches hostnames like RFC 6125 clients", "[tls][certificate]") {
  static const auto certificate = parse(makeCertificatePem(request(
      {"*.example.com", "kafka.example.org", "b*.example.net", "10.0.0.5"}, {"10.0.0.1", "::1"})));
  struct Case {
    std::string host;
    bool covered;
  };
  const auto c = GENERATE(values<Case>({
      {"a.example.com", true},
      {"BROKER-10.Example.COM", true},
      {"example.com", false},
      {"a.b.example.com", false},
      {"*.example.com", true},
      {"*.b.example.com", false},
      {"kafka.example.org", true},
      {"*.example.org", false},
      {"other.example.org", false},
      {"bar.example.net", false},
      {"10.0.0.1", true},
      {"10.0.0.2", false},
      {"10.0.0.5", false},
      {"::1", true},
      {"0:0:0:0:0:0:0:1", true},
      {"", false},
      {std::string("a.example.com\0.evil", 19), false},
  }));
  CAPTURE(c.host);
  CHECK(certificate.covers(c.host) == c.covered);
}

TEST_CASE("the subject common name is never consulted", "[tls][certificate]") {
  auto wanted = request({});
  wanted.commonName = "cn.example.com";
  const auto certificate = parse(makeCertificatePem(wanted));
  CHECK(certificate.dnsNames().empty());
  CHECK(certificate.ipAddresses().empty());
  CHECK_FALSE(certificate.covers("cn.example.com"));
}

TEST_CASE("IP literals are recognised in both families", "[tls][certificate]") {
  CHECK(sgw::tls::isIpLiteral("192.168.1.10"));
  CHECK(sgw::tls::isIpLiteral("2001:db8::1"));
  CHECK(sgw::tls::isIpLiteral("::"));
  CHECK_FALSE(sgw::tls::isIpLiteral("broker-10.example.com"));
  CHECK_FALSE(sgw::tls::isIpLiteral("10.0.0"));
  CHECK_FALSE(sgw::tls::isIpLiteral("300.1.1.1"));
  CHECK_FALSE(sgw::tls::isIpLiteral(""));
}

TEST_CASE("the seed certificate is valid for the seed's hostnames until 2126",
          "[tls][certificate]") {
  // The PEM of examples/certificate-secret.yaml (tls.crt), decoded.
  const std::string pem = "-----BEGIN CERTIFICATE-----\n"
                          "MIIBoDCCAUagAwIBAgIUAeQ3yKfOhhOqoFudpKRCF17oAwYwCgYIKoZIzj0EAwIw\n"
                          "ETEPMA0GA1UECgwGbXktb3JnMCAXDTI2MTEyNjA2NDg1M1oYDzIxMjYxMTAyMDY0\n"
                          "ODUzWjARMQ8wDQYDVQQKDAZteS1vcmcwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNC\n"
                          "AAQ1Ao4+FgP9NQ0rblHV9+a/nvD+ADNbqe/PY0PlJB6yKFtlWBXWqFNb4MYRATWz\n"
                          "qg1jHbp0hvcGiOQGqMFiTOhao3oweDAdBgNVHQ4EFgQUeCPBON05OrW6/xaUEo7s\n"
                          "4sKgjAwwHwYDVR0jBBgwFoAUeCPBON05OrW6/xaUEo7s4sKgjAwwDwYDVR0TAQH/\n"
                          "BAUwAwEB/zAlBgNVHREEHjAcghoqLnN0cmltemkuZ2F0ZXdheS5hcGkudGVzdDAK\n"
                          "BggqhkjOPQQDAgNIADBFAiAf0MKKrwCuZVJ9FDs4DYh12hrimu4MDNeNGAOtkZGf\n"
                          "MAIhAPR+lGtbXQ29osAGYrHHxoNO49ciuDt5GZ7LLB/0QrF+\n"
                          "-----END CERTIFICATE-----\n";
  const auto certificate = parse(pem);
  CHECK(certificate.dnsNames() == std::vector<std::string>{"*.strimzi.gateway.api.test"});
  CHECK(sgw::tls::formatTimestamp(certificate.notAfter()) == "2126-11-02T06:48:53Z");
  CHECK(certificate.covers("broker-10.strimzi.gateway.api.test"));
  CHECK(certificate.covers("bootstrap.strimzi.gateway.api.test"));
  CHECK_FALSE(certificate.covers("broker-10.other.example"));
}

TEST_CASE("a certificate that expires after 2262 is valid for as long as time goes",
          "[tls][certificate]") {
  // A time_point counts nanoseconds and ends in 2262, but certificates reach 9999 (RFC 5280's
  // "no well-defined expiration" is 99991231235959Z). Found by fuzzing, once undefined behaviour
  // (a signed overflow): the seed certificate with notAfter in 6126 and a mutated SAN.
  const std::string pem = "-----BEGIN CERTIFICATE-----\n"
                          "MIIBoDCCAUagAwIBAgIUAeSBfl4AkGEAAFudpKRCF17oAwYwCgYIKoZIzj0EAwIw\n"
                          "ETEPMA0GA1UECgwGbXktb3JnMCAXDTI2MTEyNjA2NDg1M1oYDzYxMjYxMTAyMDY0\n"
                          "ODUzWjARMQ8wDQYDVQQKDAZteS1vcmcwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNC\n"
                          "AAQ1Ao4+FgP9NQ0rblHV9+a/nvD+ADNbqe/PY0PlJB6yKFtlWBXWqFNb4MYRATWz\n"
                          "qg1jHbp0hvcGiOQGqMFiTOhao3oweDAdBgNVHQ4EFgQUeCPBON05OrW6/xaUEo7s\n"
                          "4sKgjAwwHwYDVR0jBBgwFoAUeCPBON05OrW6/xaUEo7s4sKgjAwwDwYDVR0TAQH/\n"
                          "BAUwAwEB/zAlBgNVHREEHjAcghorLnN0cmltemkuZ2F0ZXdheS5hcG8udGVzdDAK\n"
                          "BggqhkjOPQQDAgNIADBFAiAf0MKKrwCuZVJ9FDs4DYh12hrimu4MDNeNGAOtkZGf\n"
                          "MAIhAPR+lGtbXQ29osAGYrHHxoNO49ciuDt5GZ7LLB/0QrF+\n"
                          "-----END CERTIFICATE-----\n";
  const auto certificate = parse(pem);
  CHECK(certificate.notAfter() == std::chrono::system_clock::time_point::max());
  CHECK(sgw::tls::formatTimestamp(certificate.notAfter()) == "2262-04-11T23:47:16Z");
  CHECK(certificate.dnsNames() == std::vector<std::string>{"+.strimzi.gateway.apo.test"});
}

TEST_CASE("covers() answers alike when asked again, past the hosts it remembers",
          "[tls][certificate]") {
  const auto certificate = parse(makeCertificatePem(request({"*.example.com"}, {"10.0.0.1"})));
  const auto copy = certificate;
  const auto hosts = Certificate::kRememberedHosts + 10;
  for (int round = 0; round < 2; ++round) {
    const auto& asked = round == 0 ? certificate : copy;
    for (std::size_t i = 0; i < hosts; ++i) {
      const auto broker = "broker-" + std::to_string(i);
      INFO("round " << round << ", " << broker);
      REQUIRE(asked.covers(broker + ".example.com"));
      REQUIRE_FALSE(asked.covers(broker + ".example.net"));
    }
    CHECK(asked.covers("10.0.0.1"));
    CHECK_FALSE(asked.covers("10.0.0.2"));
    CHECK_FALSE(asked.covers("example.com"));
  }
}

TEST_CASE("covers() can be asked from several threads at once", "[tls][certificate]") {
  const auto certificate = parse(makeCertificatePem(request({"*.example.com"})));
  std::vector<std::thread> threads;
  std::atomic<int> wrong{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&certificate, &wrong] {
      for (int i = 0; i < 300; ++i) {
        const auto broker = "broker-" + std::to_string(i % 50);
        if (!certificate.covers(broker + ".example.com") ||
            certificate.covers(broker + ".example.org")) {
          ++wrong;
        }
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  CHECK(wrong == 0);
}
