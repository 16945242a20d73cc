#include "support/test_certificates.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <memory>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <stdexcept>

namespace sgw::test {

namespace {

template <class T, void (*Free)(T*)> struct Deleter {
  void operator()(T* value) const { Free(value); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using ExtensionPtr = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION, X509_EXTENSION_free>>;

void require(bool ok, const char* what) {
  if (!ok) {
    throw std::runtime_error(std::string("test certificate: ") + what);
  }
}

std::time_t toTimeT(std::chrono::system_clock::time_point time) {
  return std::chrono::system_clock::to_time_t(time);
}

} // namespace

std::string makeCertificatePem(const CertificateRequest& request) {
  const KeyPtr key(EVP_EC_gen("P-256"));
  require(key != nullptr, "key generation");
  const X509Ptr certificate(X509_new());
  require(certificate != nullptr, "X509_new");
  X509_set_version(certificate.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(certificate.get()), 1);
  require(ASN1_TIME_set(X509_getm_notBefore(certificate.get()), toTimeT(request.notBefore)) !=
              nullptr,
          "notBefore");
  require(ASN1_TIME_set(X509_getm_notAfter(certificate.get()), toTimeT(request.notAfter)) !=
              nullptr,
          "notAfter");
  X509_NAME* name = X509_get_subject_name(certificate.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(request.commonName.c_str()), -1,
                             -1, 0);
  X509_set_issuer_name(certificate.get(), name);
  X509_set_pubkey(certificate.get(), key.get());

  std::string sans;
  for (const auto& dns : request.dnsNames) {
    sans += (sans.empty() ? "DNS:" : ",DNS:") + dns;
  }
  for (const auto& ip : request.ipAddresses) {
    sans += (sans.empty() ? "IP:" : ",IP:") + ip;
  }
  if (!sans.empty()) {
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, certificate.get(), certificate.get(), nullptr, nullptr, 0);
    const ExtensionPtr extension(
        X509V3_EXT_conf_nid(nullptr, &context, NID_subject_alt_name, sans.c_str()));
    require(extension != nullptr, "subjectAltName");
    X509_add_ext(certificate.get(), extension.get(), -1);
  }
  require(X509_sign(certificate.get(), key.get(), EVP_sha256()) > 0, "signing");

  const BioPtr out(BIO_new(BIO_s_mem()));
  require(PEM_write_bio_X509(out.get(), certificate.get()) == 1, "PEM encoding");
  char* data = nullptr;
  const long length = BIO_get_mem_data(out.get(), &data);
  return std::string(data, static_cast<std::size_t>(length));
}

std::chrono::system_clock::time_point testNow() {
  using namespace std::chrono;
  return sys_days{year{2026} / November / 26};
}

} // namespace sgw::test
