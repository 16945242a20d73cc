#include <fcntl.h>
#include <spdlog/logger.h>
#include <unistd.h>

#include <array>
#include <catch2/catch.hpp>
#include <memory>
#include <string>

#include "sgw/observability/fd_sink.h"

using sgw::observability::FdSink;

namespace {

// A pipe whose read end never blocks, so "nothing written yet" reads as an empty string.
class Pipe {
public:
  Pipe() {
    REQUIRE(::pipe(ends_.data()) == 0);
    REQUIRE(::fcntl(ends_[0], F_SETFL, O_NONBLOCK) == 0);
  }
  ~Pipe() {
    ::close(ends_[0]);
    closeWriteEnd();
  }
  Pipe(const Pipe&) = delete;
  Pipe& operator=(const Pipe&) = delete;

  int writeEnd() const { return ends_[1]; }
  void closeWriteEnd() {
    if (ends_[1] >= 0) {
      ::close(ends_[1]);
      ends_[1] = -1;
    }
  }
  std::string drain() const {
    std::string text;
    std::array<char, 4096> chunk{};
    ssize_t got = 0;
    while ((got = ::read(ends_[0], chunk.data(), chunk.size())) > 0) {
      text.append(chunk.data(), static_cast<std::size_t>(got));
    }
    return text;
  }

private:
  std::array<int, 2> ends_{-1, -1};
};

std::shared_ptr<spdlog::logger> loggerOn(const std::shared_ptr<FdSink>& sink,
                                         spdlog::level::level_enum flushLevel) {
  auto logger = std::make_shared<spdlog::logger>("fd-sink-test", sink);
  logger->set_pattern("%l %v");
  logger->flush_on(flushLevel);
  return logger;
}

} // namespace

TEST_CASE("a line below the flush level waits for the next flush, in order",
          "[observability][log]") {
  Pipe pipe;
  const auto logger = loggerOn(std::make_shared<FdSink>(pipe.writeEnd()), spdlog::level::warn);
  logger->info("review one");
  logger->info("review two");
  CHECK(pipe.drain().empty());
  logger->warn("watch restarted");
  CHECK(pipe.drain() == "info review one\ninfo review two\nwarning watch restarted\n");
  logger->info("review three");
  CHECK(pipe.drain().empty());
  logger->flush();
  CHECK(pipe.drain() == "info review three\n");
}

TEST_CASE("lines are written out once enough have gathered", "[observability][log]") {
  Pipe pipe;
  const auto logger = loggerOn(std::make_shared<FdSink>(pipe.writeEnd(), 64), spdlog::level::warn);
  const std::string line(20, 'x'); // 26 bytes with "info " and the newline
  logger->info(line);
  logger->info(line);
  CHECK(pipe.drain().empty());
  logger->info(line);
  CHECK(pipe.drain() == "info " + line + "\ninfo " + line + "\ninfo " + line + "\n");
}

TEST_CASE("a sink writes what it holds when it goes", "[observability][log]") {
  Pipe pipe;
  {
    const auto logger = loggerOn(std::make_shared<FdSink>(pipe.writeEnd()), spdlog::level::warn);
    logger->info("last review");
  }
  CHECK(pipe.drain() == "info last review\n");
}

TEST_CASE("a descriptor that cannot be written loses the lines, not the process",
          "[observability][log]") {
  const int readOnly = ::open("/dev/null", O_RDONLY);
  REQUIRE(readOnly >= 0);
  {
    const auto logger = loggerOn(std::make_shared<FdSink>(readOnly), spdlog::level::info);
    CHECK_NOTHROW(logger->info("nowhere to go"));
    CHECK_NOTHROW(logger->flush());
  }
  ::close(readOnly);
}
