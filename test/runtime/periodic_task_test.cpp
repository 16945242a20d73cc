#include <atomic>
#include <catch2/catch.hpp>
#include <thread>

#include "sgw/runtime/periodic_task.h"
#include "support/eventually.h"

namespace sgw::runtime {

using namespace std::chrono_literals;
using test::eventually;

TEST_CASE("a periodic task ticks until it is stopped, and never after", "[runtime]") {
  std::atomic<int> ticks = 0;
  PeriodicTask task(1ms, [&] { ++ticks; });
  task.start();
  REQUIRE(eventually([&] { return ticks >= 3; }));
  task.stop();
  const int stoppedAt = ticks;
  std::this_thread::sleep_for(20ms);
  CHECK(ticks == stoppedAt);
}

TEST_CASE("stopping a periodic task does not wait out its interval", "[runtime]") {
  // An hour-long interval: were stop() to wait for it, the test would time out.
  std::atomic<int> ticks = 0;
  PeriodicTask task(std::chrono::hours(1), [&] { ++ticks; });
  task.start();
  task.stop();
  CHECK(ticks == 0);
}

TEST_CASE("stop returns only after the tick in progress has finished", "[runtime]") {
  std::atomic<bool> entered = false;
  std::atomic<bool> finished = false;
  PeriodicTask task(1ms, [&] {
    entered = true;
    std::this_thread::sleep_for(50ms);
    finished = true;
  });
  task.start();
  REQUIRE(eventually([&] { return entered.load(); }));
  task.stop();
  CHECK(finished);
}

TEST_CASE("a stopped periodic task starts again, and start and stop are idempotent", "[runtime]") {
  std::atomic<int> ticks = 0;
  PeriodicTask task(1ms, [&] { ++ticks; });
  task.stop();
  task.start();
  task.start();
  REQUIRE(eventually([&] { return ticks >= 1; }));
  task.stop();
  task.stop();
  const int firstRun = ticks;
  task.start();
  REQUIRE(eventually([&] { return ticks > firstRun; }));
}

} // namespace sgw::runtime
