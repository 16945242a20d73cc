#include <catch2/catch.hpp>
#include <future>
#include <mutex>
#include <string>
#include <vector>

#include "sgw/http/bounded_task_queue.h"

namespace {

// A task that tells when it has started and then waits to be let go, so the worker running it is
// known to be busy.
struct BlockingTask {
  std::promise<void> startedPromise;
  std::future<void> started = startedPromise.get_future();
  std::promise<void> release;
  std::shared_future<void> gate = release.get_future().share();

  std::function<void()> task() {
    return [this] {
      startedPromise.set_value();
      gate.wait();
    };
  }
};

} // namespace

TEST_CASE("tasks wait while the worker is busy and run in order", "[http][task-queue]") {
  std::atomic<std::size_t> waiting{0};
  std::mutex mutex;
  std::vector<std::string> ran;
  const auto record = [&](const std::string& name) {
    return [&, name] {
      std::lock_guard lock(mutex);
      ran.push_back(name);
    };
  };
  BlockingTask first;
  sgw::http::BoundedTaskQueue queue(1, 10, waiting);
  queue.enqueue(first.task());
  first.started.wait();
  queue.enqueue(record("b"));
  queue.enqueue(record("c"));
  queue.enqueue(record("d"));
  // The one worker is held by the first task: the other three wait.
  CHECK(waiting == 3);
  first.release.set_value();
  // Shutting down runs what is queued before the workers stop.
  queue.shutdown();
  CHECK(ran == std::vector<std::string>{"b", "c", "d"});
  CHECK(waiting == 0);
  // A second shutdown (and the destructor after it) has nothing left to do.
  queue.shutdown();
}

TEST_CASE("zero workers or a zero bound still make a queue that runs tasks", "[http][task-queue]") {
  std::atomic<std::size_t> waiting{0};
  std::promise<int> result;
  {
    sgw::http::BoundedTaskQueue queue(0, 0, waiting);
    queue.enqueue([&result] { result.set_value(42); });
  } // the destructor shuts the queue down after the task
  CHECK(result.get_future().get() == 42);
  CHECK(waiting == 0);
}

TEST_CASE("several workers serve tasks side by side", "[http][task-queue]") {
  std::atomic<std::size_t> waiting{0};
  BlockingTask a;
  BlockingTask b;
  sgw::http::BoundedTaskQueue queue(2, 1, waiting);
  queue.enqueue(a.task());
  queue.enqueue(b.task());
  // Both blocking tasks have started: two workers are busy at once.
  a.started.wait();
  b.started.wait();
  CHECK(waiting == 0);
  a.release.set_value();
  b.release.set_value();
  queue.shutdown();
}
