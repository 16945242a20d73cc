#pragma once

#include <openssl/ssl.h>

#include <chrono>
#include <functional>
#include <map>
#include <mutex>

#include "sgw/runtime/periodic_task.h"

namespace sgw::http {

// Closes connections that a thread-per-connection server cannot afford to keep:
// - a connection whose TLS handshake has not completed within `handshakeBudget` of its start
//   (`silentBudget` when the client had sent nothing by then):
//   a client that connects and stays silent, or sends half a ClientHello, gives its worker back
//   within that budget, far sooner than the request budget;
// - a connection whose request has not been read and answered within `requestBudget` (after
//   the handshake, or after the keep-alive idle time that follows a response): slow clients
//   that trickle bytes cannot hold a worker forever;
// - idle keep-alive connections, oldest first, while accepted connections wait for a worker,
//   once idle for `idleBeforeGivingWay`: a connection counts as idle from its response until its
//   next request's headers are parsed, so one idle only a moment may already have its next
//   request read into the worker, and closing it would fail that request;
// - every idle connection once the server drains, so shutdown does not wait out keep-alives.
// Connections are tracked by their SSL object from the start of the handshake until SSL_free,
// which cpp-httplib calls before closing the socket, so a tracked descriptor is never reused.
//
// Threads: OpenSSL callbacks (worker threads), requestStarted/Finished (worker threads) and the
// watchdog thread share `connections_` under `mutex_`.
class ConnectionWatchdog {
public:
  struct Options {
    std::chrono::milliseconds handshakeBudget{2000};
    // The budget instead of `handshakeBudget` for a connection with not one byte to read when
    // its handshake starts; zero closes it there and then. Behind TCP_DEFER_ACCEPT only silent
    // connections (whose defer time ran out, or that came through SYN cookies) arrive so.
    std::chrono::milliseconds silentBudget{2000};
    std::chrono::milliseconds requestBudget{10000};
    std::chrono::milliseconds keepAliveIdle{30000};
    std::chrono::milliseconds scanInterval{100};
    std::chrono::milliseconds idleBeforeGivingWay{250};
  };

  // What the watchdog asks and tells its server.
  struct Hooks {
    std::function<std::size_t()> waitingConnections; // accepted, not yet given a worker
    std::function<void()> connectionOpened;
    std::function<void()> connectionTimedOut;
  };

  ConnectionWatchdog(Options options, Hooks hooks);
  ~ConnectionWatchdog();

  ConnectionWatchdog(const ConnectionWatchdog&) = delete;
  ConnectionWatchdog& operator=(const ConnectionWatchdog&) = delete;

  // Hooks the watchdog into every connection of `context`.
  void install(SSL_CTX* context);
  void start();
  void stop();

  // A request's headers have been read on `ssl`: it is no longer idle.
  void requestStarted(const SSL* ssl);
  // A response has been written on `ssl`: it may now idle until the next request.
  void requestFinished(const SSL* ssl);
  // Close idle connections now and from now on (graceful shutdown).
  void drain();

  std::size_t trackedConnections() const;

private:
  struct Connection {
    int fd = -1;
    bool handshaken = false;
    bool idle = false;
    std::chrono::steady_clock::time_point idleSince;
    std::chrono::steady_clock::time_point deadline;
    bool closed = false;
  };

  static void onInfo(const SSL* ssl, int where, int ret);
  static void onFree(void* parent, void* pointer, CRYPTO_EX_DATA* data, int index, long argl,
                     void* argp);
  void track(const SSL* ssl);
  void handshakeDone(const SSL* ssl);
  // Returns true when the connection was silent and closed at once.
  bool trackLocked(const SSL* ssl);
  void untrack(const SSL* ssl);
  void scan();
  void closeLocked(Connection& connection);
  static bool hasPendingBytes(int fd);

  const Options options_;
  const Hooks hooks_;
  int sslIndex_ = -1;

  mutable std::mutex mutex_;
  std::map<const SSL*, Connection> connections_;
  bool draining_ = false;

  runtime::PeriodicTask scanner_;
};

} // namespace sgw::http
