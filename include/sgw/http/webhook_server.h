#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "sgw/http/bounded_task_queue.h"
#include "sgw/http/connection_watchdog.h"
#include "sgw/http/serving_certificate.h"
#include "sgw/observability/metrics.h"
#include "sgw/policy/rule_actions.h"
#include "sgw/state/state_source.h"

namespace sgw::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  int port = 8443; // 0: any free port (tests)
  std::filesystem::path certificateFile;
  std::filesystem::path privateKeyFile;
  std::optional<std::filesystem::path> clientCaFile;
  // An AdmissionReview holds the object and its old version; etcd caps an object at 1.5 MiB.
  std::size_t maxRequestBytes = 8 * 1024 * 1024;
  std::size_t workers = 32;
  std::size_t maxQueuedConnections = 256;
  std::chrono::seconds readTimeout{10};
  std::chrono::seconds writeTimeout{10};
  // The API server reuses connections; cpp-httplib's default of 5 requests per connection would
  // make it reconnect (and handshake) constantly.
  std::size_t keepAliveMaxRequests = 10000;
  std::chrono::seconds keepAliveTimeout{30};
  std::chrono::seconds requestTimeout{10};
  // Time a connection has from its first byte reaching a worker to a completed TLS handshake.
  // Connections that send nothing wait in the kernel (TCP_DEFER_ACCEPT) about as long, without
  // a worker.
  std::chrono::milliseconds handshakeTimeout{2000};
  // After a review of a body at least this large, freed memory is handed back to the system once
  // no review is being served, so large requests leave no lasting growth.
  std::size_t trimAfterBytes = 256 * 1024;
  std::chrono::milliseconds certificatePollInterval{1000};
  // Time between SIGTERM and closing the listener, with /readyz failing, so endpoints stop
  // routing to this replica before it stops accepting.
  std::chrono::seconds shutdownDelay{0};
  // What each rule's denials do in reviews.
  policy::RuleActions ruleActions;
};

// The HTTPS admission server: POST /validate and /mutate answer AdmissionReviews through the
// review pipeline against the state source's current snapshot; GET /healthz, /readyz and
// /metrics serve probes and Prometheus.
//
// Lifecycle: construct, start() (loads the certificate and binds), run() on one thread until
// shutdown() is called from another (a signal handler thread), which stops accepting, lets
// in-flight reviews finish and returns from run().
class WebhookServer {
public:
  WebhookServer(ServerOptions options, state::StateSourcePtr state,
                std::shared_ptr<observability::Metrics> metrics);
  ~WebhookServer();

  WebhookServer(const WebhookServer&) = delete;
  WebhookServer& operator=(const WebhookServer&) = delete;

  // Serves GET `path` with the JSON `body` returns at each request (the audit's findings). Call
  // before start().
  void addJsonEndpoint(std::string path, std::function<std::string()> body);
  // Loads the serving certificate and binds the port. Returns the reason on failure.
  std::optional<std::string> start();
  // The bound port (the chosen one when the options asked for 0).
  int port() const { return port_; }
  // Serves until shutdown(); returns false if the listener failed.
  bool run();
  // Graceful stop: /readyz turns 503, the shutdown delay passes, the listener closes, idle
  // keep-alive connections are closed, in-flight requests complete.
  void shutdown();

private:
  void routes();
  void handleReview(const httplib::Request& request, httplib::Response& response,
                    const httplib::ContentReader& reader, bool mutate);
  // Reads and answers one review; returns the number of body bytes received.
  std::size_t serveReview(const httplib::Request& request, httplib::Response& response,
                          const httplib::ContentReader& reader, bool mutate);

  ServerOptions options_;
  std::vector<std::pair<std::string, std::function<std::string()>>> jsonEndpoints_;
  state::StateSourcePtr state_;
  std::shared_ptr<observability::Metrics> metrics_;
  std::unique_ptr<ServingCertificate> certificate_;
  std::unique_ptr<ConnectionWatchdog> watchdog_;
  std::unique_ptr<httplib::SSLServer> server_;
  std::atomic<std::size_t> waitingConnections_{0};
  // Reviews between body read and answer, and whether one of them had a large body: the last to
  // finish hands freed memory back (see handleReview).
  std::atomic<std::size_t> reviewsServing_{0};
  std::atomic<bool> trimPending_{false};
  enum class RunState { NotStarted, Running, Returned };
  std::mutex lifecycleMutex_; // orders run() against shutdown()
  std::atomic<RunState> runState_{RunState::NotStarted};
  std::atomic<bool> draining_{false};
  int port_ = 0;
  int listenSocket_ = -1; // owned by server_
};

} // namespace sgw::http
