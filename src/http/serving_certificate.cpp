#include "sgw/http/serving_certificate.h"

#include <openssl/err.h>

#include <fstream>
#include <openssl/x509.h>
#include <sstream>

#include "sgw/tls/fingerprint.h"
#include "sgw/tls/pem.h"

namespace sgw::http {

namespace {

// Mozilla's "intermediate" TLS 1.2 suites: ECDHE key exchange with AEAD ciphers only. TLS 1.3
// suites are OpenSSL's defaults, which are all modern.
constexpr const char* kTls12Ciphers = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
                                      "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
                                      "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

std::optional<std::string> readFile(const std::filesystem::path& path) {
  std::ifstream stream(path, std::ios::binary);
  if (!stream) {
    return std::nullopt;
  }
  std::ostringstream text;
  text << stream.rdbuf();
  return text.str();
}

} // namespace

struct ServingCertificate::KeyPair {
  X509* leaf = nullptr;
  STACK_OF(X509) * chain = nullptr;
  EVP_PKEY* key = nullptr;

  KeyPair() = default;
  KeyPair(const KeyPair&) = delete;
  KeyPair& operator=(const KeyPair&) = delete;
  ~KeyPair() {
    X509_free(leaf);
    sk_X509_pop_free(chain, X509_free);
    EVP_PKEY_free(key);
  }
};

ServingCertificate::ServingCertificate(Options options,
                                       std::function<void(bool, const std::string&)> onReload)
    : options_(std::move(options)), onReload_(std::move(onReload)),
      poller_(options_.pollInterval, [this] { reloadIfChanged(); }) {}

ServingCertificate::~ServingCertificate() {
  stop();
}

namespace {

// Parses a PEM certificate chain and private key into a pair, or says why not.
template <class KeyPair>
std::optional<std::string> parsePair(const std::string& certificatePem, const std::string& keyPem,
                                     KeyPair& pair) {
  auto chain = tls::readPemChain(certificatePem, "certificate file");
  if (auto* error = std::get_if<std::string>(&chain)) {
    return std::move(*error);
  }
  auto& certificates = std::get<std::vector<tls::X509Ptr>>(chain);
  pair.leaf = certificates.front().release();
  pair.chain = sk_X509_new_null();
  for (auto it = certificates.begin() + 1; it != certificates.end(); ++it) {
    sk_X509_push(pair.chain, it->release());
  }
  auto key = tls::readPemPrivateKey(keyPem);
  if (!key.key) {
    return "private key file holds no PEM private key (encrypted keys are not supported): " +
           key.error;
  }
  pair.key = key.key.release();
  if (X509_check_private_key(pair.leaf, pair.key) != 1) {
    ERR_clear_error();
    return "private key does not match the certificate";
  }
  return std::nullopt;
}

} // namespace

std::optional<std::string> ServingCertificate::load() {
  const auto certificatePem = readFile(options_.certificateFile);
  if (!certificatePem.has_value()) {
    return "cannot read " + options_.certificateFile.string();
  }
  const auto keyPem = readFile(options_.privateKeyFile);
  if (!keyPem.has_value()) {
    return "cannot read " + options_.privateKeyFile.string();
  }
  auto pair = std::make_shared<KeyPair>();
  if (auto error = parsePair(*certificatePem, *keyPem, *pair)) {
    return error;
  }
  std::lock_guard lock(mutex_);
  current_ = std::move(pair);
  loadedCertificate_ = *certificatePem;
  loadedKey_ = *keyPem;
  lastFailure_.clear();
  return std::nullopt;
}

bool ServingCertificate::reloadIfChanged() {
  const auto certificatePem = readFile(options_.certificateFile);
  const auto keyPem = readFile(options_.privateKeyFile);
  {
    std::lock_guard lock(mutex_);
    if (certificatePem == loadedCertificate_ && keyPem == loadedKey_) {
      return false;
    }
  }
  std::string failure;
  auto pair = std::make_shared<KeyPair>();
  if (!certificatePem.has_value() || !keyPem.has_value()) {
    failure = "cannot read the certificate or key file";
  } else if (auto error = parsePair(*certificatePem, *keyPem, *pair)) {
    failure = *error;
  }
  if (!failure.empty()) {
    bool report = false;
    {
      std::lock_guard lock(mutex_);
      report = failure != lastFailure_;
      lastFailure_ = failure;
    }
    if (report && onReload_) {
      onReload_(false, failure + "; keeping the previous certificate");
    }
    return false;
  }
  {
    std::lock_guard lock(mutex_);
    current_ = std::move(pair);
    loadedCertificate_ = *certificatePem;
    loadedKey_ = *keyPem;
    lastFailure_.clear();
  }
  if (onReload_) {
    onReload_(true, "serving certificate reloaded, sha256 " + fingerprint());
  }
  return true;
}

std::shared_ptr<const ServingCertificate::KeyPair> ServingCertificate::current() const {
  std::lock_guard lock(mutex_);
  return current_;
}

int ServingCertificate::selectCertificate(SSL* ssl, void* self) {
  const auto pair = static_cast<ServingCertificate*>(self)->current();
  if (pair == nullptr) {
    return 0;
  }
  // The SSL object takes its own references; the pair may be replaced right after.
  return SSL_use_cert_and_key(ssl, pair->leaf, pair->key, pair->chain, 1) == 1 ? 1 : 0;
}

bool ServingCertificate::configure(SSL_CTX& context) {
  SSL_CTX_set_min_proto_version(&context, TLS1_2_VERSION);
  SSL_CTX_set_options(&context, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION |
                                    SSL_OP_NO_SESSION_RESUMPTION_ON_RENEGOTIATION);
  if (SSL_CTX_set_cipher_list(&context, kTls12Ciphers) != 1) {
    return false;
  }
  const auto pair = current();
  if (pair == nullptr ||
      SSL_CTX_use_cert_and_key(&context, pair->leaf, pair->key, pair->chain, 1) != 1) {
    return false;
  }
  SSL_CTX_set_cert_cb(&context, &ServingCertificate::selectCertificate, this);
  if (options_.clientCaFile.has_value()) {
    const auto caFile = options_.clientCaFile->string();
    if (SSL_CTX_load_verify_locations(&context, caFile.c_str(), nullptr) != 1) {
      return false;
    }
    STACK_OF(X509_NAME)* names = SSL_load_client_CA_file(caFile.c_str());
    if (names != nullptr) {
      SSL_CTX_set_client_CA_list(&context, names);
    }
    SSL_CTX_set_verify(&context, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nullptr);
  }
  return true;
}

void ServingCertificate::start() {
  poller_.start();
}

void ServingCertificate::stop() {
  poller_.stop();
}

std::string ServingCertificate::fingerprint() const {
  const auto pair = current();
  if (pair == nullptr) {
    return "";
  }
  return tls::sha256Fingerprint(pair->leaf);
}

} // namespace sgw::http
