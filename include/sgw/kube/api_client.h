#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "sgw/kube/client_config.h"
#include "sgw/kube/token_source.h"

namespace httplib {
class SSLClient;
} // namespace httplib

namespace sgw::kube {

// The outcome of one request: the HTTP status and (bounded) body, or why there was none.
struct ApiResponse {
  int status = 0;    // 0: no HTTP answer (connection, TLS, timeout)
  std::string body;  // a GET's body, or the first bytes of an error body
  std::string error; // why the exchange did not complete; empty when it did

  bool ok() const { return status == 200 && error.empty(); }
  // Any 2xx: a PATCH that created its object answers 201.
  bool succeeded() const { return status >= 200 && status < 300 && error.empty(); }
  // One line for logs and /readyz: "HTTP 403 Forbidden: <Status message>" or the failure.
  std::string describe() const;
};

// The `Status` object the API server answers errors with (and sends in watch ERROR events).
struct ApiStatus {
  int code = 0;
  std::string reason;
  std::string message;
};

// Reads a Status object; nothing when `object` is not one.
std::optional<ApiStatus> parseApiStatus(const nlohmann::json& object);
std::optional<ApiStatus> parseApiStatusBody(std::string_view body);

struct ApiClientOptions {
  std::chrono::milliseconds connectTimeout{10000};
  // How long a token read from a file is used before the file is read again.
  std::chrono::milliseconds tokenMaxAge{60000};
  // Largest body a GET (a LIST page) may have.
  std::size_t maxBodyBytes = 256 * 1024 * 1024;
  std::string userAgent = "strimzi-gateway-webhook/0.1.0";
};

class ApiConnection;

// Everything needed to open connections to one API server: the parsed trust anchors, the client
// key pair and the token source, prepared once from a ClientConfig. The server certificate is
// checked against the configured CA bundle only (not the system store), unless the config has
// no CA, in which case the system store is used.
//
// Threads: immutable after create() except the token source, which is thread-safe; connect()
// may be called from any thread.
class ApiClient : public std::enable_shared_from_this<ApiClient> {
public:
  // Fails when the CA bundle or the client certificate and key cannot be used.
  static std::variant<std::shared_ptr<ApiClient>, ConfigError>
  create(ClientConfig config, ApiClientOptions options = {});
  ~ApiClient();

  ApiClient(const ApiClient&) = delete;
  ApiClient& operator=(const ApiClient&) = delete;

  // A new connection (opened lazily by its first request); it keeps the client alive.
  std::unique_ptr<ApiConnection> connect() const;
  // The config without key material.
  const ClientConfig& config() const { return config_; }
  const ApiClientOptions& options() const { return options_; }
  TokenSource& tokens() const { return *tokens_; }

private:
  struct Tls;
  ApiClient(ClientConfig config, ApiClientOptions options, std::unique_ptr<Tls> tls);

  ClientConfig config_;
  ApiClientOptions options_;
  std::unique_ptr<Tls> tls_;
  std::unique_ptr<TokenSource> tokens_;
};

// One keep-alive HTTPS connection to the API server. Requests on it are made by one thread at a
// time; cancel() may be called from any other thread and makes the request in progress, and
// every later one, fail at once.
class ApiConnection {
public:
  ~ApiConnection();

  ApiConnection(const ApiConnection&) = delete;
  ApiConnection& operator=(const ApiConnection&) = delete;

  // GET `target` (path and query, below the server's base path), the whole exchange bounded by
  // `timeout` once connected.
  ApiResponse get(const std::string& target, std::chrono::milliseconds timeout);

  // PATCH `target` with `body` of `contentType` (for a server-side apply,
  // "application/apply-patch+yaml", whose YAML may be JSON), bounded like get().
  ApiResponse patch(const std::string& target, const std::string& body,
                    const std::string& contentType, std::chrono::milliseconds timeout);
  // DELETE `target`, bounded like get().
  ApiResponse remove(const std::string& target, std::chrono::milliseconds timeout);

  // Called with each piece of a 200 body as it arrives; returning false stops reading.
  using BodySink = std::function<bool(std::string_view)>;
  // Told the status as soon as the response headers are in, before any of the body.
  using StatusSink = std::function<void(int status)>;
  // GET `target` and hand a 200 body to `onData` as it streams in (a WATCH). Another status is
  // returned with its body. `idleTimeout` bounds the wait for each piece.
  ApiResponse stream(const std::string& target, std::chrono::milliseconds idleTimeout,
                     const BodySink& onData, const StatusSink& onStatus = nullptr);

  void cancel();
  bool cancelled() const { return cancelled_; }

private:
  friend class ApiClient;
  ApiConnection(std::shared_ptr<const ApiClient> client, std::unique_ptr<httplib::SSLClient> http);

  // What a request sends besides its target: its method, and a body with its type.
  struct Outgoing {
    std::string method = "GET";
    const std::string* body = nullptr;
    std::string contentType;
  };
  ApiResponse request(const Outgoing& outgoing, const std::string& target,
                      std::chrono::milliseconds connectTimeout,
                      std::chrono::milliseconds readTimeout,
                      std::optional<std::chrono::steady_clock::time_point> deadline,
                      const BodySink* onData, const StatusSink* onStatus);
  // A request whose whole exchange, connecting included, fits in `timeout`.
  ApiResponse bounded(const Outgoing& outgoing, const std::string& target,
                      std::chrono::milliseconds timeout);
  std::string describeTransportError(int error) const;

  const std::shared_ptr<const ApiClient> client_;
  std::unique_ptr<httplib::SSLClient> http_;
  std::atomic<bool> cancelled_{false};
};

} // namespace sgw::kube
