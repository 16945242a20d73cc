#pragma once

#include <string>

// OpenSSL's X509 type, kept out of this header.
struct x509_st;

namespace sgw::tls {

// The SHA-256 digest of a certificate's DER encoding, as lowercase hex: how logs and tests tell
// one certificate from another without printing it.
std::string sha256Fingerprint(const x509_st* certificate);

} // namespace sgw::tls
