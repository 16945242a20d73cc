#pragma once

#include <chrono>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>

namespace sgw::kube {

// The bearer token sent with every request. A projected service-account token is rotated by
// the kubelet (it writes a new file well before the old token expires), so a file-backed token
// is read again once it is older than `maxAge`, and at once after the API server answered 401.
// A failed re-read keeps the last token that could be read, so a rotation caught half-way does
// not drop the credentials.
//
// Threads: any thread may call token() and invalidate(); the cache is guarded by mutex_.
class TokenSource {
public:
  // No token at all (client certificate authentication).
  TokenSource() = default;
  // A fixed token (kubeconfig `token`).
  explicit TokenSource(std::string token);
  // A token file (in-cluster, or kubeconfig `tokenFile`).
  TokenSource(std::filesystem::path file, std::chrono::milliseconds maxAge);

  // The token to send now, or nothing when none is configured or readable.
  std::optional<std::string> token();
  // Forces the next token() to read the file again (after a 401).
  void invalidate();

private:
  std::mutex mutex_;
  std::string token_;
  std::filesystem::path file_;
  std::chrono::milliseconds maxAge_{0};
  std::optional<std::chrono::steady_clock::time_point> readAt_;
};

} // namespace sgw::kube
