#pragma once

#include <httplib.h>
#include <openssl/ssl.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "support/dev_certs.h"

namespace sgw::test {

// A client that verifies the webhook's certificate against the dev CA, as the API server does
// with the webhook configuration's caBundle.
std::unique_ptr<httplib::SSLClient> httpsClient(int port, const DevCerts& certs,
                                                bool withClientCertificate = false);

// A TLS connection (no certificate verification) for sending exactly the bytes a test wants.
class RawTlsConnection {
public:
  explicit RawTlsConnection(int port);
  ~RawTlsConnection();
  RawTlsConnection(const RawTlsConnection&) = delete;
  RawTlsConnection& operator=(const RawTlsConnection&) = delete;

  bool connected() const { return connected_; }
  SSL* ssl() const { return ssl_; }
  bool send(const std::string& bytes);
  // Everything received until the server closes or `timeoutMs` passes.
  std::string receiveUntilClosed(int timeoutMs = 5000);

private:
  SSL_CTX* context_ = nullptr;
  SSL* ssl_ = nullptr;
  int fd_ = -1;
  bool connected_ = false;
};

// The SHA-256 fingerprint (hex) of the certificate the server presents on a new connection, or
// nothing when the handshake fails.
std::optional<std::string> presentedCertificate(int port);

// Sends raw bytes over a fresh TLS connection and returns everything the server sends back until
// it closes the connection or `timeoutMs` passes.
std::string rawExchange(int port, const std::string& bytes, int timeoutMs = 5000);

} // namespace sgw::test

namespace sgw::test {

// The SHA-256 fingerprint (hex) of the first certificate in a PEM file.
std::string fileCertificateFingerprint(const std::filesystem::path& pemFile);

} // namespace sgw::test
