#pragma once

#include <chrono>
#include <cstdint>
#include <random>

namespace sgw::kube {

// Capped exponential backoff with jitter for reconnecting to the API server. Jitter spreads the
// retries of many replicas (and of the informers of one replica) so that a recovering API
// server is not hit by all of them at the same instant.
//
// Not thread-safe: each retry loop owns one.
class Backoff {
public:
  struct Options {
    std::chrono::milliseconds initial{250};
    std::chrono::milliseconds max{30000};
    double factor = 2.0;
    // Each delay is drawn uniformly from [(1 - jitter) * d, d].
    double jitter = 0.5;
  };

  explicit Backoff(Options options, std::uint64_t seed = std::random_device{}());

  // The delay before the next attempt; grows with each call up to the cap.
  std::chrono::milliseconds next();
  // After a success: the next failure starts again from the initial delay.
  void reset() { attempt_ = 0; }
  unsigned attempts() const { return attempt_; }

private:
  Options options_;
  unsigned attempt_ = 0;
  std::mt19937_64 random_;
};

} // namespace sgw::kube
