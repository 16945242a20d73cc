#pragma once

#include <openssl/ssl.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "sgw/runtime/periodic_task.h"

namespace sgw::http {

// The TLS policy of the webhook and its serving key pair, reloaded from disk without a restart.
// Each handshake picks the pair current at that moment (OpenSSL's certificate callback), so a
// rotation never interrupts a connection in progress. A new pair that does not load or whose key
// does not match its certificate is reported and the previous pair kept; the files are read
// again on the next poll, so a half-written rotation heals once both files are in place.
//
// Threads: the poll thread replaces `current_` under `mutex_`; handshakes copy the shared_ptr
// under the same mutex and use the pair without a lock.
class ServingCertificate {
public:
  struct Options {
    std::filesystem::path certificateFile;
    std::filesystem::path privateKeyFile;
    std::optional<std::filesystem::path> clientCaFile;
    std::chrono::milliseconds pollInterval{1000};
  };

  // `onReload(ok, detail)` is told of every reload after the first load (detail never holds
  // key material).
  ServingCertificate(Options options, std::function<void(bool, const std::string&)> onReload);
  ~ServingCertificate();

  ServingCertificate(const ServingCertificate&) = delete;
  ServingCertificate& operator=(const ServingCertificate&) = delete;

  // Loads the pair (and the client CA). Returns the reason when it cannot.
  std::optional<std::string> load();
  // Applies the TLS policy to a server context: TLS 1.2 minimum, forward-secret AEAD cipher
  // suites, no renegotiation or compression, client certificates required when a client CA is
  // configured, and the per-handshake choice of the current pair.
  bool configure(SSL_CTX& context);
  // Reads the files again and swaps the pair if they changed. Returns true when it swapped.
  bool reloadIfChanged();
  void start();
  void stop();

  // SHA-256 of the current leaf certificate (DER), hex: lets logs and tests tell pairs apart.
  std::string fingerprint() const;

private:
  struct KeyPair;

  static int selectCertificate(SSL* ssl, void* self);
  std::shared_ptr<const KeyPair> current() const;

  const Options options_;
  const std::function<void(bool, const std::string&)> onReload_;

  mutable std::mutex mutex_;
  std::shared_ptr<const KeyPair> current_;
  std::string loadedCertificate_;
  std::string loadedKey_;
  std::string lastFailure_;

  runtime::PeriodicTask poller_;
};

} // namespace sgw::http
