#include <catch2/catch.hpp>
#include <functional>

#include "sgw/rules/kafka/hostname_san.h"
#include "support/seed.h"

using sgw::test::Seed;
using Json = nlohmann::json;

namespace {

using namespace std::chrono_literals;

Json& configurationOf(Json& kafka) {
  return kafka["spec"]["kafka"]["listeners"][0]["configuration"];
}

// A certificate for the seed's Secret with these SANs, valid from yesterday until `notAfter`.
std::string certificate(std::vector<std::string> dns, std::vector<std::string> ips = {},
                        std::chrono::system_clock::time_point notAfter = sgw::test::testNow() +
                                                                         24h * 365) {
  sgw::test::CertificateRequest request;
  request.dnsNames = std::move(dns);
  request.ipAddresses = std::move(ips);
  request.notBefore = sgw::test::testNow() - 24h * 400;
  request.notAfter = notAfter;
  return sgw::test::makeCertificatePem(request);
}

void useCertificate(Seed& seed, const std::string& pem) {
  seed.put(sgw::test::secretJson("my-certificate", {{"tls.crt", pem}, {"ca.crt", pem}}));
}

const std::string kConfiguration = "spec.kafka.listeners[0].configuration";
const std::string kCovered =
    "not covered by the certificate in Secret my-certificate, whose SANs are "
    "*.strimzi.gateway.api.test";

} // namespace

TEST_CASE("hostname-san (Kafka) checks every listener hostname against the certificate",
          "[rules][hostname-san]") {
  using Case = sgw::test::SeedCase;
  const auto c = GENERATE(values<Case>({
      {"the seed is allowed", [](Seed&, Json&) {}, {}},
      {"an advertised host outside the SANs",
       [](Seed&, Json& kafka) {
         configurationOf(kafka)["brokers"][0]["advertisedHost"] = "broker-10.other.example";
       },
       {"deny: " + kConfiguration +
        ".brokers[0].advertisedHost: Invalid value: \"broker-10.other.example\": " + kCovered}},
      {"a host two labels below the wildcard",
       [](Seed&, Json& kafka) {
         configurationOf(kafka)["brokers"][1]["advertisedHost"] = "a.b.strimzi.gateway.api.test";
       },
       {"deny: " + kConfiguration +
        ".brokers[1].advertisedHost: Invalid value: \"a.b.strimzi.gateway.api.test\": " +
        kCovered}},
      {"entries for IDs that are no node yet are checked too",
       [](Seed&, Json& kafka) {
         configurationOf(kafka)["brokers"].push_back(
             {{"broker", 13}, {"advertisedHost", "broker-13.example.org"}});
       },
       {"deny: " + kConfiguration +
        ".brokers[3].advertisedHost: Invalid value: " + "\"broker-13.example.org\": " + kCovered}},
      {"a route host",
       [](Seed&, Json& kafka) { configurationOf(kafka)["brokers"][2]["host"] = "kafka-12.local"; },
       {"deny: " + kConfiguration +
        ".brokers[2].host: Invalid value: \"kafka-12.local\": " + kCovered}},
      {"bootstrap names",
       [](Seed&, Json& kafka) {
         configurationOf(kafka)["bootstrap"] = {
             {"host", "bootstrap.other.example"},
             {"alternativeNames", {"bootstrap.strimzi.gateway.api.test", "kafka.other.example"}}};
       },
       {"deny: " + kConfiguration +
            ".bootstrap.host: Invalid value: \"bootstrap.other.example\": " + kCovered,
        "deny: " + kConfiguration + ".bootstrap.alternativeNames[1]: Invalid value: " +
            "\"kafka.other.example\": " + kCovered}},
      {"an advertisedHostTemplate rendered for every broker",
       [](Seed&, Json& kafka) {
         configurationOf(kafka).erase("brokers");
         configurationOf(kafka)["advertisedHostTemplate"] = "{nodePodName}.other.example";
       },
       {"deny: " + kConfiguration +
        ".advertisedHostTemplate: Invalid value: \"{nodePodName}.other.example\": renders "
        "gateway-api-test-broker-10.other.example (broker 10), "
        "gateway-api-test-broker-11.other.example (broker 11), "
        "gateway-api-test-broker-12.other.example (broker 12), " +
        kCovered}},
      {"a template inside the SANs",
       [](Seed&, Json& kafka) {
         configurationOf(kafka).erase("brokers");
         configurationOf(kafka)["advertisedHostTemplate"] = "b{nodeId}.strimzi.gateway.api.test";
       },
       {}},
      {"entries win over the template",
       [](Seed&, Json& kafka) {
         configurationOf(kafka)["brokers"].erase(2);
         configurationOf(kafka)["advertisedHostTemplate"] = "kafka-{nodeId}.other.example";
       },
       {"deny: " + kConfiguration + ".advertisedHostTemplate: Invalid value: " +
        "\"kafka-{nodeId}.other.example\": renders kafka-12.other.example (broker 12), " +
        kCovered}},
      {"a hostTemplate",
       [](Seed&, Json& kafka) {
         configurationOf(kafka)["hostTemplate"] = "{nodeId}.routes.example";
       },
       {"deny: " + kConfiguration +
        ".hostTemplate: Invalid value: \"{nodeId}.routes.example\": renders 10.routes.example "
        "(broker 10), 11.routes.example (broker 11), 12.routes.example (broker 12), " +
        kCovered}},
      {"the Secret does not exist yet",
       [](Seed& seed, Json&) { seed.remove("Secret", "my-certificate"); },
       {"warn: " + kConfiguration +
        ".brokerCertChainAndKey.secretName: Not found: \"my-certificate\": no Secret of this name "
        "in namespace strimzi yet; hostnames are checked once it exists"}},
      {"the Secret is not issued yet, and its Certificate covers every host",
       [](Seed& seed, Json&) {
         seed.remove("Secret", "my-certificate");
         seed.put(sgw::test::certificateJson("False"));
       },
       {"warn: " + kConfiguration +
        ".brokerCertChainAndKey.secretName: Not found: \"my-certificate\": not issued yet by "
        "Certificate my-certificate (Ready: False, DoesNotExist; issuing), whose SANs cover every "
        "hostname of listener obiwan"}},
      {"the Secret is not issued yet, and its Certificate will not cover a host",
       [](Seed& seed, Json& kafka) {
         seed.remove("Secret", "my-certificate");
         seed.put(sgw::test::certificateJson(""));
         configurationOf(kafka)["brokers"][0]["advertisedHost"] = "broker-10.other.example";
         configurationOf(kafka)["brokers"][1]["advertisedHost"] = "192.0.2.11";
       },
       {"deny: " + kConfiguration +
            ".brokers[0].advertisedHost: Invalid value: \"broker-10.other.example\": not covered "
            "by the certificate that Certificate my-certificate will issue into Secret "
            "my-certificate, whose SANs are *.strimzi.gateway.api.test",
        "deny: " + kConfiguration +
            ".brokers[1].advertisedHost: Invalid value: \"192.0.2.11\": not covered by the "
            "certificate that Certificate my-certificate will issue into Secret my-certificate, "
            "whose SANs are *.strimzi.gateway.api.test"}},
      {"a Certificate requesting IP addresses covers them before it is issued",
       [](Seed& seed, Json& kafka) {
         seed.remove("Secret", "my-certificate");
         auto pending = sgw::test::certificateJson("");
         pending["spec"]["ipAddresses"] = {"192.0.2.11"};
         seed.put(pending);
         configurationOf(kafka)["brokers"][1]["advertisedHost"] = "192.0.2.11";
       },
       {"warn: " + kConfiguration +
        ".brokerCertChainAndKey.secretName: Not found: \"my-certificate\": not issued yet by "
        "Certificate my-certificate (no Ready condition yet), whose SANs cover every hostname of "
        "listener obiwan"}},
      {"a Certificate for another Secret does not count",
       [](Seed& seed, Json&) {
         seed.remove("Secret", "my-certificate");
         auto other = sgw::test::certificateJson("False");
         other["spec"]["secretName"] = "other-secret";
         seed.put(other);
       },
       {"warn: " + kConfiguration +
        ".brokerCertChainAndKey.secretName: Not found: \"my-certificate\": no Secret of this name "
        "in namespace strimzi yet; hostnames are checked once it exists"}},
      {"an issued Secret wins over its Certificate",
       [](Seed& seed, Json&) {
         auto changed = sgw::test::certificateJson("False");
         changed["spec"]["dnsNames"] = {"*.other.example"};
         seed.put(changed);
       },
       {}},
      {"the Secret has no such key",
       [](Seed&, Json& kafka) {
         configurationOf(kafka)["brokerCertChainAndKey"]["certificate"] = "tls.pem";
       },
       {"deny: " + kConfiguration +
        ".brokerCertChainAndKey.certificate: Not found: \"tls.pem\": Secret my-certificate has "
        "no such key; it has ca.crt, tls.crt"}},
      {"the key holds a private key",
       [](Seed& seed, Json&) {
         seed.put(sgw::test::secretJson("my-certificate",
                                        {{"tls.crt", "-----BEGIN PRIVATE KEY-----\nAAAA\n"
                                                     "-----END PRIVATE KEY-----\n"},
                                         {"ca.crt", "x"}}));
       },
       {"deny: " + kConfiguration +
        ".brokerCertChainAndKey.certificate: Invalid value: \"tls.crt\": holds a private key, not "
        "a certificate chain; name the key of Secret my-certificate that holds the chain (it has "
        "ca.crt)"}},
      {"the value is not PEM",
       [](Seed& seed, Json&) {
         seed.put(sgw::test::secretJson("my-certificate", {{"tls.crt", "hello"}}));
       },
       {"deny: " + kConfiguration +
        ".brokerCertChainAndKey.certificate: Invalid value: \"tls.crt\": the value in Secret "
        "my-certificate is not a PEM certificate chain: no PEM certificate found"}},
      {"an expired certificate",
       [](Seed& seed, Json&) {
         useCertificate(
             seed, certificate({"*.strimzi.gateway.api.test"}, {}, sgw::test::testNow() - 24h));
       },
       {"warn: " + kConfiguration +
        ".brokerCertChainAndKey.secretName: Invalid value: \"my-certificate\": the certificate "
        "expired at 2026-11-25T00:00:00Z; renew it"}},
      {"a certificate expiring within 30 days",
       [](Seed& seed, Json&) {
         useCertificate(seed, certificate({"*.strimzi.gateway.api.test"}, {},
                                          sgw::test::testNow() + 24h * 10 + 5h));
       },
       {"warn: " + kConfiguration +
        ".brokerCertChainAndKey.secretName: Invalid value: \"my-certificate\": the certificate "
        "expires at 2026-12-06T05:00:00Z (in 10 days); renew it"}},
      {"IP literals are checked against IP SANs",
       [](Seed& seed, Json& kafka) {
         useCertificate(seed, certificate({"*.strimzi.gateway.api.test"}, {"192.0.2.10"}));
         configurationOf(kafka)["brokers"][0]["advertisedHost"] = "192.0.2.10";
         configurationOf(kafka)["brokers"][1]["advertisedHost"] = "192.0.2.11";
       },
       {"deny: " + kConfiguration +
        ".brokers[1].advertisedHost: Invalid value: \"192.0.2.11\": not covered by the "
        "certificate in Secret my-certificate, whose SANs are *.strimzi.gateway.api.test, "
        "192.0.2.10"}},
      {"a listener without TLS is not checked",
       [](Seed&, Json& kafka) {
         kafka["spec"]["kafka"]["listeners"][0]["tls"] = false;
         configurationOf(kafka)["brokers"][0]["advertisedHost"] = "broker-10.other.example";
       },
       {}},
      {"a listener with Strimzi's own certificates is not checked",
       [](Seed&, Json& kafka) {
         configurationOf(kafka).erase("brokerCertChainAndKey");
         configurationOf(kafka)["brokers"][0]["advertisedHost"] = "broker-10.other.example";
       },
       {}},
  }));
  CAPTURE(c.name);
  Seed seed;
  auto kafka = seed.get("Kafka", "gateway-api-test");
  c.change(seed, kafka);
  CHECK(sgw::test::check(sgw::rules::kafka::hostnameSanRule(), seed.snapshot(), kafka) ==
        c.expected);
}

TEST_CASE("hostname-san (Kafka) says what it could not check while the Secret is being loaded",
          "[rules][hostname-san]") {
  Seed seed;
  seed.remove("Secret", "my-certificate");
  SECTION("without a Certificate") {}
  SECTION("with a Certificate that is to issue it") {
    seed.put(sgw::test::certificateJson("False"));
  }
  auto kafka = seed.get("Kafka", "gateway-api-test");
  // Would be denied against the certificate: not judged until the Secret is known.
  configurationOf(kafka)["brokers"][0]["advertisedHost"] = "broker-10.other.example";
  const auto loading =
      seed.snapshot().withSecrets({}, {sgw::model::ObjectKey{"strimzi", "my-certificate"}});
  CHECK(sgw::test::check(sgw::rules::kafka::hostnameSanRule(), loading, kafka) ==
        std::vector<std::string>{
            "warn: " + kConfiguration +
            ".brokerCertChainAndKey.secretName: Secret my-certificate is not loaded yet, so "
            "hostnames were not checked against its certificate; the next review and the audit "
            "check them"});
}

TEST_CASE("hostname-san (Kafka) does not judge a cached copy of a Secret still being loaded",
          "[rules][hostname-san]") {
  // A watch cache keeps only the keys cached Kafkas name: the key this Kafka names reads as
  // withheld (like a private key) until the Secret is read for it.
  Seed seed;
  seed.put(sgw::test::secretJson("my-certificate", {{"ca.crt", "x"}, {"other.crt", "y"}}));
  auto kafka = seed.get("Kafka", "gateway-api-test");
  configurationOf(kafka)["brokerCertChainAndKey"]["certificate"] = "other.crt";
  const sgw::model::ObjectKey key{"strimzi", "my-certificate"};
  auto copy = std::make_shared<sgw::model::Secret>(*seed.snapshot().secrets().at(key));
  copy->data.erase("other.crt");
  copy->withheldKeys.insert("other.crt");
  const std::vector<std::shared_ptr<const sgw::model::Secret>> trimmed{copy};
  const auto cached = seed.snapshot().withSecrets(trimmed, {});
  REQUIRE(sgw::test::check(sgw::rules::kafka::hostnameSanRule(), cached, kafka) ==
          std::vector<std::string>{
              "deny: " + kConfiguration +
              ".brokerCertChainAndKey.certificate: Invalid value: \"other.crt\": holds a private "
              "key, not a certificate chain; name the key of Secret my-certificate that holds the "
              "chain (it has ca.crt)"});
  const auto loading = seed.snapshot().withSecrets(trimmed, {key});
  CHECK(sgw::test::check(sgw::rules::kafka::hostnameSanRule(), loading, kafka) ==
        std::vector<std::string>{
            "warn: " + kConfiguration +
            ".brokerCertChainAndKey.secretName: Secret my-certificate is not loaded yet, so "
            "hostnames were not checked against its certificate; the next review and the audit "
            "check them"});
}

TEST_CASE("hostname-san (Kafka) checks the hosts of Strimzi's TLSRoutes for a tlsroute listener",
          "[rules][hostname-san][tlsroute]") {
  const Json gw = sgw::test::tlsRouteListener();
  const std::string path = "spec.kafka.listeners[1].configuration";
  using Case = sgw::test::SeedCase;
  const auto c = GENERATE_REF(values<Case>({
      {"hosts under the certificate's wildcard", [](Seed&, Json&) {}, {}},
      {"a hostTemplate rendering outside the SANs",
       [](Seed&, Json& listener) {
         listener["configuration"]["hostTemplate"] = "{nodePodName}.kafka.example.com";
       },
       {"deny: " + path +
        ".hostTemplate: Invalid value: \"{nodePodName}.kafka.example.com\": renders "
        "gateway-api-test-broker-10.kafka.example.com (broker 10), "
        "gateway-api-test-broker-11.kafka.example.com (broker 11), "
        "gateway-api-test-broker-12.kafka.example.com (broker 12), " +
        kCovered}},
      {"a bootstrap.host outside the SANs",
       [](Seed&, Json& listener) {
         listener["configuration"]["bootstrap"]["host"] = "bootstrap.kafka.example.com";
       },
       {"deny: " + path +
        ".bootstrap.host: Invalid value: \"bootstrap.kafka.example.com\": " + kCovered}},
      {"a brokers[].host outside the SANs wins over the template",
       [](Seed&, Json& listener) {
         listener["configuration"]["brokers"] = {{{"broker", 11}, {"host", "b11.example.com"}}};
       },
       {"deny: " + path + ".brokers[0].host: Invalid value: \"b11.example.com\": " + kCovered}},
      {"a broker added by a scale-up renders its host too",
       [](Seed& seed, Json& listener) {
         seed.get("KafkaNodePool", "broker")["spec"]["replicas"] = 4;
         listener["configuration"]["brokers"] = {
             {{"broker", 10}, {"host", "broker-10-gw.strimzi.gateway.api.test"}},
             {{"broker", 11}, {"host", "broker-11-gw.strimzi.gateway.api.test"}},
             {{"broker", 12}, {"host", "broker-12-gw.strimzi.gateway.api.test"}}};
         listener["configuration"]["hostTemplate"] = "broker-{nodeId}.gw.example.com";
       },
       {"deny: " + path +
        ".hostTemplate: Invalid value: \"broker-{nodeId}.gw.example.com\": renders "
        "broker-13.gw.example.com (broker 13), " +
        kCovered}},
  }));
  CAPTURE(c.name);
  Seed seed;
  auto kafka = seed.get("Kafka", "gateway-api-test");
  auto listener = gw;
  c.change(seed, listener);
  kafka["spec"]["kafka"]["listeners"].push_back(listener);
  CHECK(sgw::test::check(sgw::rules::kafka::hostnameSanRule(), seed.snapshot(), kafka) ==
        c.expected);
}
