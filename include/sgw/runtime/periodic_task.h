#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace sgw::runtime {

// A background thread that calls `tick` every `interval` until stopped: the pollers of the
// serving certificate and the state folder, the connection watchdog's scan.
//
// Threads: start() and stop() come from the owner's thread; `tick` runs on the task's own thread,
// never concurrently with itself. stop() wakes the thread at once instead of waiting out the
// interval, and returns after the tick in progress, if any, has finished, so the owner may then
// destroy what `tick` uses. Declare the task after those members so it is destroyed first.
class PeriodicTask {
public:
  PeriodicTask(std::chrono::milliseconds interval, std::function<void()> tick);
  ~PeriodicTask();

  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

  // Starts the thread; the first tick comes one interval later. Does nothing when running.
  void start();
  // Stops and joins the thread; start() may follow. Does nothing when not running.
  void stop();

private:
  const std::chrono::milliseconds interval_;
  const std::function<void()> tick_;

  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

} // namespace sgw::runtime
