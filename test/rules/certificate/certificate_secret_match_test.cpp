#include <catch2/catch.hpp>
#include <chrono>
#include <functional>

#include "sgw/rules/certificate/certificate_secret_match.h"
#include "support/seed.h"

using sgw::test::Seed;
using Json = nlohmann::json;

namespace {

using namespace std::chrono_literals;

std::string pem(std::vector<std::string> dns, std::vector<std::string> ips = {}) {
  sgw::test::CertificateRequest request;
  request.dnsNames = std::move(dns);
  request.ipAddresses = std::move(ips);
  request.notBefore = sgw::test::testNow() - 24h;
  request.notAfter = sgw::test::testNow() + 24h * 90;
  return sgw::test::makeCertificatePem(request);
}

struct Case {
  std::string name;
  std::function<void(Seed&, Json&)> change;
  std::vector<std::string> expected;
};

} // namespace

TEST_CASE("certificate-secret-match warns when the issued certificate lacks the requested names",
          "[rules][certificate-secret-match]") {
  const auto c = GENERATE_REF(values<Case>({
      {"the seed's Secret carries the seed Certificate's names", [](Seed&, Json&) {}, {}},
      {"the names compare case-insensitively",
       [](Seed&, Json& certificate) {
         certificate["spec"]["dnsNames"] = {"*.Strimzi.Gateway.API.test"};
       },
       {}},
      {"a name added that the Secret does not carry yet",
       [](Seed&, Json& certificate) {
         certificate["spec"]["dnsNames"].push_back("kafka.example.org");
       },
       {"warn: spec.secretName: Invalid value: \"my-certificate\": holds a certificate for "
        "*.strimzi.gateway.api.test, not for the requested *.strimzi.gateway.api.test, "
        "kafka.example.org; not reissued yet, or replaced (Ready: True, Ready)"}},
      {"a Secret replaced by hand with other names",
       [](Seed& seed, Json&) {
         seed.put(sgw::test::secretJson("my-certificate",
                                        {{"tls.crt", pem({"*.other.example"}, {"192.0.2.1"})}}));
       },
       {"warn: spec.secretName: Invalid value: \"my-certificate\": holds a certificate for "
        "*.other.example, 192.0.2.1, not for the requested *.strimzi.gateway.api.test; not "
        "reissued yet, or replaced (Ready: True, Ready)"}},
      {"IP addresses in any spelling",
       [](Seed& seed, Json& certificate) {
         seed.put(sgw::test::secretJson(
             "my-certificate", {{"tls.crt", pem({"*.strimzi.gateway.api.test"}, {"::1"})}}));
         certificate["spec"]["ipAddresses"] = {"0:0:0:0:0:0:0:1"};
       },
       {}},
      {"no Secret yet", [](Seed& seed, Json&) { seed.remove("Secret", "my-certificate"); }, {}},
      {"a Secret without a certificate",
       [](Seed& seed, Json&) {
         seed.put(sgw::test::secretJson("my-certificate", {{"note", "x"}}));
       },
       {}},
  }));
  CAPTURE(c.name);
  Seed seed;
  auto certificate = sgw::test::certificateJson();
  c.change(seed, certificate);
  for (const auto operation : {sgw::rules::Operation::Create, sgw::rules::Operation::Update}) {
    CHECK(sgw::test::check(sgw::rules::certificate::certificateSecretMatchRule(), seed.snapshot(),
                           certificate, operation) == c.expected);
  }
}
