#include <catch2/catch.hpp>
#include <set>

#include "sgw/kube/backoff.h"

namespace sgw::kube {

using std::chrono::milliseconds;

TEST_CASE("backoff doubles from the initial delay up to the cap, with jitter below each step",
          "[kube][backoff]") {
  const auto seed = GENERATE(1u, 2u, 3u, 42u);
  Backoff backoff({milliseconds(100), milliseconds(1000), 2.0, 0.5}, seed);
  const std::vector<std::int64_t> ceilings{100, 200, 400, 800, 1000, 1000, 1000};
  for (const auto ceiling : ceilings) {
    const auto delay = backoff.next().count();
    CHECK(delay >= ceiling / 2);
    CHECK(delay <= ceiling);
  }
}

TEST_CASE("after a reset the backoff starts again from the initial delay", "[kube][backoff]") {
  Backoff backoff({milliseconds(100), milliseconds(1000), 2.0, 0.0}, 7);
  CHECK(backoff.next() == milliseconds(100));
  CHECK(backoff.next() == milliseconds(200));
  CHECK(backoff.next() == milliseconds(400));
  backoff.reset();
  CHECK(backoff.next() == milliseconds(100));
}

TEST_CASE("jitter spreads the delays of retry loops started together", "[kube][backoff]") {
  std::set<std::int64_t> firstDelays;
  for (std::uint64_t seed = 0; seed < 20; ++seed) {
    Backoff backoff({milliseconds(1000), milliseconds(30000), 2.0, 0.5}, seed);
    firstDelays.insert(backoff.next().count());
  }
  CHECK(firstDelays.size() > 10);
}

} // namespace sgw::kube
