#include <openssl/evp.h>
#include <openssl/pem.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstring>
#include <openssl/x509.h>

#include "sgw/tls/pem.h"
#include "support/test_certificates.h"

using sgw::test::CertificateRequest;
using sgw::test::makeCertificatePem;
using sgw::test::testNow;
using sgw::tls::readPemCertificates;
using sgw::tls::readPemPrivateKey;

namespace {

using namespace std::chrono_literals;

std::string certificatePem(const std::string& dnsName) {
  CertificateRequest request;
  request.dnsNames = {dnsName};
  request.commonName = dnsName;
  request.notBefore = testNow() - 24h;
  request.notAfter = testNow() + 24h;
  return makeCertificatePem(request);
}

// A certificate's subject, to tell certificates apart.
std::string subjectOf(const sgw::tls::X509Ptr& certificate) {
  char name[256] = {};
  X509_NAME_oneline(X509_get_subject_name(certificate.get()), name, sizeof name);
  return name;
}

// A fresh P-256 key as PEM, encrypted with `passphrase` when one is given.
std::string privateKeyPem(const char* passphrase = nullptr) {
  EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  REQUIRE(key != nullptr);
  BIO* bio = BIO_new(BIO_s_mem());
  const auto* cipher = passphrase != nullptr ? EVP_aes_128_cbc() : nullptr;
  auto* bytes = reinterpret_cast<unsigned char*>(const_cast<char*>(passphrase));
  const int length = passphrase != nullptr ? static_cast<int>(std::strlen(passphrase)) : 0;
  REQUIRE(PEM_write_bio_PrivateKey(bio, key, cipher, bytes, length, nullptr, nullptr) == 1);
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<std::size_t>(size));
  BIO_free(bio);
  EVP_PKEY_free(key);
  return pem;
}

} // namespace

TEST_CASE("every certificate of a PEM text is read, in order", "[tls][pem]") {
  const auto first = certificatePem("first.example.com");
  const auto second = certificatePem("second.example.com");
  const auto read = readPemCertificates("leading text\n" + first + "between\n" + second + "end");
  CHECK(read.error.empty());
  REQUIRE(read.certificates.size() == 2);
  CHECK(subjectOf(read.certificates[0]) == "/CN=first.example.com");
  CHECK(subjectOf(read.certificates[1]) == "/CN=second.example.com");
}

TEST_CASE("reading stops at the first block that cannot be read, and says why", "[tls][pem]") {
  const auto good = certificatePem("good.example.com");
  auto corrupt = good;
  corrupt[corrupt.find('\n') + 5] = '*';
  const auto read = readPemCertificates(good + corrupt + good);
  CHECK(read.certificates.size() == 1);
  CHECK_FALSE(read.error.empty());

  const auto none = readPemCertificates("no PEM here");
  CHECK(none.certificates.empty());
  CHECK(none.error.empty());
}

TEST_CASE("a private key is read, an encrypted one refused", "[tls][pem]") {
  const auto plain = readPemPrivateKey("text before\n" + privateKeyPem());
  CHECK(plain.key != nullptr);
  CHECK(plain.error.empty());

  // No passphrase is asked for (OpenSSL's default would prompt on a terminal): the key is refused.
  const auto encrypted = readPemPrivateKey(privateKeyPem("passphrase"));
  CHECK(encrypted.key == nullptr);
  CHECK_FALSE(encrypted.error.empty());

  const auto none = readPemPrivateKey(certificatePem("a.example.com"));
  CHECK(none.key == nullptr);
  CHECK_FALSE(none.error.empty());
}

TEST_CASE("a chain to present or trust is all of its certificates, or says why not", "[tls][pem]") {
  const auto good = certificatePem("good.example.com");
  const auto chain = sgw::tls::readPemChain(good + certificatePem("ca.example.com"), "bundle");
  REQUIRE(std::holds_alternative<std::vector<sgw::tls::X509Ptr>>(chain));
  CHECK(std::get<std::vector<sgw::tls::X509Ptr>>(chain).size() == 2);

  const auto none = sgw::tls::readPemChain("no PEM here", "bundle");
  REQUIRE(std::holds_alternative<std::string>(none));
  CHECK(std::get<std::string>(none) == "bundle holds no PEM certificate");

  auto corrupt = good;
  corrupt[corrupt.find('\n') + 5] = '*';
  const auto reason = readPemCertificates(good + corrupt).error;
  REQUIRE_FALSE(reason.empty());
  const auto broken = sgw::tls::readPemChain(good + corrupt, "bundle");
  REQUIRE(std::holds_alternative<std::string>(broken));
  CHECK(std::get<std::string>(broken) == "bundle: certificate 2 cannot be read: " + reason);
}
