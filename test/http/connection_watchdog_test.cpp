#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <thread>

#include "sgw/http/connection_watchdog.h"
#include "support/eventually.h"

// The watchdog on its own: server-side SSL objects on one end of a socket pair, the test on the
// other end reading whether the watchdog shut the connection down.

using sgw::http::ConnectionWatchdog;
using sgw::test::eventually;
using namespace std::chrono_literals;

namespace {

// One server-side connection whose handshake has started (the watchdog tracks it from then).
class ServerEnd {
public:
  explicit ServerEnd(SSL_CTX* context) {
    REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, fds_) == 0);
    ssl_ = SSL_new(context);
    SSL_set_fd(ssl_, fds_[0]);
    SSL_set_accept_state(ssl_);
    // Starts the handshake; with nothing to read it returns at once, wanting more.
    SSL_do_handshake(ssl_);
  }
  ~ServerEnd() {
    free();
    ::close(fds_[0]);
    ::close(fds_[1]);
  }
  ServerEnd(const ServerEnd&) = delete;
  ServerEnd& operator=(const ServerEnd&) = delete;

  const SSL* ssl() const { return ssl_; }
  // What the worker does when the connection ends: the watchdog forgets it.
  void free() {
    if (ssl_ != nullptr) {
      SSL_free(ssl_);
      ssl_ = nullptr;
    }
  }
  // The client end sees the end of the stream once the watchdog has shut the connection down.
  bool shutDown() const {
    char byte = 0;
    return ::recv(fds_[1], &byte, 1, MSG_DONTWAIT) == 0;
  }

private:
  int fds_[2] = {-1, -1};
  SSL* ssl_ = nullptr;
};

struct Fixture {
  std::atomic<std::size_t> waiting{0};
  std::atomic<int> opened{0};
  std::atomic<int> timedOut{0};
  SSL_CTX* context = SSL_CTX_new(TLS_server_method());
  ConnectionWatchdog watchdog;

  explicit Fixture(ConnectionWatchdog::Options options)
      // A waiting connection is seen by one scan, as a worker then picks it up.
      : watchdog(options, {[this] { return waiting.exchange(0); }, [this] { ++opened; },
                           [this] { ++timedOut; }}) {
    watchdog.install(context);
    watchdog.start();
  }
  ~Fixture() {
    watchdog.stop();
    SSL_CTX_free(context);
  }
  Fixture(const Fixture&) = delete;
  Fixture& operator=(const Fixture&) = delete;
};

} // namespace

TEST_CASE("watchdog: a handshake that does not finish in time is shut down", "[http][watchdog]") {
  Fixture fixture({200ms, 200ms, 60s, 60s, 20ms});
  ServerEnd connection(fixture.context);
  CHECK(fixture.watchdog.trackedConnections() == 1);
  CHECK(fixture.opened == 1);
  CHECK(eventually([&] { return connection.shutDown(); }));
  CHECK(fixture.timedOut == 1);
  // Freeing the SSL object (the worker closing the connection) untracks it.
  connection.free();
  CHECK(fixture.watchdog.trackedConnections() == 0);
}

TEST_CASE("watchdog: a connection silent when its handshake starts can be closed at once",
          "[http][watchdog]") {
  Fixture fixture({60s, 0ms, 60s, 60s, 60s});
  ServerEnd connection(fixture.context);
  // No scan has run (the interval is a minute): the close came with the handshake's start.
  CHECK(connection.shutDown());
  CHECK(fixture.timedOut == 1);
}

TEST_CASE("watchdog: a request in progress has the request budget, not the handshake budget",
          "[http][watchdog]") {
  Fixture fixture({50ms, 50ms, 60s, 60s, 10ms});
  ServerEnd connection(fixture.context);
  fixture.watchdog.requestStarted(connection.ssl());
  // Several scans later it is still open: the request budget is a minute.
  std::this_thread::sleep_for(300ms);
  CHECK_FALSE(connection.shutDown());
  CHECK(fixture.timedOut == 0);
}

TEST_CASE("watchdog: idle keep-alive connections give way only while others wait",
          "[http][watchdog]") {
  Fixture fixture({60s, 60s, 60s, 60s, 10ms});
  ServerEnd older(fixture.context);
  ServerEnd newer(fixture.context);
  fixture.watchdog.requestStarted(older.ssl());
  fixture.watchdog.requestFinished(older.ssl());
  fixture.watchdog.requestStarted(newer.ssl());
  fixture.watchdog.requestFinished(newer.ssl());
  // Both idle past idleBeforeGivingWay (250 ms), so either may give way.
  std::this_thread::sleep_for(300ms);
  CHECK_FALSE(older.shutDown());
  CHECK_FALSE(newer.shutDown());
  // One connection waits for a worker: the connection idle the longest is closed, only it.
  fixture.waiting = 1;
  CHECK(eventually([&] { return older.shutDown(); }));
  std::this_thread::sleep_for(100ms);
  CHECK_FALSE(newer.shutDown());
  // Draining closes every idle connection.
  fixture.watchdog.drain();
  CHECK(newer.shutDown());
  CHECK(fixture.timedOut == 0);
}

TEST_CASE("watchdog: a connection idle only a moment does not give way to a waiting one",
          "[http][watchdog]") {
  ConnectionWatchdog::Options options{60s, 60s, 60s, 60s, 10ms};
  options.idleBeforeGivingWay = 2s;
  Fixture fixture(options);
  ServerEnd connection(fixture.context);
  fixture.watchdog.requestStarted(connection.ssl());
  fixture.watchdog.requestFinished(connection.ssl());
  // Between a response and the next request's headers a connection counts as idle, though its
  // next request may already be in the worker: a waiting connection must not take its place.
  for (int scan = 0; scan < 20; ++scan) {
    fixture.waiting = 1;
    std::this_thread::sleep_for(10ms);
  }
  CHECK_FALSE(connection.shutDown());
  // Idle past idleBeforeGivingWay, it gives way.
  CHECK(eventually([&] {
    fixture.waiting = 1;
    return connection.shutDown();
  }));
  CHECK(fixture.timedOut == 0);
}
