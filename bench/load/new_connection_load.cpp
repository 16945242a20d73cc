// Load generator for the "new TLS connection per request" mode of the load benchmark: every
// request opens a TCP connection, makes a full TLS handshake (the client keeps no session and
// asks for no ticket, so nothing is resumed), POSTs the body with `Connection: close` and reads
// the whole response. wrk cannot be told reliably not to resume sessions.
//
//   new_connection_load --port N --body FILE [--path /validate] [--connections N] [--seconds S]
//
// Prints one line: requests=<n> errors=<n> seconds=<s> rps=<r> p50_us=<t> p99_us=<t>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Target {
  std::string address;
  int port = 0;
  std::string request; // the whole HTTP request, headers and body
};

int connectTo(const Target& target) {
  const int socketFd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (socketFd < 0) {
    return -1;
  }
  const int one = 1;
  ::setsockopt(socketFd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
  sockaddr_in peer{};
  peer.sin_family = AF_INET;
  peer.sin_port = htons(static_cast<std::uint16_t>(target.port));
  ::inet_pton(AF_INET, target.address.c_str(), &peer.sin_addr);
  if (::connect(socketFd, reinterpret_cast<const sockaddr*>(&peer), sizeof(peer)) != 0) {
    ::close(socketFd);
    return -1;
  }
  return socketFd;
}

// Reads until the peer closes or the Content-Length is complete; true for a 200.
bool readResponse(SSL* ssl) {
  std::string received;
  char buffer[16384];
  std::size_t expected = std::string::npos;
  while (true) {
    const int n = SSL_read(ssl, buffer, sizeof(buffer));
    if (n <= 0) {
      break;
    }
    received.append(buffer, static_cast<std::size_t>(n));
    const auto headerEnd = received.find("\r\n\r\n");
    if (headerEnd == std::string::npos) {
      continue;
    }
    if (expected == std::string::npos) {
      const auto lengthAt = received.find("Content-Length: ");
      if (lengthAt != std::string::npos && lengthAt < headerEnd) {
        expected = headerEnd + 4 + std::stoul(received.substr(lengthAt + 16));
      }
    }
    if (expected != std::string::npos && received.size() >= expected) {
      break;
    }
  }
  return received.rfind("HTTP/1.1 200", 0) == 0;
}

bool oneRequest(SSL_CTX* context, const Target& target) {
  const int socketFd = connectTo(target);
  if (socketFd < 0) {
    return false;
  }
  SSL* ssl = SSL_new(context);
  SSL_set_fd(ssl, socketFd);
  bool ok = SSL_connect(ssl) == 1 &&
            SSL_write(ssl, target.request.data(), static_cast<int>(target.request.size())) ==
                static_cast<int>(target.request.size()) &&
            readResponse(ssl);
  SSL_shutdown(ssl);
  SSL_free(ssl);
  ::close(socketFd);
  ERR_clear_error();
  return ok;
}

} // namespace

int main(int argc, char** argv) {
  CLI::App app{"new TLS connection per request load generator"};
  Target target{"127.0.0.1", 0, {}};
  std::string bodyFile;
  std::string path = "/validate";
  int connections = 4;
  double seconds = 5;
  app.add_option("--address", target.address, "Server address");
  app.add_option("--port", target.port, "Server port")->required();
  app.add_option("--body", bodyFile, "Request body")->required();
  app.add_option("--path", path, "Request path");
  app.add_option("--connections", connections, "Requests in flight")->check(CLI::Range(1, 256));
  app.add_option("--seconds", seconds, "Duration")->check(CLI::Range(0.1, 600.0));
  CLI11_PARSE(app, argc, argv);

  std::ifstream stream(bodyFile, std::ios::binary);
  std::ostringstream body;
  body << stream.rdbuf();
  target.request = "POST " + path + " HTTP/1.1\r\nHost: " + target.address +
                   "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " +
                   std::to_string(body.str().size()) + "\r\n\r\n" + body.str();

  SSL_CTX* context = SSL_CTX_new(TLS_client_method());
  SSL_CTX_set_verify(context, SSL_VERIFY_NONE, nullptr);
  SSL_CTX_set_session_cache_mode(context, SSL_SESS_CACHE_OFF);
  SSL_CTX_set_options(context, SSL_OP_NO_TICKET);

  std::atomic<std::size_t> errors{0};
  std::vector<std::vector<double>> latencies(static_cast<std::size_t>(connections));
  const auto started = Clock::now();
  const auto end = started + std::chrono::duration<double>(seconds);
  std::vector<std::thread> threads;
  for (int i = 0; i < connections; ++i) {
    threads.emplace_back([&, i] {
      auto& mine = latencies[static_cast<std::size_t>(i)];
      while (Clock::now() < end) {
        const auto before = Clock::now();
        if (!oneRequest(context, target)) {
          ++errors;
          continue;
        }
        mine.push_back(std::chrono::duration<double, std::micro>(Clock::now() - before).count());
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  const double elapsed = std::chrono::duration<double>(Clock::now() - started).count();
  std::vector<double> all;
  for (const auto& each : latencies) {
    all.insert(all.end(), each.begin(), each.end());
  }
  std::sort(all.begin(), all.end());
  const auto percentile = [&](double p) {
    return all.empty() ? 0.0
                       : all[static_cast<std::size_t>(p * static_cast<double>(all.size() - 1))];
  };
  std::printf("requests=%zu errors=%zu seconds=%.3f rps=%.1f p50_us=%.1f p99_us=%.1f\n", all.size(),
              errors.load(), elapsed, static_cast<double>(all.size()) / elapsed, percentile(0.5),
              percentile(0.99));
  SSL_CTX_free(context);
  return all.empty() ? 1 : 0;
}
