#include "sgw/http/webhook_server.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <algorithm>
#include <optional>
#include <thread>

#include "sgw/admission/review_pipeline.h"
#include "sgw/observability/log.h"
#include "sgw/observability/review_log.h"
#include "sgw/observability/review_metrics.h"
#include "sgw/runtime/freed_memory.h"

namespace sgw::http {

using observability::logEvent;

namespace {

// Keeps the in-flight gauge exact even if answering throws.
class InFlight {
public:
  explicit InFlight(observability::Metrics& metrics) : metrics_(metrics) {
    metrics_.add(observability::kReviewsInFlight, {}, 1);
  }
  ~InFlight() { metrics_.add(observability::kReviewsInFlight, {}, -1); }
  InFlight(const InFlight&) = delete;
  InFlight& operator=(const InFlight&) = delete;

private:
  observability::Metrics& metrics_;
};

// How much of an oversized body is read (and discarded) so the client can read the 413.
std::size_t drainLimitFor(std::size_t maxRequestBytes) {
  return maxRequestBytes * 4;
}

} // namespace

WebhookServer::WebhookServer(ServerOptions options, state::StateSourcePtr state,
                             std::shared_ptr<observability::Metrics> metrics)
    : options_(std::move(options)), state_(std::move(state)), metrics_(std::move(metrics)) {}

WebhookServer::~WebhookServer() {
  if (watchdog_) {
    watchdog_->stop();
  }
  if (certificate_) {
    certificate_->stop();
  }
}

std::optional<std::string> WebhookServer::start() {
  auto metrics = metrics_;
  certificate_ = std::make_unique<ServingCertificate>(
      ServingCertificate::Options{options_.certificateFile, options_.privateKeyFile,
                                  options_.clientCaFile, options_.certificatePollInterval},
      [metrics](bool ok, const std::string& detail) {
        metrics->increment(observability::kCertificateReloadsTotal,
                           {{"result", ok ? "success" : "failure"}});
        logEvent(ok ? spdlog::level::info : spdlog::level::err,
                 ok ? "serving certificate reloaded" : "serving certificate reload failed",
                 {{"detail", detail}});
      });
  if (auto error = certificate_->load()) {
    return "serving certificate: " + *error;
  }
  watchdog_ = std::make_unique<ConnectionWatchdog>(
      // Behind TCP_DEFER_ACCEPT a connection that reaches a worker with nothing to read has been
      // silent for the whole defer time: it is closed at once instead of holding the worker.
      ConnectionWatchdog::Options{options_.handshakeTimeout, std::chrono::milliseconds(0),
                                  std::chrono::milliseconds(options_.requestTimeout),
                                  std::chrono::milliseconds(options_.keepAliveTimeout),
                                  std::chrono::milliseconds(100)},
      ConnectionWatchdog::Hooks{
          [this] { return waitingConnections_.load(); },
          [metrics] { metrics->increment(observability::kConnectionsTotal); },
          [metrics] {
            metrics->increment(observability::kRejectedRequestsTotal, {{"code", "timeout"}});
          }});

  bool configured = false;
  server_ = std::make_unique<httplib::SSLServer>([&](SSL_CTX& context) {
    configured = certificate_->configure(context);
    if (configured) {
      watchdog_->install(&context);
    }
    return configured;
  });
  if (!configured || !server_->is_valid()) {
    return "cannot set up TLS with the serving certificate (client CA file unreadable?)";
  }
  server_->new_task_queue = [this] {
    return new BoundedTaskQueue(options_.workers, options_.maxQueuedConnections,
                                waitingConnections_);
  };
  // Reviews are small request/response pairs on reused connections: Nagle's algorithm would hold
  // each response back until the client's delayed ACK.
  server_->set_tcp_nodelay(true);
  // A connection is handed to the accept loop (and so to a worker) only once its first bytes
  // arrive, as nginx's `deferred` listen option does: clients that connect and say nothing wait
  // in the kernel instead of holding one of the few workers.
  const int deferSeconds = static_cast<int>(std::max<std::chrono::milliseconds::rep>(
      1, std::chrono::duration_cast<std::chrono::seconds>(options_.handshakeTimeout).count()));
  server_->set_socket_options([this, deferSeconds](socket_t socket) {
    httplib::default_socket_options(socket);
    ::setsockopt(socket, IPPROTO_TCP, TCP_DEFER_ACCEPT, &deferSeconds, sizeof(deferSeconds));
    listenSocket_ = socket;
  });
  server_->set_read_timeout(options_.readTimeout);
  server_->set_write_timeout(options_.writeTimeout);
  server_->set_keep_alive_max_count(options_.keepAliveMaxRequests);
  server_->set_keep_alive_timeout(options_.keepAliveTimeout.count());
  // handleReview enforces the real limit; cpp-httplib only stops reads beyond the drain limit.
  server_->set_payload_max_length(drainLimitFor(options_.maxRequestBytes));
  routes();

  if (options_.port == 0) {
    port_ = server_->bind_to_any_port(options_.address);
    if (port_ <= 0) {
      return "cannot bind " + options_.address + " to a free port";
    }
  } else {
    if (!server_->bind_to_port(options_.address, options_.port)) {
      return "cannot bind " + options_.address + ":" + std::to_string(options_.port);
    }
    port_ = options_.port;
  }
  // cpp-httplib listens with a backlog of 5: a burst of connections from the API server, or
  // silent ones waiting out TCP_DEFER_ACCEPT, would overflow it and clients would wait for SYN
  // retransmissions. Listening again on a listening socket only changes its backlog.
  if (listenSocket_ >= 0) {
    ::listen(listenSocket_, SOMAXCONN);
  }
  return std::nullopt;
}

void WebhookServer::routes() {
  server_->set_pre_routing_handler([this](const httplib::Request& request, httplib::Response&) {
    watchdog_->requestStarted(request.ssl);
    return httplib::Server::HandlerResponse::Unhandled;
  });
  server_->set_logger([this](const httplib::Request& request, const httplib::Response&) {
    watchdog_->requestFinished(request.ssl);
  });
  server_->set_exception_handler(
      [](const httplib::Request& request, httplib::Response& response, std::exception_ptr error) {
        std::string what = "unknown error";
        try {
          std::rethrow_exception(error);
        } catch (const std::exception& caught) {
          what = caught.what();
        } catch (...) {
        }
        logEvent(spdlog::level::err, "request failed", {{"path", request.path}, {"error", what}});
        response.status = 500;
        response.set_content("internal error\n", "text/plain; charset=utf-8");
      });

  server_->Post("/validate", [this](const httplib::Request& request, httplib::Response& response,
                                    const httplib::ContentReader& reader) {
    handleReview(request, response, reader, false);
  });
  server_->Post("/mutate", [this](const httplib::Request& request, httplib::Response& response,
                                  const httplib::ContentReader& reader) {
    handleReview(request, response, reader, true);
  });
  for (const char* path : {"/validate", "/mutate"}) {
    server_->Get(path, [](const httplib::Request&, httplib::Response& response) {
      response.status = 405;
      response.set_header("Allow", "POST");
      response.set_content("admission reviews are POSTed\n", "text/plain; charset=utf-8");
    });
  }
  server_->Get("/healthz", [](const httplib::Request&, httplib::Response& response) {
    response.set_content("ok\n", "text/plain; charset=utf-8");
  });
  server_->Get("/readyz", [this](const httplib::Request&, httplib::Response& response) {
    if (draining_) {
      response.status = 503;
      response.set_content("shutting down\n", "text/plain; charset=utf-8");
      return;
    }
    const bool ready = state_->ready();
    response.status = ready ? 200 : 503;
    response.set_content((ready ? "ok: " : "not ready: ") + state_->readinessDetail() + "\n",
                         "text/plain; charset=utf-8");
  });
  server_->Get("/metrics", [this](const httplib::Request&, httplib::Response& response) {
    response.set_content(metrics_->render(), "text/plain; version=0.0.4; charset=utf-8");
  });
  for (const auto& endpoint : jsonEndpoints_) {
    const auto& body = endpoint.second;
    server_->Get(endpoint.first, [&body](const httplib::Request&, httplib::Response& response) {
      response.set_content(body(), "application/json");
    });
  }
}

void WebhookServer::addJsonEndpoint(std::string path, std::function<std::string()> body) {
  jsonEndpoints_.emplace_back(std::move(path), std::move(body));
}

void WebhookServer::handleReview(const httplib::Request& request, httplib::Response& response,
                                 const httplib::ContentReader& reader, bool mutate) {
  reviewsServing_.fetch_add(1);
  const auto received = serveReview(request, response, reader, mutate);
  if (received >= options_.trimAfterBytes) {
    trimPending_ = true;
  }
  // glibc keeps freed memory in its per-thread arenas; after a large body (and the JSON and
  // models built from it) it goes back to the system. Trimming walks every arena, so it waits
  // until no other review is being served: a burst of large reviews trims once, after the last.
  if (reviewsServing_.fetch_sub(1) == 1 && trimPending_.exchange(false)) {
    runtime::releaseFreedMemory();
  }
}

std::size_t WebhookServer::serveReview(const httplib::Request& request, httplib::Response& response,
                                       const httplib::ContentReader& reader, bool mutate) {
  const auto endpoint = mutate ? admission::Endpoint::Mutate : admission::Endpoint::Validate;
  const auto tooLarge = [&] {
    metrics_->increment(observability::kRejectedRequestsTotal, {{"code", "413"}});
    logEvent(spdlog::level::warn, "request body too large",
             {{"endpoint", admission::toString(endpoint)},
              {"limitBytes", options_.maxRequestBytes},
              {"client", request.remote_addr}});
    response.status = 413;
    response.set_header("Connection", "close");
    response.set_content("request body exceeds " + std::to_string(options_.maxRequestBytes) +
                             " bytes\n",
                         "text/plain; charset=utf-8");
  };
  // A body somewhat over the limit is read and thrown away, so the client sees the 413 instead
  // of a reset connection; a body far over it is refused without reading.
  const std::size_t drainLimit = drainLimitFor(options_.maxRequestBytes);
  const auto declaredLength =
      request.has_header("Content-Length")
          ? std::optional<std::uint64_t>(request.get_header_value<std::uint64_t>("Content-Length"))
          : std::nullopt;
  if (declaredLength.has_value() && *declaredLength > drainLimit) {
    tooLarge();
    return 0;
  }
  std::string body;
  if (declaredLength.has_value()) {
    // One allocation for the body instead of one per doubling as its pieces arrive.
    body.reserve(static_cast<std::size_t>(
        std::min<std::uint64_t>(*declaredLength, options_.maxRequestBytes)));
  }
  bool overLimit = false;
  std::size_t received = 0;
  const bool complete = reader([&](const char* data, std::size_t length) {
    received += length;
    if (overLimit || body.size() + length > options_.maxRequestBytes) {
      overLimit = true;
      std::string().swap(body);
      return received <= drainLimit;
    }
    body.append(data, length);
    return true;
  });
  if (overLimit) {
    tooLarge();
    return received;
  }
  if (!complete) {
    metrics_->increment(observability::kRejectedRequestsTotal, {{"code", "400"}});
    response.status = 400;
    response.set_content("request body could not be read\n", "text/plain; charset=utf-8");
    return received;
  }

  InFlight inFlight(*metrics_);
  const auto started = std::chrono::steady_clock::now();
  auto answer = admission::answer(
      body, endpoint,
      [this](const cluster::AnyObject* reviewed) { return state_->snapshotFor(reviewed); },
      std::chrono::system_clock::now(), options_.ruleActions);
  const auto elapsed = std::chrono::steady_clock::now() - started;
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count();
  const std::string endpointName(admission::toString(endpoint));
  const double seconds = std::chrono::duration<double>(elapsed).count();

  response.status = answer.status;
  response.set_content(answer.body, answer.contentType.c_str());
  if (!answer.record.has_value()) {
    metrics_->observe(observability::kReviewDuration, {{"endpoint", endpointName}}, seconds);
    metrics_->increment(observability::kRejectedRequestsTotal, {{"code", "400"}});
    logEvent(
        spdlog::level::warn, "malformed admission request",
        {{"endpoint", endpointName}, {"reason", answer.error}, {"client", request.remote_addr}});
    return received;
  }
  const auto& record = *answer.record;
  observability::recordReview(*metrics_, record, endpointName, seconds);
  observability::logReview(record, endpointName, micros);
  return received;
}

bool WebhookServer::run() {
  {
    std::lock_guard lock(lifecycleMutex_);
    if (draining_) {
      runState_ = RunState::Returned;
      return true;
    }
    runState_ = RunState::Running;
  }
  watchdog_->start();
  certificate_->start();
  logEvent(spdlog::level::info, "serving",
           {{"address", options_.address},
            {"port", port_},
            {"workers", options_.workers},
            {"clientAuth", options_.clientCaFile.has_value()}});
  const bool ok = server_->listen_after_bind();
  runState_ = RunState::Returned;
  watchdog_->stop();
  certificate_->stop();
  logEvent(spdlog::level::info, "stopped");
  return ok;
}

void WebhookServer::shutdown() {
  RunState state = RunState::NotStarted;
  {
    // Either run() sees draining_ and never listens, or this sees it running and stops it.
    std::lock_guard lock(lifecycleMutex_);
    if (draining_.exchange(true)) {
      return;
    }
    state = runState_;
  }
  logEvent(spdlog::level::info, "shutting down",
           {{"delaySeconds", options_.shutdownDelay.count()}});
  if (options_.shutdownDelay.count() > 0) {
    std::this_thread::sleep_for(options_.shutdownDelay);
  }
  if (state != RunState::Running) {
    return;
  }
  // run() may not have reached listen() yet: wait until the listener runs, then close it.
  while (runState_ == RunState::Running && !server_->is_running()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  server_->stop();
  if (watchdog_) {
    watchdog_->drain();
  }
}

} // namespace sgw::http
