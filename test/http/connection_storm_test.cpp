#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cerrno>

#include "support/https_client.h"
#include "support/running_server.h"

// Connections that never start a TLS handshake cannot take the workers: with four workers, a
// thousand silent connections leave probes and reviews answered, and ten thousand opened at once
// (more than the listen backlog holds) neither stop the server nor outlast their closing.

using sgw::test::FakeState;
using sgw::test::RunningServer;

namespace {

// Opens `count` TCP connections to `port` without waiting for them and without sending a byte.
class SilentConnections {
public:
  SilentConnections(int port, std::size_t count) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    for (std::size_t i = 0; i < count; ++i) {
      const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
      if (fd < 0) {
        break;
      }
      ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
      fds_.push_back(fd);
    }
  }
  ~SilentConnections() {
    for (const int fd : fds_) {
      ::close(fd);
    }
  }
  SilentConnections(const SilentConnections&) = delete;
  SilentConnections& operator=(const SilentConnections&) = delete;

  std::size_t size() const { return fds_.size(); }

private:
  std::vector<int> fds_;
};

// Room for both ends of every connection in this process.
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
  // Both ends live in this process; the kernel defers the server's end until bytes arrive.
  raiseFileLimit(2 * count + 1024);
  RunningServer server(std::make_shared<FakeState>(sgw::test::examplesSnapshot()),
                       [](sgw::http::ServerOptions& options) {
                         options.workers = 4;
                         options.handshakeTimeout = std::chrono::milliseconds(1000);
                       });
  const auto body = sgw::test::readFile(
      sgw::test::fixturePath("admission/050-validate-Kafka-UPDATE-gateway-api-test.json"));
  const auto reviewAnswered = [&] {
    auto client = sgw::test::httpsClient(server.port(), server.certs());
    const auto health = client->Get("/healthz");
    const auto review = client->Post("/validate", body, "application/json");
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
