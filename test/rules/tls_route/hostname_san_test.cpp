#include <catch2/catch.hpp>
#include <functional>

#include "sgw/rules/tls_route/hostname_san.h"
#include "support/seed.h"

using sgw::test::Seed;
using Json = nlohmann::json;

namespace {

using namespace std::chrono_literals;

const std::string kCertificate =
    "not covered by the certificate of listener obiwan of Kafka gateway-api-test (Secret "
    "my-certificate), whose SANs are ";

void useCertificate(Seed& seed, std::vector<std::string> dns) {
  sgw::test::CertificateRequest request;
  request.dnsNames = std::move(dns);
  request.notBefore = sgw::test::testNow() - 24h;
  request.notAfter = sgw::test::testNow() + 24h * 365;
  seed.put(sgw::test::secretJson("my-certificate",
                                 {{"tls.crt", sgw::test::makeCertificatePem(request)}}));
}

} // namespace

TEST_CASE("hostname-san (TLSRoute) checks route hostnames against the listener certificate",
          "[rules][hostname-san]") {
  using Case = sgw::test::SeedCase;
  const auto c = GENERATE(values<Case>({
      {"the seed route is allowed", [](Seed&, Json&) {}, {}},
      {"a hostname outside the SANs",
       [](Seed&, Json& route) { route["spec"]["hostnames"][0] = "broker-10.other.example"; },
       {"deny: spec.hostnames[0]: Invalid value: \"broker-10.other.example\": " + kCertificate +
        "*.strimzi.gateway.api.test"}},
      {"a wildcard hostname the wildcard SAN covers",
       [](Seed&, Json& route) { route["spec"]["hostnames"][0] = "*.strimzi.gateway.api.test"; },
       {}},
      {"a wider wildcard",
       [](Seed&, Json& route) { route["spec"]["hostnames"][0] = "*.gateway.api.test"; },
       {"deny: spec.hostnames[0]: Invalid value: \"*.gateway.api.test\": " + kCertificate +
        "*.strimzi.gateway.api.test"}},
      {"a wildcard hostname needs the same wildcard SAN",
       [](Seed& seed, Json& route) {
         useCertificate(seed, {"broker-10.strimzi.gateway.api.test"});
         route["spec"]["hostnames"].push_back("*.strimzi.gateway.api.test");
       },
       {"deny: spec.hostnames[1]: Invalid value: \"*.strimzi.gateway.api.test\": " + kCertificate +
        "broker-10.strimzi.gateway.api.test"}},
      {"the Secret is missing: the Kafka review reports it",
       [](Seed& seed, Json& route) {
         seed.remove("Secret", "my-certificate");
         route["spec"]["hostnames"][0] = "broker-10.other.example";
       },
       {}},
      {"the Secret is not issued yet: judged by its Certificate, which covers the hostname",
       [](Seed& seed, Json&) {
         seed.remove("Secret", "my-certificate");
         seed.put(sgw::test::certificateJson("False"));
       },
       {"warn: spec.hostnames: covered by Certificate my-certificate, whose Secret "
        "my-certificate (listener obiwan of Kafka gateway-api-test) is not issued yet (Ready: "
        "False, DoesNotExist; issuing)"}},
      {"the Secret is not issued yet and its Certificate will not cover the hostname",
       [](Seed& seed, Json& route) {
         seed.remove("Secret", "my-certificate");
         seed.put(sgw::test::certificateJson("False"));
         route["spec"]["hostnames"][0] = "broker-10.other.example";
       },
       {"deny: spec.hostnames[0]: Invalid value: \"broker-10.other.example\": not covered by the "
        "certificate of listener obiwan of Kafka gateway-api-test (Certificate my-certificate, "
        "not issued into Secret my-certificate yet), whose SANs are *.strimzi.gateway.api.test"}},
      {"a Certificate of another namespace never issues the Secret",
       [](Seed& seed, Json& route) {
         seed.remove("Secret", "my-certificate");
         auto elsewhere = sgw::test::certificateJson("False");
         elsewhere["metadata"]["namespace"] = "other";
         seed.put(elsewhere);
         route["spec"]["hostnames"][0] = "broker-10.other.example";
       },
       {}},
      {"a listener with Strimzi's own certificates",
       [](Seed& seed, Json& route) {
         seed.get("Kafka", "gateway-api-test")["spec"]["kafka"]["listeners"][0]["configuration"]
             .erase("brokerCertChainAndKey");
         route["spec"]["hostnames"][0] = "broker-10.other.example";
       },
       {}},
      {"a backend that is no listener's Service",
       [](Seed&, Json& route) {
         route["spec"]["rules"][0]["backendRefs"][0]["name"] = "elsewhere";
         route["spec"]["hostnames"][0] = "broker-10.other.example";
       },
       {}},
      {"no hostnames", [](Seed&, Json& route) { route["spec"].erase("hostnames"); }, {}},
  }));
  CAPTURE(c.name);
  Seed seed;
  auto route = seed.get("TLSRoute", "gateway-api-test-broker-10");
  c.change(seed, route);
  CHECK(sgw::test::check(sgw::rules::tls_route::hostnameSanRule(), seed.snapshot(), route) ==
        c.expected);
}
