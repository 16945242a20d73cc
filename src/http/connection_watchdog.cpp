#include "sgw/http/connection_watchdog.h"

#include <sys/socket.h>

#include <algorithm>
#include <vector>

namespace sgw::http {

namespace {

// Index of the SSL_CTX ex_data slot that points back at the watchdog.
int contextIndex() {
  static const int kIndex = SSL_CTX_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
  return kIndex;
}

char gTrackedMarker = 0;

} // namespace

ConnectionWatchdog::ConnectionWatchdog(Options options, Hooks hooks)
    : options_(options), hooks_(std::move(hooks)),
      scanner_(options_.scanInterval, [this] { scan(); }) {
  // The free callback learns about every SSL object of the process; `argp` brings it back here.
  sslIndex_ = SSL_get_ex_new_index(0, this, nullptr, nullptr, &ConnectionWatchdog::onFree);
}

ConnectionWatchdog::~ConnectionWatchdog() {
  stop();
  CRYPTO_free_ex_index(CRYPTO_EX_INDEX_SSL, sslIndex_);
}

void ConnectionWatchdog::install(SSL_CTX* context) {
  SSL_CTX_set_ex_data(context, contextIndex(), this);
  SSL_CTX_set_info_callback(context, &ConnectionWatchdog::onInfo);
}

void ConnectionWatchdog::start() {
  scanner_.start();
}

void ConnectionWatchdog::stop() {
  scanner_.stop();
}

void ConnectionWatchdog::onInfo(const SSL* ssl, int where, int /*ret*/) {
  if ((where & (SSL_CB_HANDSHAKE_START | SSL_CB_HANDSHAKE_DONE)) == 0) {
    return;
  }
  auto* watchdog =
      static_cast<ConnectionWatchdog*>(SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl), contextIndex()));
  if (watchdog == nullptr) {
    return;
  }
  if ((where & SSL_CB_HANDSHAKE_START) != 0) {
    watchdog->track(ssl);
  }
  if ((where & SSL_CB_HANDSHAKE_DONE) != 0) {
    watchdog->handshakeDone(ssl);
  }
}

void ConnectionWatchdog::handshakeDone(const SSL* ssl) {
  std::lock_guard lock(mutex_);
  const auto found = connections_.find(ssl);
  if (found != connections_.end() && !found->second.handshaken) {
    found->second.handshaken = true;
    found->second.deadline = std::chrono::steady_clock::now() + options_.requestBudget;
  }
}

void ConnectionWatchdog::onFree(void* parent, void* pointer, CRYPTO_EX_DATA* /*data*/,
                                int /*index*/, long /*argl*/, void* argp) {
  if (pointer == &gTrackedMarker && argp != nullptr) {
    static_cast<ConnectionWatchdog*>(argp)->untrack(static_cast<const SSL*>(parent));
  }
}

void ConnectionWatchdog::track(const SSL* ssl) {
  bool closedSilent = false;
  {
    std::lock_guard lock(mutex_);
    if (connections_.count(ssl) != 0) {
      return; // a later handshake message on a tracked connection
    }
    closedSilent = trackLocked(ssl);
  }
  if (hooks_.connectionOpened) {
    hooks_.connectionOpened();
  }
  if (closedSilent && hooks_.connectionTimedOut) {
    hooks_.connectionTimedOut();
  }
}

bool ConnectionWatchdog::trackLocked(const SSL* ssl) {
  Connection connection;
  connection.fd = SSL_get_fd(ssl);
  const bool silent = !hasPendingBytes(connection.fd);
  connection.deadline = std::chrono::steady_clock::now() +
                        (silent ? options_.silentBudget : options_.handshakeBudget);
  auto& tracked = connections_.emplace(ssl, connection).first->second;
  bool closedSilent = false;
  if (silent && options_.silentBudget.count() == 0) {
    // The worker's handshake then reads the end of the stream and gives the worker back.
    closeLocked(tracked);
    closedSilent = true;
  }
  // OpenSSL's ex_data API takes a mutable SSL; the marker only tells onFree to untrack.
  SSL_set_ex_data(const_cast<SSL*>(ssl), sslIndex_, &gTrackedMarker);
  return closedSilent;
}

void ConnectionWatchdog::untrack(const SSL* ssl) {
  std::lock_guard lock(mutex_);
  connections_.erase(ssl);
}

void ConnectionWatchdog::requestStarted(const SSL* ssl) {
  std::lock_guard lock(mutex_);
  const auto found = connections_.find(ssl);
  if (found != connections_.end()) {
    found->second.idle = false;
    found->second.deadline = std::chrono::steady_clock::now() + options_.requestBudget;
  }
}

void ConnectionWatchdog::requestFinished(const SSL* ssl) {
  std::lock_guard lock(mutex_);
  const auto found = connections_.find(ssl);
  if (found != connections_.end()) {
    const auto now = std::chrono::steady_clock::now();
    found->second.idle = true;
    found->second.idleSince = now;
    found->second.deadline = now + options_.keepAliveIdle + options_.requestBudget;
  }
}

void ConnectionWatchdog::drain() {
  {
    std::lock_guard lock(mutex_);
    draining_ = true;
  }
  scan();
}

std::size_t ConnectionWatchdog::trackedConnections() const {
  std::lock_guard lock(mutex_);
  return connections_.size();
}

bool ConnectionWatchdog::hasPendingBytes(int fd) {
  char byte = 0;
  return ::recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT) > 0;
}

void ConnectionWatchdog::closeLocked(Connection& connection) {
  if (!connection.closed && connection.fd >= 0) {
    // shutdown, not close: the worker still owns the descriptor and closes it after SSL_free.
    ::shutdown(connection.fd, SHUT_RDWR);
    connection.closed = true;
  }
}

void ConnectionWatchdog::scan() {
  const auto now = std::chrono::steady_clock::now();
  std::size_t timedOut = 0;
  {
    std::lock_guard lock(mutex_);
    std::vector<Connection*> idle;
    for (auto& [ssl, connection] : connections_) {
      if (connection.closed) {
        continue;
      }
      if (connection.deadline < now) {
        closeLocked(connection);
        ++timedOut;
        continue;
      }
      if (connection.idle && now - connection.idleSince >= options_.idleBeforeGivingWay &&
          !hasPendingBytes(connection.fd)) {
        idle.push_back(&connection);
      }
    }
    std::size_t toClose =
        draining_ ? idle.size() : std::min(idle.size(), hooks_.waitingConnections());
    std::sort(idle.begin(), idle.end(),
              [](const Connection* a, const Connection* b) { return a->idleSince < b->idleSince; });
    for (std::size_t i = 0; i < toClose; ++i) {
      closeLocked(*idle[i]);
    }
  }
  for (std::size_t i = 0; i < timedOut && hooks_.connectionTimedOut; ++i) {
    hooks_.connectionTimedOut();
  }
}

} // namespace sgw::http
