#include <catch2/catch.hpp>
#include <chrono>

#include "sgw/tls/certificate.h"
#include "sgw/tls/san_names.h"
#include "support/test_certificates.h"

namespace {

using namespace std::chrono_literals;

const std::vector<std::string> kDnsNames = {"*.example.com", "kafka.example.org", "b*.example.net",
                                            "*.com", "10.0.0.5"};
const std::vector<std::string> kIpAddresses = {"10.0.0.1", "::1"};

struct Case {
  std::string host;
  bool covered;
};

const std::vector<Case> kCases = {
    {"a.example.com", true},
    {"BROKER-10.Example.COM", true},
    {"example.com", false},
    {"a.b.example.com", false},
    {"*.example.com", true},
    {"*.b.example.com", false},
    {"a_b.example.com", false},
    {"kafka.example.org", true},
    {"KAFKA.example.org", true},
    {"*.example.org", false},
    {"other.example.org", false},
    {"bar.example.net", false},
    {"example.com.", false},
    {"foo.com", false},
    {"10.0.0.1", true},
    {"10.0.0.2", false},
    {"10.0.0.5", false},
    {"::1", true},
    {"0:0:0:0:0:0:0:1", true},
    {"::ffff:10.0.0.1", false},
    {"", false},
    {std::string("a.example.com\0.evil", 19), false},
};

} // namespace

TEST_CASE("namesCover() judges requested names as covers() judges an issued certificate",
          "[tls][san]") {
  sgw::test::CertificateRequest request;
  request.dnsNames = kDnsNames;
  request.ipAddresses = kIpAddresses;
  request.notBefore = sgw::test::testNow() - 24h;
  request.notAfter = sgw::test::testNow() + 24h * 365;
  auto parsed = sgw::tls::Certificate::parsePemChain(sgw::test::makeCertificatePem(request));
  REQUIRE(std::holds_alternative<sgw::tls::Certificate>(parsed));
  const auto& issued = std::get<sgw::tls::Certificate>(parsed);

  for (const auto& c : kCases) {
    CAPTURE(c.host);
    CHECK(sgw::tls::namesCover(kDnsNames, kIpAddresses, c.host) == c.covered);
    CHECK(issued.covers(c.host) == c.covered);
  }
}

TEST_CASE("namesCover() covers nothing without names", "[tls][san]") {
  CHECK_FALSE(sgw::tls::namesCover({}, {}, "broker-10.strimzi.gateway.api.test"));
  CHECK_FALSE(sgw::tls::namesCover({}, {}, "10.0.0.1"));
  // An IP literal is never covered by a DNS name that spells it.
  CHECK_FALSE(sgw::tls::namesCover({"10.0.0.1"}, {}, "10.0.0.1"));
}
