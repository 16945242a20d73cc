#include "sgw/observability/fd_sink.h"

#include <unistd.h>

#include <cerrno>

namespace sgw::observability {

FdSink::FdSink(int fd, std::size_t writeOutBytes) : fd_(fd), writeOutBytes_(writeOutBytes) {}

FdSink::~FdSink() {
  const std::lock_guard lock(mutex_);
  flush_();
}

void FdSink::sink_it_(const spdlog::details::log_msg& message) {
  formatter_->format(message, pending_);
  if (pending_.size() >= writeOutBytes_) {
    flush_();
  }
}

void FdSink::flush_() {
  const char* data = pending_.data();
  std::size_t left = pending_.size();
  while (left > 0) {
    const ssize_t written = ::write(fd_, data, left);
    if (written < 0 && errno == EINTR) {
      continue;
    }
    // A closed or full descriptor loses the lines rather than stopping the process.
    if (written <= 0) {
      break;
    }
    data += written;
    left -= static_cast<std::size_t>(written);
  }
  pending_.clear();
}

} // namespace sgw::observability
