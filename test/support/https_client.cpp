#include "support/https_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/x509.h>

#include "sgw/tls/fingerprint.h"
#include "support/temp_dir.h"

namespace sgw::test {

std::unique_ptr<httplib::SSLClient> httpsClient(int port, const DevCerts& certs,
                                                bool withClientCertificate) {
  auto client = withClientCertificate
                    ? std::make_unique<httplib::SSLClient>("127.0.0.1", port,
                                                           certs.clientCertificate().string(),
                                                           certs.clientKey().string())
                    : std::make_unique<httplib::SSLClient>("127.0.0.1", port);
  client->set_ca_cert_path(certs.caCertificate().c_str());
  client->enable_server_certificate_verification(true);
  client->set_connection_timeout(5);
  client->set_read_timeout(10);
  client->set_write_timeout(10);
  client->set_tcp_nodelay(true);
  return client;
}

RawTlsConnection::RawTlsConnection(int port) {
  context_ = SSL_CTX_new(TLS_client_method());
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval timeout{10, 0};
  setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
    return;
  }
  ssl_ = SSL_new(context_);
  SSL_set_fd(ssl_, fd_);
  connected_ = SSL_connect(ssl_) == 1;
}

RawTlsConnection::~RawTlsConnection() {
  if (ssl_ != nullptr) {
    SSL_free(ssl_);
  }
  if (fd_ >= 0) {
    ::close(fd_);
  }
  SSL_CTX_free(context_);
}

bool RawTlsConnection::send(const std::string& bytes) {
  return connected_ && SSL_write(ssl_, bytes.data(), static_cast<int>(bytes.size())) ==
                           static_cast<int>(bytes.size());
}

std::string RawTlsConnection::receiveUntilClosed(int timeoutMs) {
  std::string out;
  char buffer[4096];
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
  while (connected_ && std::chrono::steady_clock::now() < deadline) {
    const int read = SSL_read(ssl_, buffer, sizeof(buffer));
    if (read <= 0) {
      break;
    }
    out.append(buffer, static_cast<std::size_t>(read));
  }
  return out;
}

std::optional<std::string> presentedCertificate(int port) {
  RawTlsConnection connection(port);
  if (!connection.connected()) {
    return std::nullopt;
  }
  X509* peer = SSL_get1_peer_certificate(connection.ssl());
  if (peer == nullptr) {
    return std::nullopt;
  }
  auto fingerprint = tls::sha256Fingerprint(peer);
  X509_free(peer);
  return fingerprint;
}

std::string rawExchange(int port, const std::string& bytes, int timeoutMs) {
  RawTlsConnection connection(port);
  connection.send(bytes);
  return connection.receiveUntilClosed(timeoutMs);
}

std::string fileCertificateFingerprint(const std::filesystem::path& pemFile) {
  const auto pem = readFile(pemFile);
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  X509* certificate = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  auto fingerprint = tls::sha256Fingerprint(certificate);
  X509_free(certificate);
  return fingerprint;
}

} // namespace sgw::test
