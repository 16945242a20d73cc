#include "sgw/kube/backoff.h"

#include <algorithm>
#include <cmath>

namespace sgw::kube {

Backoff::Backoff(Options options, std::uint64_t seed) : options_(options), random_(seed) {}

std::chrono::milliseconds Backoff::next() {
  const double initial = static_cast<double>(options_.initial.count());
  const double cap = static_cast<double>(options_.max.count());
  const double ceiling = std::min(cap, initial * std::pow(options_.factor, attempt_));
  if (ceiling < cap) {
    ++attempt_;
  }
  const double jitter = std::clamp(options_.jitter, 0.0, 1.0);
  std::uniform_real_distribution<double> draw((1.0 - jitter) * ceiling, ceiling);
  return std::chrono::milliseconds(static_cast<std::int64_t>(std::llround(draw(random_))));
}

} // namespace sgw::kube
