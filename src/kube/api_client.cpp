#include "sgw/kube/api_client.h"

#include <arpa/inet.h>
#include <httplib.h>
#include <netdb.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include <algorithm>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <variant>

#include "sgw/tls/certificate.h"
#include "sgw/tls/pem.h"

namespace sgw::kube {

namespace {

constexpr std::size_t kMaxErrorBodyBytes = 64 * 1024;

struct StoreDeleter {
  void operator()(X509_STORE* store) const { X509_STORE_free(store); }
};
struct StoreContextDeleter {
  void operator()(X509_STORE_CTX* context) const { X509_STORE_CTX_free(context); }
};

// Chain verification against the configured CAs only. cpp-httplib loads the system's default
// CA paths into the context's store whenever no CA file is given to it, which would make any
// public CA a trust anchor for the API server; this callback verifies with our own store
// instead, keeping the verification parameters (purpose, depth) OpenSSL set up.
int verifyAgainstConfiguredCas(X509_STORE_CTX* context, void* argument) {
  auto* store = static_cast<X509_STORE*>(argument);
  std::unique_ptr<X509_STORE_CTX, StoreContextDeleter> own(X509_STORE_CTX_new());
  if (!own || X509_STORE_CTX_init(own.get(), store, X509_STORE_CTX_get0_cert(context),
                                  X509_STORE_CTX_get0_untrusted(context)) != 1) {
    X509_STORE_CTX_set_error(context, X509_V_ERR_UNSPECIFIED);
    return 0;
  }
  X509_VERIFY_PARAM_set1(X509_STORE_CTX_get0_param(own.get()), X509_STORE_CTX_get0_param(context));
  const int verified = X509_verify_cert(own.get());
  X509_STORE_CTX_set_error(context,
                           verified == 1 ? X509_V_OK : X509_STORE_CTX_get_error(own.get()));
  return verified == 1 ? 1 : 0;
}

// The first address of `host`, for connecting to it while verifying another name.
std::string resolveAddress(const std::string& host) {
  if (tls::isIpLiteral(host)) {
    return host;
  }
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* result = nullptr;
  if (getaddrinfo(host.c_str(), nullptr, &hints, &result) != 0 || result == nullptr) {
    return host; // connecting fails later with a clear error
  }
  char text[INET6_ADDRSTRLEN] = {};
  const void* address =
      result->ai_family == AF_INET6
          ? static_cast<const void*>(
                &reinterpret_cast<const sockaddr_in6*>(result->ai_addr)->sin6_addr)
          : static_cast<const void*>(
                &reinterpret_cast<const sockaddr_in*>(result->ai_addr)->sin_addr);
  inet_ntop(result->ai_family, address, text, sizeof text);
  freeaddrinfo(result);
  return text;
}

// Reason phrases of the statuses the API server answers with.
std::string_view statusText(int status) {
  switch (status) {
  case 400:
    return "Bad Request";
  case 401:
    return "Unauthorized";
  case 403:
    return "Forbidden";
  case 404:
    return "Not Found";
  case 405:
    return "Method Not Allowed";
  case 406:
    return "Not Acceptable";
  case 410:
    return "Gone";
  case 429:
    return "Too Many Requests";
  case 500:
    return "Internal Server Error";
  case 502:
    return "Bad Gateway";
  case 503:
    return "Service Unavailable";
  case 504:
    return "Gateway Timeout";
  default:
    return {};
  }
}

} // namespace

std::optional<ApiStatus> parseApiStatus(const nlohmann::json& object) {
  if (!object.is_object() || object.value("kind", "") != "Status") {
    return std::nullopt;
  }
  ApiStatus status;
  if (const auto code = object.find("code"); code != object.end() && code->is_number_integer()) {
    status.code = code->get<int>();
  }
  if (const auto reason = object.find("reason"); reason != object.end() && reason->is_string()) {
    status.reason = reason->get<std::string>();
  }
  if (const auto message = object.find("message");
      message != object.end() && message->is_string()) {
    status.message = message->get<std::string>();
  }
  return status;
}

std::optional<ApiStatus> parseApiStatusBody(std::string_view body) {
  const auto parsed = nlohmann::json::parse(body, nullptr, false);
  if (parsed.is_discarded()) {
    return std::nullopt;
  }
  return parseApiStatus(parsed);
}

std::string ApiResponse::describe() const {
  if (status == 0) {
    return error;
  }
  std::string text = "HTTP " + std::to_string(status);
  if (const auto reason = statusText(status); !reason.empty()) {
    text += " ";
    text += reason;
  }
  if (const auto parsed = parseApiStatusBody(body); parsed && !parsed->message.empty()) {
    text += ": " + parsed->message;
  }
  if (!error.empty()) {
    text += " (" + error + ")";
  }
  return text;
}

struct ApiClient::Tls {
  std::unique_ptr<X509_STORE, StoreDeleter> store; // null: system trust store
  tls::X509Ptr certificate;
  std::vector<tls::X509Ptr> chain;
  tls::PrivateKeyPtr key;
};

std::variant<std::shared_ptr<ApiClient>, ConfigError> ApiClient::create(ClientConfig config,
                                                                        ApiClientOptions options) {
  auto tls = std::make_unique<Tls>();
  if (!config.caPem.empty()) {
    auto bundle =
        tls::readPemChain(config.caPem, "the certificate authority of " + config.description);
    if (auto* error = std::get_if<std::string>(&bundle)) {
      return ConfigError{std::move(*error)};
    }
    const auto& certificates = std::get<std::vector<tls::X509Ptr>>(bundle);
    tls->store.reset(X509_STORE_new());
    for (const auto& certificate : certificates) {
      X509_STORE_add_cert(tls->store.get(), certificate.get());
    }
  }
  if (!config.clientCertificatePem.empty()) {
    auto bundle = tls::readPemChain(config.clientCertificatePem,
                                    "the client certificate of " + config.description);
    if (auto* error = std::get_if<std::string>(&bundle)) {
      return ConfigError{std::move(*error)};
    }
    auto& certificates = std::get<std::vector<tls::X509Ptr>>(bundle);
    tls->certificate = std::move(certificates.front());
    std::move(certificates.begin() + 1, certificates.end(), std::back_inserter(tls->chain));
    tls->key = tls::readPemPrivateKey(config.clientKeyPem).key;
    if (!tls->key) {
      return ConfigError{"the client key of " + config.description +
                         " is not a PEM private key (encrypted keys are not supported)"};
    }
    if (X509_check_private_key(tls->certificate.get(), tls->key.get()) != 1) {
      ERR_clear_error();
      return ConfigError{"the client key of " + config.description +
                         " does not belong to its client certificate"};
    }
  }
  // Key material lives on in the parsed objects only.
  std::fill(config.clientKeyPem.begin(), config.clientKeyPem.end(), '\0');
  config.clientKeyPem.clear();

  std::unique_ptr<TokenSource> tokens;
  if (!config.tokenFile.empty()) {
    tokens = std::make_unique<TokenSource>(config.tokenFile, options.tokenMaxAge);
  } else if (!config.bearerToken.empty()) {
    tokens = std::make_unique<TokenSource>(config.bearerToken);
  } else {
    tokens = std::make_unique<TokenSource>();
  }
  config.bearerToken.clear();
  auto client = std::shared_ptr<ApiClient>(
      new ApiClient(std::move(config), std::move(options), std::move(tls)));
  client->tokens_ = std::move(tokens);
  return client;
}

ApiClient::ApiClient(ClientConfig config, ApiClientOptions options, std::unique_ptr<Tls> tls)
    : config_(std::move(config)), options_(std::move(options)), tls_(std::move(tls)) {}

ApiClient::~ApiClient() = default;

std::unique_ptr<ApiConnection> ApiClient::connect() const {
  const bool renamed = !config_.tlsServerName.empty();
  const std::string& name = renamed ? config_.tlsServerName : config_.host;
  std::unique_ptr<httplib::SSLClient> http;
  if (tls_->certificate) {
    http = std::make_unique<httplib::SSLClient>(name, config_.port, tls_->certificate.get(),
                                                tls_->key.get());
  } else {
    http = std::make_unique<httplib::SSLClient>(name, config_.port);
  }
  if (renamed) {
    http->set_hostname_addr_map({{name, resolveAddress(config_.host)}});
  }
  if (SSL_CTX* context = http->ssl_context()) {
    SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION);
    for (const auto& certificate : tls_->chain) {
      SSL_CTX_add1_chain_cert(context, certificate.get());
    }
    if (tls_->store && !config_.insecureSkipTlsVerify) {
      SSL_CTX_set_cert_verify_callback(context, verifyAgainstConfiguredCas, tls_->store.get());
    }
  }
  http->enable_server_certificate_verification(!config_.insecureSkipTlsVerify);
  http->set_keep_alive(true);
  http->set_tcp_nodelay(true);
  http->set_follow_location(false);
  return std::unique_ptr<ApiConnection>(new ApiConnection(shared_from_this(), std::move(http)));
}

ApiConnection::ApiConnection(std::shared_ptr<const ApiClient> client,
                             std::unique_ptr<httplib::SSLClient> http)
    : client_(std::move(client)), http_(std::move(http)) {}

ApiConnection::~ApiConnection() = default;

void ApiConnection::cancel() {
  cancelled_ = true;
  http_->stop();
}

ApiResponse ApiConnection::bounded(const Outgoing& outgoing, const std::string& target,
                                   std::chrono::milliseconds timeout) {
  const auto connectTimeout = std::min(timeout, client_->options().connectTimeout);
  return request(outgoing, target, connectTimeout, timeout,
                 std::chrono::steady_clock::now() + timeout, nullptr, nullptr);
}

ApiResponse ApiConnection::get(const std::string& target, std::chrono::milliseconds timeout) {
  return bounded({}, target, timeout);
}

ApiResponse ApiConnection::patch(const std::string& target, const std::string& body,
                                 const std::string& contentType,
                                 std::chrono::milliseconds timeout) {
  return bounded({"PATCH", &body, contentType}, target, timeout);
}

ApiResponse ApiConnection::remove(const std::string& target, std::chrono::milliseconds timeout) {
  return bounded({"DELETE", nullptr, {}}, target, timeout);
}

ApiResponse ApiConnection::stream(const std::string& target, std::chrono::milliseconds idleTimeout,
                                  const BodySink& onData, const StatusSink& onStatus) {
  return request({}, target, client_->options().connectTimeout, idleTimeout, std::nullopt, &onData,
                 onStatus ? &onStatus : nullptr);
}

std::string ApiConnection::describeTransportError(int error) const {
  const auto& config = client_->config();
  const std::string server = serverUrl(config);
  switch (static_cast<httplib::Error>(error)) {
  case httplib::Error::Connection:
    return "cannot connect to " + server;
  case httplib::Error::ConnectionTimeout:
    return "timed out connecting to " + server;
  case httplib::Error::Read:
    return "connection to " + server + " failed or timed out while reading";
  case httplib::Error::Write:
    return "connection to " + server + " failed while writing";
  case httplib::Error::SSLConnection:
    return "TLS handshake with " + server + " failed";
  case httplib::Error::SSLLoadingCerts:
    return "cannot load the trusted certificates for " + server;
  case httplib::Error::SSLServerVerification: {
    const long result = http_->get_openssl_verify_result();
    if (result != X509_V_OK) {
      return "certificate of " + server +
             " is not trusted: " + X509_verify_cert_error_string(result);
    }
    return "certificate of " + server + " is not valid for " +
           (config.tlsServerName.empty() ? config.host : config.tlsServerName);
  }
  case httplib::Error::Canceled:
    return "request cancelled";
  default:
    return "request to " + server +
           " failed: " + httplib::to_string(static_cast<httplib::Error>(error));
  }
}

ApiResponse ApiConnection::request(const Outgoing& outgoing, const std::string& target,
                                   std::chrono::milliseconds connectTimeout,
                                   std::chrono::milliseconds readTimeout,
                                   std::optional<std::chrono::steady_clock::time_point> deadline,
                                   const BodySink* onData, const StatusSink* onStatus) {
  ApiResponse response;
  if (cancelled_) {
    response.error = "request cancelled";
    return response;
  }
  httplib::Headers headers{{"Accept", "application/json"},
                           {"User-Agent", client_->options().userAgent}};
  if (onData != nullptr) {
    // The event stream is read as it arrives; a compressed one would be held back in buffers.
    headers.emplace("Accept-Encoding", "identity");
  }
  if (auto token = client_->tokens().token()) {
    headers.emplace("Authorization", "Bearer " + *token);
  }
  http_->set_connection_timeout(connectTimeout);
  http_->set_read_timeout(readTimeout);
  http_->set_write_timeout(readTimeout);

  const std::size_t maxBody = client_->options().maxBodyBytes;
  bool stoppedBySink = false;
  std::string ownError;
  const auto pastDeadline = [&] {
    return deadline.has_value() && std::chrono::steady_clock::now() > *deadline;
  };
  httplib::Request outgoingRequest;
  outgoingRequest.method = outgoing.method;
  outgoingRequest.path = client_->config().basePath + target;
  outgoingRequest.headers = std::move(headers);
  if (outgoing.body != nullptr) {
    outgoingRequest.body = *outgoing.body;
    outgoingRequest.headers.emplace("Content-Type", outgoing.contentType);
  }
  outgoingRequest.response_handler = [&](const httplib::Response& answer) {
    response.status = answer.status;
    if (onStatus != nullptr) {
      (*onStatus)(answer.status);
    }
    return !cancelled_ && !pastDeadline();
  };
  outgoingRequest.content_receiver = [&](const char* data, std::size_t length,
                                         std::uint64_t /*offset*/, std::uint64_t /*total*/) {
    if (cancelled_) {
      return false;
    }
    if (pastDeadline()) {
      ownError = "no complete answer within the time allowed";
      return false;
    }
    if (response.status == 200 && onData != nullptr) {
      if (!(*onData)(std::string_view(data, length))) {
        stoppedBySink = true;
        return false;
      }
      return true;
    }
    const std::size_t limit = response.status == 200 ? maxBody : kMaxErrorBodyBytes;
    if (response.body.size() + length > limit) {
      if (response.status == 200) {
        ownError = "response larger than " + std::to_string(maxBody) + " bytes";
        return false;
      }
      response.body.append(data, limit - response.body.size());
      return true; // keep reading so the connection stays usable
    }
    response.body.append(data, length);
    return true;
  };
  auto result = http_->send(outgoingRequest);
  if (!result) {
    if (stoppedBySink) {
      response.error.clear();
    } else if (!ownError.empty()) {
      response.error = ownError;
    } else if (cancelled_) {
      response.error = "request cancelled";
    } else if (pastDeadline() && result.error() == httplib::Error::Canceled) {
      response.error = "no answer within the time allowed";
    } else {
      response.error = describeTransportError(static_cast<int>(result.error()));
    }
  }
  if (response.status == 401) {
    client_->tokens().invalidate();
  }
  return response;
}

} // namespace sgw::kube
