#include <openssl/pem.h>

#include <catch2/catch.hpp>
#include <memory>
#include <openssl/x509.h>

#include "sgw/tls/fingerprint.h"
#include "support/test_certificates.h"

namespace {

using X509Pointer = std::unique_ptr<X509, decltype(&X509_free)>;

X509Pointer readCertificate(const std::string& pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free);
  REQUIRE(bio != nullptr);
  X509Pointer certificate(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr), &X509_free);
  REQUIRE(certificate != nullptr);
  return certificate;
}

std::string digestOfDer(X509* certificate) {
  unsigned char* der = nullptr;
  const int length = i2d_X509(certificate, &der);
  REQUIRE(length > 0);
  unsigned char digest[32];
  unsigned int digestLength = 0;
  REQUIRE(EVP_Digest(der, static_cast<std::size_t>(length), digest, &digestLength, EVP_sha256(),
                     nullptr) == 1);
  OPENSSL_free(der);
  std::string hex;
  char byte[3];
  for (unsigned int i = 0; i < digestLength; ++i) {
    std::snprintf(byte, sizeof byte, "%02x", digest[i]);
    hex += byte;
  }
  return hex;
}

} // namespace

TEST_CASE("a fingerprint is the SHA-256 of the DER certificate in lowercase hex",
          "[tls][fingerprint]") {
  const auto certificate = readCertificate(sgw::test::makeCertificatePem({}));
  const auto fingerprint = sgw::tls::sha256Fingerprint(certificate.get());
  CHECK(fingerprint.size() == 64);
  CHECK(fingerprint.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(fingerprint == digestOfDer(certificate.get()));
}

TEST_CASE("fingerprints tell certificates apart", "[tls][fingerprint]") {
  // Each generated certificate has a key of its own.
  const auto first = readCertificate(sgw::test::makeCertificatePem({}));
  const auto second = readCertificate(sgw::test::makeCertificatePem({}));
  CHECK(sgw::tls::sha256Fingerprint(first.get()) != sgw::tls::sha256Fingerprint(second.get()));
  CHECK(sgw::tls::sha256Fingerprint(first.get()) == sgw::tls::sha256Fingerprint(first.get()));
}

TEST_CASE("no certificate has an empty fingerprint", "[tls][fingerprint]") {
  CHECK(sgw::tls::sha256Fingerprint(nullptr).empty());
}
