#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

// OpenSSL's types, kept out of this header as in certificate.h.
struct x509_st;
struct evp_pkey_st;

namespace sgw::tls {

struct X509Free {
  void operator()(x509_st* certificate) const;
};
struct PrivateKeyFree {
  void operator()(evp_pkey_st* key) const;
};
using X509Ptr = std::unique_ptr<x509_st, X509Free>;
using PrivateKeyPtr = std::unique_ptr<evp_pkey_st, PrivateKeyFree>;

// The certificates of a PEM text, in order, up to the first block that cannot be read. Text
// around the blocks is ignored, as OpenSSL ignores it.
struct PemCertificates {
  std::vector<X509Ptr> certificates;
  // Why reading stopped before the end of the text (OpenSSL's reason for the block after the
  // last certificate read); empty when the text simply holds no more certificates.
  std::string error;
};

// The one reader of PEM certificates: Secrets, the serving certificate and the API server's CA
// and client certificates all go through it. No passphrase is ever asked for: OpenSSL's default
// would prompt on a terminal when a block claims to be encrypted.
PemCertificates readPemCertificates(std::string_view pem);

// A chain to present or trust (the serving certificate, a CA bundle, a client certificate): every
// certificate of the text, or why not, as "<what> holds no PEM certificate" or "<what>:
// certificate 2 cannot be read: <OpenSSL's reason>".
std::variant<std::vector<X509Ptr>, std::string> readPemChain(std::string_view pem,
                                                             const std::string& what);

struct PemPrivateKey {
  PrivateKeyPtr key; // null when none could be read
  std::string error; // OpenSSL's reason when `key` is null
};

// The first private key of a PEM text, in any of the forms OpenSSL reads. An encrypted key is
// refused rather than prompting for its passphrase.
PemPrivateKey readPemPrivateKey(std::string_view pem);

} // namespace sgw::tls
