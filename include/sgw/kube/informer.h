#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "sgw/cluster/any_object.h"
#include "sgw/kube/api_client.h"
#include "sgw/kube/api_resource.h"
#include "sgw/kube/backoff.h"
#include "sgw/kube/watch_stream.h"
#include "sgw/observability/metrics.h"

namespace sgw::kube {

// A change an informer saw: the object as it is now, or nothing when it is gone.
struct ObjectChange {
  model::Kind kind = model::Kind::Kafka;
  model::ObjectKey key;
  std::optional<cluster::AnyObject> object;
};

// Receives the changes of one list or one event, in the order the API server reported them.
using ChangeSink = std::function<void(std::vector<ObjectChange>)>;

struct InformerOptions {
  std::size_t pageSize = 500; // LIST `limit`
  // WATCH `timeoutSeconds`; each watch asks for a random time in [watchTimeout, 2*watchTimeout)
  // so the informers do not all reconnect at once.
  std::chrono::seconds watchTimeout{300};
  // Extra wait for the server to end a watch (or send a bookmark) before giving up on it.
  std::chrono::seconds watchIdleSlack{30};
  std::chrono::milliseconds requestTimeout{60000}; // a LIST page or a discovery document
  Backoff::Options backoff;
  std::size_t maxEventBytes = 16 * 1024 * 1024;
  // Applied to every object before it is passed on (a Secret's keys are trimmed here).
  std::function<cluster::AnyObject(cluster::AnyObject)> transform;
};

// What an informer has achieved so far, for /readyz, metrics and tests.
struct InformerStatus {
  bool synced = false;   // listed at least once, or confirmed not installed
  bool installed = true; // false while the resource is not served (CRD missing)
  std::string version;   // the version in use
  std::string problem;   // the last failure, cleared by the next success
  std::size_t objects = 0;
  std::string resourceVersion; // where the next watch resumes
  std::optional<std::chrono::steady_clock::time_point> lastEvent;
};

// Keeps one resource (in one namespace, or in all) mirrored, as client-go's reflector does:
// discover the served version, LIST it page by page, then WATCH from the list's
// resourceVersion with bookmarks, resuming from the last seen resourceVersion when a watch ends
// or drops, listing again when the server says that resourceVersion is too old (410), and
// backing off (capped, jittered) after failures. A resource that is not served is reported,
// counts as synced with no objects, and is looked for again with the same backoff.
//
// Threads: one thread of its own runs the loop and calls the sink; status() may be read from
// any thread (guarded by statusMutex_). stop() cancels the request in progress and joins.
class Informer {
public:
  Informer(std::shared_ptr<const ApiClient> client, ApiResource resource, std::string namespaceName,
           InformerOptions options, ChangeSink sink,
           std::shared_ptr<observability::Metrics> metrics = nullptr,
           std::function<void()> onStatusChange = nullptr);
  ~Informer();

  Informer(const Informer&) = delete;
  Informer& operator=(const Informer&) = delete;

  void start();
  void stop();

  InformerStatus status() const;
  const ApiResource& resource() const { return resource_; }
  const std::string& namespaceName() const { return namespace_; }
  // "tlsroutes" or "tlsroutes in strimzi": how logs and /readyz name this informer.
  std::string scope() const;

private:
  enum class WatchOutcome { Ended, Expired, NotFound, Failed, Stopped };
  enum class ListOutcome { Listed, NotFound, Failed, Stopped };

  struct Known {
    std::string resourceVersion;
    bool present = false; // false: the object failed to parse and is left out
  };
  struct Listed {
    model::ObjectKey key;
    std::string resourceVersion;
    std::optional<cluster::AnyObject> object;
    bool parsed = false; // false: unchanged since the last list, not parsed again
  };

  void run();
  ListOutcome list(const std::string& version, std::string& resourceVersion);
  // `sawEvent`: the watch delivered an object change or a bookmark.
  WatchOutcome watch(const std::string& version, std::string& resourceVersion, bool& sawEvent);
  // Applies one event; returns false when the watch must end (an ERROR event).
  bool handleEvent(WatchEvent& event, std::string& resourceVersion, WatchOutcome& outcome,
                   std::string& problem);
  std::optional<cluster::AnyObject> parse(const nlohmann::json& object);
  void markNotInstalled(const std::string& detail);
  void failed(const std::string& problem, const char* what);
  void publish(std::vector<ObjectChange> changes);
  // Waits, unless stop() comes first. Returns false when stopping.
  bool pause(std::chrono::milliseconds delay);
  void updateStatus(const std::function<void(InformerStatus&)>& update);
  void count(const char* metric);
  std::size_t presentCount() const;

  const std::shared_ptr<const ApiClient> client_;
  const ApiResource resource_;
  const std::string namespace_;
  const InformerOptions options_;
  const ChangeSink sink_;
  const std::shared_ptr<observability::Metrics> metrics_;
  const std::function<void()> onStatusChange_;
  const std::unique_ptr<ApiConnection> connection_;

  // Touched by the loop thread only.
  std::map<model::ObjectKey, Known> known_;
  Backoff backoff_;
  std::mt19937 random_;

  mutable std::mutex statusMutex_;
  InformerStatus status_;

  std::mutex stopMutex_;
  std::condition_variable stopSignal_;
  bool stopping_ = false;
  bool finished_ = false;
  std::thread thread_;
};

} // namespace sgw::kube
