#include "sgw/http/bounded_task_queue.h"

namespace sgw::http {

BoundedTaskQueue::BoundedTaskQueue(std::size_t workers, std::size_t maxQueued,
                                   std::atomic<std::size_t>& waiting)
    : maxQueued_(maxQueued == 0 ? 1 : maxQueued), waiting_(waiting) {
  workers_.reserve(workers);
  for (std::size_t i = 0; i < (workers == 0 ? 1 : workers); ++i) {
    workers_.emplace_back([this] { work(); });
  }
}

BoundedTaskQueue::~BoundedTaskQueue() {
  shutdown();
}

void BoundedTaskQueue::enqueue(std::function<void()> task) {
  std::unique_lock lock(mutex_);
  hasRoom_.wait(lock, [this] { return tasks_.size() < maxQueued_ || shuttingDown_; });
  tasks_.push_back(std::move(task));
  waiting_ = tasks_.size();
  lock.unlock();
  hasTask_.notify_one();
}

void BoundedTaskQueue::shutdown() {
  {
    std::lock_guard lock(mutex_);
    if (shuttingDown_ && workers_.empty()) {
      return;
    }
    shuttingDown_ = true;
  }
  hasTask_.notify_all();
  hasRoom_.notify_all();
  for (auto& worker : workers_) {
    if (worker.joinable()) {
      worker.join();
    }
  }
  workers_.clear();
}

void BoundedTaskQueue::work() {
  while (true) {
    std::function<void()> task;
    {
      std::unique_lock lock(mutex_);
      hasTask_.wait(lock, [this] { return !tasks_.empty() || shuttingDown_; });
      if (tasks_.empty()) {
        return;
      }
      task = std::move(tasks_.front());
      tasks_.pop_front();
      waiting_ = tasks_.size();
    }
    hasRoom_.notify_one();
    task();
  }
}

} // namespace sgw::http
