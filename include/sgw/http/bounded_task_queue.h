#pragma once

#include <httplib.h>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace sgw::http {

// cpp-httplib's worker pool with a bound on waiting connections. cpp-httplib serves one
// connection per worker for the connection's whole life; when every worker is busy, accepted
// connections wait here, and once `maxQueued` wait, enqueue() blocks the accept loop so further
// clients wait in the kernel's listen backlog instead of in memory.
//
// Threads: the accept loop calls enqueue(); workers pop; waiting() may be read from any thread.
class BoundedTaskQueue : public httplib::TaskQueue {
public:
  // `waiting` is owned by the server, which outlives the queue cpp-httplib creates per listen.
  BoundedTaskQueue(std::size_t workers, std::size_t maxQueued, std::atomic<std::size_t>& waiting);
  ~BoundedTaskQueue() override;

  void enqueue(std::function<void()> task) override;
  // Runs every queued task, then joins the workers.
  void shutdown() override;

private:
  void work();

  const std::size_t maxQueued_;
  std::mutex mutex_;
  std::condition_variable hasTask_;
  std::condition_variable hasRoom_;
  std::deque<std::function<void()>> tasks_;
  std::atomic<std::size_t>& waiting_; // connections accepted but not yet picked up
  bool shuttingDown_ = false;
  std::vector<std::thread> workers_;
};

} // namespace sgw::http
