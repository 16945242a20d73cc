#include "sgw/tls/pem.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <climits>
#include <openssl/x509.h>

namespace sgw::tls {

void X509Free::operator()(x509_st* certificate) const {
  X509_free(certificate);
}

void PrivateKeyFree::operator()(evp_pkey_st* key) const {
  EVP_PKEY_free(key);
}

namespace {

struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;

int refusePassphrase(char* /*buffer*/, int /*size*/, int /*rwflag*/, void* /*userdata*/) {
  return -1;
}

BioPtr memoryBio(std::string_view text) {
  if (text.size() > static_cast<std::size_t>(INT_MAX)) {
    return nullptr;
  }
  return BioPtr(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
}

// The reason of OpenSSL's last error, and the queue emptied so no later call misreads it.
std::string takeOpensslError() {
  const auto error = ERR_peek_last_error();
  const char* reason = ERR_reason_error_string(error);
  ERR_clear_error();
  return reason != nullptr ? reason : "unknown error";
}

} // namespace

PemCertificates readPemCertificates(std::string_view pem) {
  ERR_clear_error();
  PemCertificates out;
  const auto bio = memoryBio(pem);
  if (!bio) {
    out.error = "too large to read";
    return out;
  }
  while (X509* next = PEM_read_bio_X509(bio.get(), nullptr, refusePassphrase, nullptr)) {
    out.certificates.emplace_back(next);
  }
  const auto error = ERR_peek_last_error();
  const bool endOfText = error == 0 || (ERR_GET_LIB(error) == ERR_LIB_PEM &&
                                        ERR_GET_REASON(error) == PEM_R_NO_START_LINE);
  if (endOfText) {
    ERR_clear_error();
  } else {
    out.error = takeOpensslError();
  }
  return out;
}

std::variant<std::vector<X509Ptr>, std::string> readPemChain(std::string_view pem,
                                                             const std::string& what) {
  auto read = readPemCertificates(pem);
  if (!read.error.empty()) {
    return what + ": certificate " + std::to_string(read.certificates.size() + 1) +
           " cannot be read: " + read.error;
  }
  if (read.certificates.empty()) {
    return what + " holds no PEM certificate";
  }
  return std::move(read.certificates);
}

PemPrivateKey readPemPrivateKey(std::string_view pem) {
  ERR_clear_error();
  PemPrivateKey out;
  const auto bio = memoryBio(pem);
  if (!bio) {
    out.error = "too large to read";
    return out;
  }
  out.key.reset(PEM_read_bio_PrivateKey(bio.get(), nullptr, refusePassphrase, nullptr));
  if (!out.key) {
    out.error = takeOpensslError();
  }
  ERR_clear_error();
  return out;
}

} // namespace sgw::tls
