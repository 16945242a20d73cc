#include "sgw/runtime/periodic_task.h"

namespace sgw::runtime {

PeriodicTask::PeriodicTask(std::chrono::milliseconds interval, std::function<void()> tick)
    : interval_(interval), tick_(std::move(tick)) {}

PeriodicTask::~PeriodicTask() {
  stop();
}

void PeriodicTask::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) {
    return;
  }
  stopping_ = false;
  thread_ = std::thread([this] {
    std::unique_lock wakeLock(mutex_);
    while (!wake_.wait_for(wakeLock, interval_, [this] { return stopping_; })) {
      wakeLock.unlock();
      tick_();
      wakeLock.lock();
    }
  });
}

void PeriodicTask::stop() {
  std::thread running;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    running.swap(thread_);
  }
  wake_.notify_all();
  if (running.joinable()) {
    running.join();
  }
}

} // namespace sgw::runtime
