#define CATCH_CONFIG_RUNNER
#include <spdlog/spdlog.h>

#include <catch2/catch.hpp>
#include <csignal>
#include <cstdlib>

int main(int argc, char* argv[]) {
  // Tests cut connections on purpose; a write to one must fail, not kill the test binary.
  std::signal(SIGPIPE, SIG_IGN);
  // In-process servers log every review; tests assert on responses and metrics, so only
  // problems are worth printing. SGW_TEST_LOG=debug shows everything.
  const char* level = std::getenv("SGW_TEST_LOG");
  spdlog::set_level(level != nullptr ? spdlog::level::from_str(level) : spdlog::level::err);
  return Catch::Session().run(argc, argv);
}
