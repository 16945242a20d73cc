#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "sgw/kube/api_client.h"
#include "sgw/kube/informer.h"
#include "sgw/observability/metrics.h"
#include "sgw/runtime/freed_memory.h"
#include "sgw/state/state_source.h"

namespace sgw::state {

struct KubeStateOptions {
  // Namespaces to watch, one informer per namespace and resource; empty: all namespaces.
  std::vector<std::string> namespaces;
  kube::InformerOptions informer;
  // Budget of each Secret GET the background fetcher makes for a review.
  std::chrono::milliseconds secretFetchTimeout{5000};
  // How long the answer to such a GET (the Secret, that there is none, or that it could not be
  // read) serves later reviews before the Secret is asked for again: a Kafka applied again and
  // again before it is cached costs one GET, not one per review. Once the Kafka is cached, the
  // Secret's own informer keeps it current.
  std::chrono::milliseconds secretFetchMemory{10000};
  // Secrets waiting for the fetcher beyond this many are not queued: reviews naming them still
  // say they are not loaded, and queue them again once there is room.
  std::size_t secretFetchQueueLimit = 64;
  // Run by the publisher once no change has arrived for releaseMemoryAfterQuiet after a publish:
  // the list bodies and replaced snapshots of a burst are freed in between the cached models,
  // and glibc keeps those pages resident until told. Null: never.
  std::function<void()> releaseMemory = runtime::releaseFreedMemory;
  std::chrono::milliseconds releaseMemoryAfterQuiet{1000};
};

// The cluster as the API server reports it, through a watch cache, as controller-runtime's
// cached client does: an informer per resource (and per namespace when limited) keeps kafkas,
// kafkanodepools, tlsroutes, gateways, referencegrants, listenersets, cert-manager certificates
// and the Strimzi Services mirrored, and a snapshot is published after each burst of changes.
// Namespaces are cluster-scoped: one informer for all of them, or, when limited, one per watched
// namespace selecting it by name. Secrets are never listed or watched as a collection: each Secret
// a cached Kafka names in a listener's brokerCertChainAndKey gets an informer of its own (selected
// by name), which keeps the certificate keys only, and is stopped (and the Secret dropped) when no
// Kafka names it any more.
//
// A Kafka under review may name a Secret the cache does not hold yet (its first CREATE): the
// review hands the Secret to a fetcher thread and is judged with the Secret counted as loading;
// reviews after the answer are judged with it.
//
// Threads: informer threads hand their changes to a queue; one publisher thread applies every
// queued change to a copy of the current snapshot and publishes the result, then starts and
// stops the Secret informers. Readers copy the snapshot's shared_ptr under snapshotMutex_ and use
// it without a lock, so a review never waits for an informer and never sees half a change. The
// fetcher thread makes the Secret GETs reviews ask for, one at a time, on a connection of its
// own; a review never waits on the network. Create with make_shared: the metrics collector holds
// a weak reference.
class KubeState : public StateSource, public std::enable_shared_from_this<KubeState> {
public:
  KubeState(std::shared_ptr<const kube::ApiClient> client, KubeStateOptions options,
            std::shared_ptr<observability::Metrics> metrics);
  ~KubeState() override;

  KubeState(const KubeState&) = delete;
  KubeState& operator=(const KubeState&) = delete;

  void start();
  void stop();

  std::shared_ptr<const cluster::ClusterSnapshot> snapshot() const override;
  // For a Kafka under review naming a certificate Secret the cache does not hold: a snapshot
  // with the Secret when a GET for a review found it within the last secretFetchMemory; without
  // it when that GET, or the Secret's synced informer, found none; otherwise with the Secret
  // counted as loading (ClusterSnapshot::secretsLoading) while its informer syncs or the fetcher
  // is asked to GET it. Makes no request itself and never waits.
  std::shared_ptr<const cluster::ClusterSnapshot>
  snapshotFor(const cluster::AnyObject* reviewed) const override;
  // True once every resource informer has listed its resource once and the result is published
  // (a resource that is not installed counts once the API server confirmed it is not served).
  // Stays true afterwards: a dropped watch is reported in readinessDetail() while the last
  // synced state keeps being served.
  bool ready() const override;
  std::string readinessDetail() const override;

  // Snapshots published so far.
  std::uint64_t generation() const;
  // Waits until `predicate` holds for the current snapshot, or `timeout` passes; for start-up
  // and tests. Returns whether it held.
  bool waitFor(const std::function<bool(const cluster::ClusterSnapshot&)>& predicate,
               std::chrono::milliseconds timeout) const;
  bool waitUntilReady(std::chrono::milliseconds timeout) const;
  // The Secrets with an informer of their own now.
  std::vector<model::ObjectKey> watchedSecrets() const;
  std::vector<kube::InformerStatus> informerStatuses() const;

private:
  struct SecretWatch {
    std::set<std::string> keys; // the data keys kept in memory
    std::unique_ptr<kube::Informer> informer;
  };

  void enqueue(std::vector<kube::ObjectChange> changes);
  void publishLoop();
  void apply(std::vector<kube::ObjectChange> batch);
  void reconcileSecrets(const cluster::ClusterSnapshot& snapshot);
  void notifyWaiters() const;
  void collect(observability::Metrics& metrics) const;

  // What a GET of a Secret for a review found.
  struct SecretFetch {
    enum class Result { Found, NotFound, Failed };
    Result result = Result::Failed;
    std::set<std::string> keys;                  // the data keys asked for
    std::shared_ptr<const model::Secret> secret; // when Found, trimmed to `keys`
    std::chrono::steady_clock::time_point fetchedAt;
  };
  struct SecretRequest {
    model::ObjectKey key;
    std::set<std::string> keys;
  };
  // Whether the informer of this Secret exists and has listed it (nothing when there is none).
  std::optional<bool> secretInformerSynced(const model::ObjectKey& key) const;
  // Drops the answers older than secretFetchMemory; fetchMutex_ held.
  void forgetExpiredFetches(std::chrono::steady_clock::time_point now) const;
  void fetchLoop();
  SecretFetch fetchSecret(kube::ApiConnection& connection, const SecretRequest& request) const;

  const std::shared_ptr<const kube::ApiClient> client_;
  const KubeStateOptions options_;
  const std::shared_ptr<observability::Metrics> metrics_;

  std::vector<std::unique_ptr<kube::Informer>> informers_; // fixed after construction

  mutable std::mutex snapshotMutex_;
  std::shared_ptr<const cluster::ClusterSnapshot> snapshot_;
  std::uint64_t generation_ = 0;

  mutable std::mutex secretsMutex_;
  std::map<model::ObjectKey, SecretWatch> secretWatches_; // changed by the publisher only

  // The Secret GETs reviews asked for: queued, in flight (both in fetchPending_), and answered
  // (pruned as their answers expire). The fetcher's connection is made once, by start().
  mutable std::mutex fetchMutex_;
  mutable std::condition_variable fetchSignal_;
  mutable std::deque<SecretRequest> fetchQueue_;
  mutable std::set<model::ObjectKey> fetchPending_;
  mutable std::map<model::ObjectKey, SecretFetch> fetched_;
  bool fetchStopping_ = false;
  std::unique_ptr<kube::ApiConnection> fetchConnection_;
  std::thread fetcher_;

  mutable std::mutex queueMutex_;
  std::condition_variable queueSignal_;
  std::vector<kube::ObjectChange> pending_;
  bool applying_ = false; // the publisher is applying a batch taken from pending_
  bool stopping_ = false;
  bool started_ = false;
  std::thread publisher_;

  // Set the first time ready() finds every first list published; readiness never goes back.
  mutable std::atomic<bool> readyOnce_{false};

  // Wakes waitFor() on every publish and informer status change.
  mutable std::mutex waitMutex_;
  mutable std::condition_variable changed_;
};

} // namespace sgw::state
