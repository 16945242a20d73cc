#include <catch2/catch.hpp>

#include "sgw/rules/listener_certificate.h"
#include "support/seed.h"

using Json = nlohmann::json;
using sgw::rules::ListenerCertificate;
using State = sgw::rules::ListenerCertificate::State;

namespace {

const sgw::model::Kafka& seedKafka(const sgw::cluster::ClusterSnapshot& snapshot) {
  const auto* kafka = sgw::cluster::ClusterView(snapshot).kafka({"strimzi", "gateway-api-test"});
  REQUIRE(kafka != nullptr);
  return *kafka;
}

// The listener's certificate with the snapshot it was read from (`pending` points into it).
struct Loaded {
  sgw::cluster::ClusterSnapshot snapshot;
  ListenerCertificate certificate;
};

Loaded loadFrom(const sgw::test::Seed& seed, std::size_t listener = 0) {
  Loaded out{seed.snapshot(), {}};
  out.certificate = sgw::rules::loadListenerCertificate(seedKafka(out.snapshot), listener,
                                                        sgw::cluster::ClusterView(out.snapshot));
  return out;
}

Json& certChainAndKey(sgw::test::Seed& seed) {
  return seed.get("Kafka", "gateway-api-test")["spec"]["kafka"]["listeners"][0]["configuration"]
                                              ["brokerCertChainAndKey"];
}

} // namespace

TEST_CASE("the seed's listener presents the certificate of its Secret", "[rules][certificate]") {
  const sgw::test::Seed seed;
  const auto result = loadFrom(seed);
  const auto& loaded = result.certificate;
  CHECK(loaded.state == State::Loaded);
  CHECK(loaded.secretName == "my-certificate");
  CHECK_FALSE(loaded.problem.has_value());
  CHECK(loaded.pending == nullptr);
  REQUIRE(loaded.certificate.has_value());
  CHECK(sgw::rules::describeSans(*loaded.certificate) == "*.strimzi.gateway.api.test");

  const auto coverage = sgw::rules::HostCoverage::of(loaded);
  REQUIRE(coverage.has_value());
  CHECK_FALSE(coverage->pending());
  CHECK(coverage->covers("broker-10.strimzi.gateway.api.test"));
  CHECK_FALSE(coverage->covers("broker-10.example.com"));
  CHECK(coverage->sans() == "*.strimzi.gateway.api.test");
}

TEST_CASE("a listener without a certificate of its own is not configured", "[rules][certificate]") {
  sgw::test::Seed seed;
  // The Kafka has one listener: index 1 names none.
  CHECK(loadFrom(seed, 1).certificate.state == State::NotConfigured);
  SECTION("tls: false") {
    seed.get("Kafka", "gateway-api-test")["spec"]["kafka"]["listeners"][0]["tls"] = false;
  }
  SECTION("no brokerCertChainAndKey") {
    seed.get("Kafka", "gateway-api-test")["spec"]["kafka"]["listeners"][0]["configuration"].erase(
        "brokerCertChainAndKey");
  }
  SECTION("an empty secret name") {
    certChainAndKey(seed)["secretName"] = "";
  }
  SECTION("an empty certificate key") {
    certChainAndKey(seed)["certificate"] = "";
  }
  const auto result = loadFrom(seed);
  const auto& loaded = result.certificate;
  CHECK(loaded.state == State::NotConfigured);
  CHECK(loaded.secretName.empty());
  CHECK_FALSE(loaded.problem.has_value());
  CHECK_FALSE(sgw::rules::HostCoverage::of(loaded).has_value());
}

TEST_CASE("a Secret not there yet is a warning, judged by the Certificate that will issue it",
          "[rules][certificate]") {
  sgw::test::Seed seed;
  seed.remove("Secret", "my-certificate");
  const std::string missing =
      "spec.kafka.listeners[0].configuration.brokerCertChainAndKey.secretName: Not found: "
      "\"my-certificate\": no Secret of this name in namespace strimzi yet; hostnames are checked "
      "once it exists";
  SECTION("without a cert-manager Certificate nothing can be judged") {
    const auto result = loadFrom(seed);
    const auto& loaded = result.certificate;
    CHECK(loaded.state == State::SecretMissing);
    REQUIRE(loaded.problem.has_value());
    CHECK(loaded.problem->toString() == missing);
    CHECK(loaded.pending == nullptr);
    CHECK_FALSE(sgw::rules::HostCoverage::of(loaded).has_value());
  }
  SECTION("with the Certificate that issues the Secret") {
    auto certificate = sgw::test::certificateJson("False");
    certificate["spec"]["ipAddresses"] = {"10.0.0.1"};
    seed.put(certificate);
    const auto result = loadFrom(seed);
    const auto& loaded = result.certificate;
    CHECK(loaded.state == State::SecretMissing);
    REQUIRE(loaded.problem.has_value());
    CHECK(loaded.problem->toString() == missing);
    REQUIRE(loaded.pending != nullptr);
    CHECK(loaded.pending->metadata.name == "my-certificate");
    const auto coverage = sgw::rules::HostCoverage::of(loaded);
    REQUIRE(coverage.has_value());
    CHECK(coverage->pending());
    CHECK(coverage->covers("broker-11.strimzi.gateway.api.test"));
    CHECK(coverage->covers("10.0.0.1"));
    CHECK_FALSE(coverage->covers("strimzi.gateway.api.test"));
    CHECK(coverage->sans() == "*.strimzi.gateway.api.test, 10.0.0.1");
  }
}

TEST_CASE("a Secret that holds no usable certificate under the key is a denial",
          "[rules][certificate]") {
  sgw::test::Seed seed;
  const std::string path =
      "spec.kafka.listeners[0].configuration.brokerCertChainAndKey.certificate";
  SECTION("no such key") {
    certChainAndKey(seed)["certificate"] = "cert.pem";
    const auto result = loadFrom(seed);
    const auto& loaded = result.certificate;
    CHECK(loaded.state == State::Unusable);
    REQUIRE(loaded.problem.has_value());
    CHECK(loaded.problem->toString() ==
          path + ": Not found: \"cert.pem\": Secret my-certificate has no such key; it has "
                 "ca.crt, tls.crt");
  }
  SECTION("an empty Secret") {
    seed.put(sgw::test::secretJson("my-certificate", {}));
    const auto result = loadFrom(seed);
    const auto& loaded = result.certificate;
    CHECK(loaded.state == State::Unusable);
    REQUIRE(loaded.problem.has_value());
    CHECK(loaded.problem->toString() == path + ": Not found: \"tls.crt\": Secret my-certificate "
                                               "has no such key; it holds no certificates");
  }
  SECTION("the key holds a private key") {
    seed.put(sgw::test::secretJson(
        "my-certificate",
        {{"tls.crt", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"},
         {"ca.crt", "x"}}));
    const auto result = loadFrom(seed);
    const auto& loaded = result.certificate;
    CHECK(loaded.state == State::Unusable);
    REQUIRE(loaded.problem.has_value());
    // The private key's key is not listed among the others: its value was never kept.
    CHECK(loaded.problem->toString() ==
          path + ": Invalid value: \"tls.crt\": holds a private key, not a certificate chain; "
                 "name the key of Secret my-certificate that holds the chain (it has ca.crt)");
  }
  SECTION("the value is not PEM") {
    seed.put(sgw::test::secretJson("my-certificate", {{"tls.crt", "not a certificate"}}));
    const auto result = loadFrom(seed);
    const auto& loaded = result.certificate;
    CHECK(loaded.state == State::Unusable);
    REQUIRE(loaded.problem.has_value());
    CHECK_THAT(loaded.problem->toString(),
               Catch::StartsWith(path + ": Invalid value: \"tls.crt\": the value in Secret "
                                        "my-certificate is not a PEM certificate chain: "));
  }
  CHECK_FALSE(sgw::rules::HostCoverage::of(loadFrom(seed).certificate).has_value());
}

TEST_CASE("SANs are listed DNS names first, then IP addresses, or none", "[rules][certificate]") {
  sgw::model::Certificate certificate;
  CHECK(sgw::rules::describeSans(certificate) == "none");
  certificate.ipAddresses = {"10.0.0.1"};
  certificate.dnsNames = {"b.example", "a.example"};
  CHECK(sgw::rules::describeSans(certificate) == "b.example, a.example, 10.0.0.1");

  const auto pem = sgw::test::makeCertificatePem(
      {{"kafka.example", "*.kafka.example"}, {"192.0.2.1"}, "sgw-test", {}, {}});
  const auto parsed = sgw::tls::Certificate::parsePemChain(pem);
  REQUIRE(std::holds_alternative<sgw::tls::Certificate>(parsed));
  CHECK(sgw::rules::describeSans(std::get<sgw::tls::Certificate>(parsed)) ==
        "kafka.example, *.kafka.example, 192.0.2.1");
}
