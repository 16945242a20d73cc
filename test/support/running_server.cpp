#include "support/running_server.h"

#include <stdexcept>

namespace sgw::test {

RunningServer::RunningServer(std::shared_ptr<state::StateSource> state,
                             std::function<void(http::ServerOptions&)> adjust,
                             const DevCerts& certs)
    : certs_(certs), metrics_(std::make_shared<observability::Metrics>()) {
  observability::describeWebhookMetrics(*metrics_);
  http::ServerOptions options;
  options.port = 0;
  options.certificateFile = certs_.certificate();
  options.privateKeyFile = certs_.privateKey();
  options.workers = 4;
  options.certificatePollInterval = std::chrono::milliseconds(50);
  if (adjust) {
    adjust(options);
  }
  server_ = std::make_unique<http::WebhookServer>(options, std::move(state), metrics_);
  if (const auto error = server_->start()) {
    throw std::runtime_error("server did not start: " + *error);
  }
  thread_ = std::thread([this] { result_ = server_->run(); });
}

bool RunningServer::stop() {
  if (thread_.joinable()) {
    server_->shutdown();
    thread_.join();
  }
  return result_;
}

RunningServer::~RunningServer() {
  stop();
}

} // namespace sgw::test
