#include "sgw/kube/token_source.h"

#include <variant>

#include "sgw/kube/client_config.h"
#include "sgw/observability/log.h"

namespace sgw::kube {

TokenSource::TokenSource(std::string token) : token_(std::move(token)) {}

TokenSource::TokenSource(std::filesystem::path file, std::chrono::milliseconds maxAge)
    : file_(std::move(file)), maxAge_(maxAge) {}

std::optional<std::string> TokenSource::token() {
  std::lock_guard lock(mutex_);
  if (!file_.empty()) {
    const auto now = std::chrono::steady_clock::now();
    if (!readAt_ || now - *readAt_ >= maxAge_) {
      auto read = readConfigFile(file_, "token file", 1024 * 1024);
      if (auto* text = std::get_if<std::string>(&read)) {
        const auto end = text->find_last_not_of(" \t\r\n");
        text->erase(end == std::string::npos ? 0 : end + 1);
        if (!text->empty()) {
          token_ = std::move(*text);
          readAt_ = now;
        }
      } else {
        observability::logEvent(spdlog::level::warn, "token file could not be read again",
                                {{"error", std::get<ConfigError>(read).message},
                                 {"keeping_previous_token", !token_.empty()}});
        readAt_ = now;
      }
    }
  }
  if (token_.empty()) {
    return std::nullopt;
  }
  return token_;
}

void TokenSource::invalidate() {
  std::lock_guard lock(mutex_);
  readAt_.reset();
}

} // namespace sgw::kube
