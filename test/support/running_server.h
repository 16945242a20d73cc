#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>

#include "sgw/http/webhook_server.h"
#include "sgw/state/state_source.h"
#include "support/dev_certs.h"
#include "support/seed.h"
#include "support/temp_dir.h"

namespace sgw::test {

// A state source the test controls: a fixed snapshot and a readiness switch.
class FakeState : public state::StateSource {
public:
  explicit FakeState(cluster::ClusterSnapshot snapshot = {}, bool ready = true)
      : snapshot_(std::make_shared<const cluster::ClusterSnapshot>(std::move(snapshot))),
        ready_(ready) {}

  std::shared_ptr<const cluster::ClusterSnapshot> snapshot() const override { return snapshot_; }
  bool ready() const override { return ready_; }
  std::string readinessDetail() const override { return ready_ ? "fake state" : "fake not ready"; }
  void setReady(bool ready) { ready_ = ready; }

private:
  std::shared_ptr<const cluster::ClusterSnapshot> snapshot_;
  std::atomic<bool> ready_;
};

// A WebhookServer on 127.0.0.1 and a free port, serving on its own thread with the shared test
// certificates (or `certs`), until destroyed (which shuts it down gracefully).
class RunningServer {
public:
  explicit RunningServer(std::shared_ptr<state::StateSource> state,
                         std::function<void(http::ServerOptions&)> adjust = {},
                         const DevCerts& certs = sharedDevCerts());
  ~RunningServer();
  RunningServer(const RunningServer&) = delete;
  RunningServer& operator=(const RunningServer&) = delete;

  int port() const { return server_->port(); }
  const DevCerts& certs() const { return certs_; }
  observability::Metrics& metrics() { return *metrics_; }
  http::WebhookServer& server() { return *server_; }
  // Shuts down and waits for run() to return; returns what run() returned.
  bool stop();

private:
  DevCerts certs_;
  std::shared_ptr<observability::Metrics> metrics_;
  std::unique_ptr<http::WebhookServer> server_;
  std::thread thread_;
  std::atomic<bool> result_{false};
};

} // namespace sgw::test
