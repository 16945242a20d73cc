#include <catch2/catch.hpp>

#include "sgw/core/base64.h"
#include "sgw/model/secret.h"
#include "support/test_certificates.h"

namespace {

sgw::model::Secret secretWith(const nlohmann::json& data, const nlohmann::json& stringData = {}) {
  nlohmann::json object = {{"apiVersion", "v1"},
                           {"kind", "Secret"},
                           {"metadata", {{"name", "my-certificate"}}},
                           {"data", data}};
  if (!stringData.is_null()) {
    object["stringData"] = stringData;
  }
  sgw::FieldErrorList errors;
  auto secret = sgw::model::parseSecret(object, "strimzi", errors);
  REQUIRE(errors.empty());
  return secret;
}

constexpr const char* kKeyPem = "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49\n"
                                "-----END PRIVATE KEY-----\n";

} // namespace

TEST_CASE("Secrets keep certificates parsed and never keep private keys", "[model][secret]") {
  const auto pem = sgw::test::makeCertificatePem({});
  const auto secret = secretWith({{"tls.crt", sgw::base64Encode(pem)},
                                  {"tls.key", sgw::base64Encode(kKeyPem)},
                                  {"note", sgw::base64Encode("hello")}});
  CHECK(secret.metadata.key() == sgw::model::ObjectKey{"strimzi", "my-certificate"});
  CHECK(secret.data.count("tls.key") == 0);
  CHECK(secret.withheldKeys == std::set<std::string>{"tls.key"});
  CHECK(secret.hasKey("tls.key"));
  CHECK(secret.data.at("note") == "hello");

  const auto* chain = secret.certificateChain("tls.crt");
  REQUIRE(chain != nullptr);
  REQUIRE(std::holds_alternative<sgw::tls::Certificate>(*chain));
  CHECK(std::get<sgw::tls::Certificate>(*chain).chainLength() == 1);
  CHECK(secret.certificateChain("note") == nullptr);
  CHECK(secret.certificateChain("tls.key") == nullptr);
}

TEST_CASE("stringData wins over data, and a broken PEM keeps its reason", "[model][secret]") {
  const auto secret = secretWith(
      {{"tls.crt", sgw::base64Encode(sgw::test::makeCertificatePem({}))}},
      {{"tls.crt", "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n"}});
  const auto* chain = secret.certificateChain("tls.crt");
  REQUIRE(chain != nullptr);
  CHECK(std::holds_alternative<std::string>(*chain));
}

TEST_CASE("data that is not base64 is an error without the value", "[model][secret]") {
  const nlohmann::json object = {{"apiVersion", "v1"},
                                 {"kind", "Secret"},
                                 {"metadata", {{"name", "s"}}},
                                 {"data", {{"tls.key", "not base64!"}}}};
  sgw::FieldErrorList errors;
  sgw::model::parseSecret(object, "strimzi", errors);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].toString() == "data[tls.key]: Invalid value: must be base64-encoded");
}
