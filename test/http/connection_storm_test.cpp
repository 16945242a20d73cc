#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cerrno>
#include <chrono>
#include <thread>

#include "support/https_client.h"
#include "support/running_server.h"

// Connections that never start a TLS handshake cannot take the workers: with four workers, a
// thousand silent connections leave probes and reviews answered, and ten thousand opened at once
// (more than the listen backlog holds) neither stop the server nor outlast their closing.

using sgw::test::FakeState;
using sgw::test::RunningServer;

namespace {

// Opens `count` TCP connections to `port` without waiting for them and without sending a byte.
// They are held by a child process, so that the server's ends and the clients' fit their own
// processes' file limits (20 000 on some machines, less than both ends of ten thousand).
class SilentConnections {
public:
  SilentConnections(int port, std::size_t count) {
    int opened[2];
    int release[2];
    if (::pipe(opened) != 0 || ::pipe(release) != 0) {
      return;
    }
    child_ = ::fork();
    if (child_ == 0) {
      // Only system calls from here on: the parent has threads.
      ::close(opened[0]);
      ::close(release[1]);
      rlimit limit{};
      ::getrlimit(RLIMIT_NOFILE, &limit);
      limit.rlim_cur = limit.rlim_max;
      ::setrlimit(RLIMIT_NOFILE, &limit);
      sockaddr_in address{};
      address.sin_family = AF_INET;
      address.sin_port = htons(static_cast<uint16_t>(port));
      address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      std::size_t made = 0;
      for (; made < count; ++made) {
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
        if (fd < 0) {
          break;
        }
        ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
      }
      [[maybe_unused]] const auto written = ::write(opened[1], &made, sizeof(made));
      char byte = 0;
      [[maybe_unused]] const auto read = ::read(release[0], &byte, 1); // until the parent closes
      ::_exit(0); // every connection closes with the process
    }
    ::close(opened[1]);
    ::close(release[0]);
    release_ = release[1];
    if (child_ < 0 || ::read(opened[0], &size_, sizeof(size_)) != sizeof(size_)) {
      size_ = 0;
    }
    ::close(opened[0]);
  }
  ~SilentConnections() {
    ::close(release_);
    if (child_ > 0) {
      ::waitpid(child_, nullptr, 0);
    }
  }
  SilentConnections(const SilentConnections&) = delete;
  SilentConnections& operator=(const SilentConnections&) = delete;

  std::size_t size() const { return size_; }

private:
  pid_t child_ = -1;
  int release_ = -1;
  std::size_t size_ = 0;
};

// Room for the server's end of every connection.
void raiseFileLimit(rlim_t wanted) {
  rlimit limit{};
  ::getrlimit(RLIMIT_NOFILE, &limit);
  if (limit.rlim_cur < wanted) {
    limit.rlim_cur = std::min(wanted, limit.rlim_max);
    ::setrlimit(RLIMIT_NOFILE, &limit);
  }
}

} // namespace

TEST_CASE("silent connections leave probes and reviews answered", "[http][server][connections]") {
  const std::size_t count = 1000;
  raiseFileLimit(count + 1024);
  RunningServer server(std::make_shared<FakeState>(sgw::test::examplesSnapshot()),
                       [](sgw::http::ServerOptions& options) {
                         options.workers = 4;
                         options.handshakeTimeout = std::chrono::milliseconds(1000);
                       });
  const SilentConnections silent(server.port(), count);
  INFO(silent.size() << " silent connections");
  CHECK(silent.size() == count);
  auto client = sgw::test::httpsClient(server.port(), server.certs());
  for (const char* probe : {"/healthz", "/readyz"}) {
    const auto result = client->Get(probe);
    REQUIRE(result);
    CHECK(result->status == 200);
  }
  const auto review =
      client->Post("/validate",
                   sgw::test::readFile(sgw::test::fixturePath(
                       "admission/050-validate-Kafka-UPDATE-gateway-api-test.json")),
                   "application/json");
  REQUIRE(review);
  CHECK(review->status == 200);
  CHECK(nlohmann::json::parse(review->body)["response"]["uid"] ==
        "ebeafb42-ecd2-40dc-b1ee-e05b6625d1a9");
}

TEST_CASE("ten thousand connections opened at once leave the server serving",
          "[http][server][connections]") {
  const std::size_t count = 10000;
  // The kernel defers the server's end until bytes arrive, or the deferral ends.
  raiseFileLimit(count + 1024);
  RunningServer server(std::make_shared<FakeState>(sgw::test::examplesSnapshot()),
                       [](sgw::http::ServerOptions& options) {
                         options.workers = 4;
                         options.handshakeTimeout = std::chrono::milliseconds(1000);
                       });
  const auto body = sgw::test::readFile(
      sgw::test::fixturePath("admission/050-validate-Kafka-UPDATE-gateway-api-test.json"));
  // Beyond the SYN backlog the kernel answers with SYN cookies, and a connection made so
  // reaches the server as soon as its TCP handshake ends, maybe before its first bytes: the server
  // closes it as it closes the storm's silent ones, which must not hold a worker. Once the flood
  // of those has been closed, new connections wait in the kernel until they speak again. The API
  // server's webhook client retries a connection reset or closed before an answer; so does this
  // one, for up to five seconds.
  const auto answered = [](const auto& call) {
    for (int attempt = 0; attempt < 20; ++attempt) {
      auto result = call();
      if (result || (result.error() != httplib::Error::SSLConnection &&
                     result.error() != httplib::Error::Read &&
                     result.error() != httplib::Error::Connection)) {
        return result;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
    return call();
  };
  const auto reviewAnswered = [&] {
    auto client = sgw::test::httpsClient(server.port(), server.certs());
    const auto health = answered([&] { return client->Get("/healthz"); });
    const auto review =
        answered([&] { return client->Post("/validate", body, "application/json"); });
    return health && health->status == 200 && review && review->status == 200 &&
           nlohmann::json::parse(review->body)["response"]["uid"] ==
               "ebeafb42-ecd2-40dc-b1ee-e05b6625d1a9";
  };
  {
    const SilentConnections storm(server.port(), count);
    INFO(storm.size() << " connections opened");
    CHECK(storm.size() == count);
    CHECK(reviewAnswered());
  }
  // All of them closed at once: the server goes on as before.
  CHECK(reviewAnswered());
}

TEST_CASE("a half-sent handshake gives its worker back within the handshake timeout",
          "[http][server][connections]") {
  RunningServer server(std::make_shared<FakeState>(), [](sgw::http::ServerOptions& options) {
    options.workers = 2;
    options.handshakeTimeout = std::chrono::milliseconds(500);
    options.requestTimeout = std::chrono::seconds(30);
    options.readTimeout = std::chrono::seconds(30);
  });
  // Both workers get a connection that sends the first bytes of a TLS record and stops.
  std::vector<int> stalled;
  for (int i = 0; i < 2; ++i) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(server.port()));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0);
    const char partial[] = {0x16, 0x03, 0x01};
    REQUIRE(::send(fd, partial, sizeof(partial), MSG_NOSIGNAL) == 3);
    stalled.push_back(fd);
  }
  // The server closes them (a read returns end of stream), long before the request timeout,
  // and a well-behaved client is served.
  for (const int fd : stalled) {
    timeval timeout{10, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
    char byte = 0;
    const auto read = ::recv(fd, &byte, 1, 0);
    const bool closed = read == 0 || (read < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
    CHECK(closed);
    ::close(fd);
  }
  const auto health = sgw::test::httpsClient(server.port(), server.certs())->Get("/healthz");
  REQUIRE(health);
  CHECK(health->status == 200);
  CHECK(server.metrics().value(sgw::observability::kRejectedRequestsTotal, {{"code", "timeout"}}) ==
        2);
}
