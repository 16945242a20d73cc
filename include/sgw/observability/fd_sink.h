#pragma once

#include <spdlog/sinks/base_sink.h>

#include <cstddef>
#include <mutex>

namespace sgw::observability {

// A log sink that gathers formatted lines in memory and writes them to a file descriptor when
// its logger flushes, when `writeOutBytes` have gathered, and when it is destroyed. spdlog's
// console sinks write and flush every line, holding their mutex across the write: on a busy
// server the review threads then queue on that mutex. Here a line costs a copy under the mutex;
// which lines go out at once is the logger's `flush_on` level.
class FdSink final : public spdlog::sinks::base_sink<std::mutex> {
public:
  explicit FdSink(int fd, std::size_t writeOutBytes = 64 * 1024);
  ~FdSink() override;
  FdSink(const FdSink&) = delete;
  FdSink& operator=(const FdSink&) = delete;

protected:
  void sink_it_(const spdlog::details::log_msg& message) override;
  void flush_() override;

private:
  int fd_;
  std::size_t writeOutBytes_;
  spdlog::memory_buf_t pending_;
};

} // namespace sgw::observability
