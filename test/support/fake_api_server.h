#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "support/dev_certs.h"
#include "support/temp_dir.h"

namespace httplib {
class SSLServer;
struct Request;
struct Response;
} // namespace httplib

namespace sgw::test {

// An HTTPS stand-in for kube-apiserver on 127.0.0.1, for watch-cache tests. It serves API
// discovery, LIST (limit/continue, labelSelector, fieldSelector=metadata.name), GET, WATCH
// (chunked, one JSON event per line, bookmarks when asked for), server-side apply (a PATCH of
// application/apply-patch+yaml replaces or creates the object; no field ownership is kept) and
// DELETE over a store the test fills with
// recorded lists and events, and misbehaves on request: scripted answers (410, 404, a recorded
// body with its own chunking, a stream cut in the middle of an event), cut streams, downtime.
// Every request is recorded.
//
// Threads: cpp-httplib's worker threads serve requests; the test thread changes the store.
// Everything shared is guarded by mutex_; watches wait on changed_.
class FakeApiServer {
public:
  struct Request {
    std::string method;
    std::string path;
    std::map<std::string, std::string> params;
    std::string authorization;
    // How many cutWatches() calls came before this request: a watch ends at the next one, even
    // when the cut comes before the watch's stream has started.
    std::uint64_t cutsBefore = 0;
    std::string contentType;
    std::string body;
    bool isWatch() const;
    std::string param(const std::string& name) const;
    // "path?a=1&b=2" with the parameters in name order, as cpp-httplib decoded them.
    std::string toString() const;
  };

  // One canned answer, used once by the next request it matches.
  struct Scripted {
    int status = 200;
    std::vector<std::string> chunks; // body pieces, each sent as one HTTP chunk
    bool cut = false;                // end the connection after the chunks, without the last chunk
    std::chrono::milliseconds delay{0};
    bool passThrough = false; // answer as usual (lets a later script hit the second request)
  };
  enum class Verb { List, Watch, Get, Apply, Delete };

  explicit FakeApiServer(const DevCerts& certificates, bool requireClientCertificate = false);
  ~FakeApiServer();

  FakeApiServer(const FakeApiServer&) = delete;
  FakeApiServer& operator=(const FakeApiServer&) = delete;

  // Listens on `port` (0: any free one) and returns the port once accepting.
  int start(int port = 0);
  void stop();
  int port() const { return port_; }
  // A port nothing listens on (briefly bound, then released), for a server that is down.
  static int unusedPort();

  // Serves `plural` of `group` at `version` (discovery documents). The core group needs none.
  void serveResource(const std::string& group, const std::string& version,
                     const std::string& plural);
  void unserveGroup(const std::string& group);
  // The Strimzi and Gateway API resources as the recordings' cluster served them.
  void serveRecordedCluster();
  // serveRecordedCluster, holding the recorded objects: the seed's Kafka, pools, routes, Gateway,
  // Strimzi Services and the certificate Secret, as the API server listed them.
  void loadRecordedCluster();

  // Replaces the objects of a collection with the items of a recorded LIST.
  void loadList(const std::string& plural, const nlohmann::json& list);
  // Applies a watch event line ({"type","object"}) to the store and to the watch log.
  void applyEvent(const std::string& plural, const nlohmann::json& event);
  void bookmark(const std::string& plural, const std::string& resourceVersion);
  // Watches from a resourceVersion below `resourceVersion` get an ERROR 410 event.
  void compactBefore(int resourceVersion);
  int currentResourceVersion() const;
  std::optional<nlohmann::json> object(const std::string& plural, const std::string& namespace_,
                                       const std::string& name) const;

  void script(Verb verb, const std::string& plural, Scripted answer);
  // Ends every open watch abruptly (no terminating chunk).
  void cutWatches();
  // Requests without "Authorization: Bearer <token>" get 401 (empty: no check).
  void requireToken(const std::string& token);

  std::vector<Request> requests() const;
  std::vector<Request> requestsFor(Verb verb, const std::string& plural) const;
  // Waits until some recorded request satisfies `predicate`.
  bool waitForRequest(const std::function<bool(const Request&)>& predicate,
                      std::chrono::milliseconds timeout = std::chrono::seconds(10)) const;
  // Waits until `predicate` holds, checking it after every request and watch change (it may
  // call this object: no lock is held while it runs).
  bool waitUntil(const std::function<bool()>& predicate,
                 std::chrono::milliseconds timeout = std::chrono::seconds(10)) const;
  int openWatches() const;

  static nlohmann::json loadJson(const std::string& fixture);
  static std::vector<nlohmann::json> loadJsonLines(const std::string& fixture);
  // The chunks of a recorded HTTP/1.1 chunked body.
  static std::vector<std::string> loadChunks(const std::string& fixture);

private:
  struct Event {
    int resourceVersion;
    nlohmann::json line;
  };
  struct Collection {
    std::map<std::pair<std::string, std::string>, nlohmann::json> objects;
    std::vector<Event> log;
  };
  struct Target {
    Verb verb = Verb::List;
    std::string group;
    std::string version;
    std::string namespace_;
    std::string plural;
    std::string name;
  };

  void handle(const httplib::Request& request, httplib::Response& response);
  bool discovery(const std::string& path, httplib::Response& response);
  std::optional<Target> parseTarget(const httplib::Request& request) const;
  void list(const Target& target, const Request& recorded, httplib::Response& response);
  void get(const Target& target, httplib::Response& response);
  void apply(const Target& target, const Request& recorded, httplib::Response& response);
  void remove(const Target& target, httplib::Response& response);
  void watch(const Target& target, const Request& recorded, httplib::Response& response);
  void answerScripted(Scripted answer, httplib::Response& response);
  bool matches(const nlohmann::json& object, const Target& target, const Request& recorded) const;
  static void status(httplib::Response& response, int code, const std::string& reason,
                     const std::string& message);

  const DevCerts certificates_;
  const bool requireClientCertificate_;
  std::unique_ptr<httplib::SSLServer> server_;
  std::thread thread_;
  int port_ = 0;

  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::map<std::string, std::map<std::string, std::vector<std::string>>>
      served_; // group -> version -> plurals
  std::map<std::string, Collection> collections_;
  int resourceVersion_ = 1;
  int compactedBefore_ = 0;
  std::map<std::pair<Verb, std::string>, std::deque<Scripted>> scripts_;
  std::uint64_t cutGeneration_ = 0;
  std::string token_;
  std::vector<Request> requests_;
  int openWatches_ = 0;
  bool stopping_ = false;
};

// A kubeconfig whose one context reaches a FakeApiServer on 127.0.0.1:`port`, trusting the dev
// CA and sending `token` as bearer token.
std::string kubeconfigFor(int port, const std::string& token);

} // namespace sgw::test
