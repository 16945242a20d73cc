#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "support/temp_dir.h"

namespace sgw::test {

struct CommandResult {
  int exitCode = -1;
  std::string out;
  std::string err;
};

// Runs the built strimzi-gateway-webhook with `args`, feeding `input` on stdin, and waits for it.
CommandResult runWebhook(const std::vector<std::string>& args, const std::string& input = "");

// The built executable running in the background (the real `serve`), its stderr in a file.
class WebhookProcess {
public:
  explicit WebhookProcess(const std::vector<std::string>& args);
  ~WebhookProcess();
  WebhookProcess(const WebhookProcess&) = delete;
  WebhookProcess& operator=(const WebhookProcess&) = delete;

  // The port from the "serving" log line; waits for it (bounded) and throws if the process dies
  // or never gets there.
  int port();
  std::string log() const;
  void signal(int number) const;
  // The exit code once the process ends within `timeout`.
  std::optional<int> waitExit(std::chrono::milliseconds timeout);
  // Waits (bounded) until the log contains `text`.
  bool waitForLog(const std::string& text, std::chrono::milliseconds timeout) const;

private:
  TempDir dir_;
  pid_t pid_ = -1;
  std::optional<int> exitCode_;
};

} // namespace sgw::test
