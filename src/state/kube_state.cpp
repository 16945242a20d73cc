#include "sgw/state/kube_state.h"

#include <algorithm>
#include <array>

#include "sgw/kube/kube_metrics.h"
#include "sgw/observability/log.h"

namespace sgw::state {

namespace {

using observability::logEvent;
using Clock = std::chrono::steady_clock;

constexpr const char* kCaKey = "ca.crt";

// The Secret with only `keys` holding values; every other key is listed as withheld, so a rule
// can still tell a missing key from one the cache does not keep.
cluster::AnyObject keepOnly(const cluster::AnyObject& object, const std::set<std::string>& keys) {
  const auto* secret = std::get_if<std::shared_ptr<const model::Secret>>(&object);
  if (secret == nullptr || *secret == nullptr) {
    return object;
  }
  auto trimmed = std::make_shared<model::Secret>(**secret);
  for (auto it = trimmed->data.begin(); it != trimmed->data.end();) {
    if (keys.count(it->first) == 0) {
      trimmed->withheldKeys.insert(it->first);
      trimmed->certificateChains.erase(it->first);
      it = trimmed->data.erase(it);
    } else {
      ++it;
    }
  }
  return std::shared_ptr<const model::Secret>(std::move(trimmed));
}

// The Secrets the Kafkas of `snapshot` name, each with the data keys worth keeping.
std::map<model::ObjectKey, std::set<std::string>>
certificateSecrets(const std::vector<std::shared_ptr<const model::Kafka>>& kafkas) {
  std::map<model::ObjectKey, std::set<std::string>> wanted;
  for (const auto& kafka : kafkas) {
    for (const auto& listener : kafka->listeners) {
      const auto& source = listener.configuration.brokerCertChainAndKey;
      if (!source || source->secretName.empty()) {
        continue;
      }
      auto& keys = wanted[{kafka->metadata.namespace_, source->secretName}];
      keys.insert(kCaKey);
      if (!source->certificate.empty()) {
        keys.insert(source->certificate);
      }
    }
  }
  return wanted;
}

// In /readyz and sgw_kube_objects, in this order.
constexpr std::array kCountedKinds{model::Kind::Kafka,          model::Kind::KafkaNodePool,
                                   model::Kind::TlsRoute,       model::Kind::Gateway,
                                   model::Kind::ReferenceGrant, model::Kind::Service,
                                   model::Kind::Secret,         model::Kind::ListenerSet,
                                   model::Kind::Namespace,      model::Kind::Certificate};

std::size_t countOf(const cluster::ClusterSnapshot& snapshot, model::Kind kind) {
  switch (kind) {
  case model::Kind::Kafka:
    return snapshot.kafkas().size();
  case model::Kind::KafkaNodePool:
    return snapshot.nodePools().size();
  case model::Kind::TlsRoute:
    return snapshot.tlsRoutes().size();
  case model::Kind::Gateway:
    return snapshot.gateways().size();
  case model::Kind::ReferenceGrant:
    return snapshot.referenceGrants().size();
  case model::Kind::Service:
    return snapshot.services().size();
  case model::Kind::Secret:
    return snapshot.secrets().size();
  case model::Kind::ListenerSet:
    return snapshot.listenerSets().size();
  case model::Kind::Namespace:
    return snapshot.namespaces().size();
  case model::Kind::Certificate:
    return snapshot.certificates().size();
  }
  return 0;
}

} // namespace

KubeState::KubeState(std::shared_ptr<const kube::ApiClient> client, KubeStateOptions options,
                     std::shared_ptr<observability::Metrics> metrics)
    : client_(std::move(client)), options_(std::move(options)), metrics_(std::move(metrics)),
      snapshot_(std::make_shared<const cluster::ClusterSnapshot>()) {
  if (metrics_) {
    kube::describeKubeMetrics(*metrics_);
  }
  std::vector<std::string> scopes = options_.namespaces;
  if (scopes.empty()) {
    scopes.emplace_back(); // all namespaces
  }
  const auto add = [this](kube::ApiResource resource, const std::string& ns) {
    informers_.push_back(std::make_unique<kube::Informer>(
        client_, std::move(resource), ns, options_.informer,
        [this](std::vector<kube::ObjectChange> changes) { enqueue(std::move(changes)); }, metrics_,
        [this] { notifyWaiters(); }));
  };
  for (const auto& resource : kube::cachedResources()) {
    for (const auto& ns : scopes) {
      if (!resource.clusterScoped) {
        add(resource, ns);
      } else if (ns.empty()) {
        add(resource, "");
      } else {
        // Namespaces are cluster-scoped: only the watched ones are read, each by name.
        add(kube::namespaceResource(ns), "");
      }
    }
  }
}

KubeState::~KubeState() {
  stop();
}

void KubeState::start() {
  {
    std::lock_guard lock(queueMutex_);
    if (started_ || stopping_) {
      return;
    }
    started_ = true;
  }
  if (metrics_) {
    metrics_->addCollector([weak = weak_from_this()](observability::Metrics& metrics) {
      if (const auto self = weak.lock()) {
        self->collect(metrics);
      }
    });
  }
  logEvent(
      spdlog::level::info, "watching the Kubernetes API",
      {{"server", client_->config().description},
       {"namespaces", options_.namespaces.empty() ? nlohmann::ordered_json("all")
                                                  : nlohmann::ordered_json(options_.namespaces)}});
  publisher_ = std::thread([this] { publishLoop(); });
  fetchConnection_ = client_->connect();
  fetcher_ = std::thread([this] { fetchLoop(); });
  for (auto& informer : informers_) {
    informer->start();
  }
}

void KubeState::stop() {
  {
    std::lock_guard lock(queueMutex_);
    stopping_ = true;
  }
  queueSignal_.notify_all();
  if (publisher_.joinable()) {
    publisher_.join();
  }
  {
    std::lock_guard lock(fetchMutex_);
    fetchStopping_ = true;
  }
  fetchSignal_.notify_all();
  if (fetcher_.joinable()) {
    fetchConnection_->cancel(); // a GET in progress ends now
    fetcher_.join();
  }
  for (auto& informer : informers_) {
    informer->stop();
  }
  std::map<model::ObjectKey, SecretWatch> secrets;
  {
    std::lock_guard lock(secretsMutex_);
    secrets.swap(secretWatches_);
  }
  for (auto& [key, watch] : secrets) {
    watch.informer->stop();
  }
}

void KubeState::enqueue(std::vector<kube::ObjectChange> changes) {
  {
    std::lock_guard lock(queueMutex_);
    std::move(changes.begin(), changes.end(), std::back_inserter(pending_));
  }
  queueSignal_.notify_one();
}

void KubeState::publishLoop() {
  std::unique_lock lock(queueMutex_);
  const auto hasWork = [this] { return stopping_ || !pending_.empty(); };
  bool releaseDue = false;
  while (true) {
    if (!releaseDue) {
      queueSignal_.wait(lock, hasWork);
    } else if (!queueSignal_.wait_for(lock, options_.releaseMemoryAfterQuiet, hasWork)) {
      // The burst is over: what its lists, events and replaced snapshots left free goes back,
      // once, instead of after each of its batches.
      releaseDue = false;
      lock.unlock();
      options_.releaseMemory();
      lock.lock();
      continue;
    }
    if (stopping_) {
      return;
    }
    // Everything queued since the last publish goes into one snapshot: a burst of events (a
    // relist of hundreds of objects) costs one copy, not one per object.
    auto batch = std::move(pending_);
    pending_.clear();
    applying_ = true;
    lock.unlock();
    apply(std::move(batch));
    lock.lock();
    applying_ = false;
    releaseDue = options_.releaseMemory != nullptr;
  }
}

void KubeState::apply(std::vector<kube::ObjectChange> batch) {
  cluster::ClusterSnapshot::Builder builder(*snapshot());
  for (auto& change : batch) {
    if (change.object) {
      builder.put(std::move(*change.object));
    } else {
      builder.remove(change.kind, change.key);
    }
  }
  auto next = std::make_shared<const cluster::ClusterSnapshot>(builder.build());
  {
    std::lock_guard lock(snapshotMutex_);
    snapshot_ = next;
    ++generation_;
  }
  notifyWaiters();
  reconcileSecrets(*next);
}

void KubeState::reconcileSecrets(const cluster::ClusterSnapshot& snapshot) {
  std::vector<std::shared_ptr<const model::Kafka>> kafkas;
  for (const auto& [key, kafka] : snapshot.kafkas()) {
    kafkas.push_back(kafka);
  }
  const auto wanted = certificateSecrets(kafkas);

  std::vector<std::pair<model::ObjectKey, std::unique_ptr<kube::Informer>>> retired;
  std::vector<kube::ObjectChange> dropped;
  std::vector<model::ObjectKey> toStart;
  {
    std::lock_guard lock(secretsMutex_);
    for (auto it = secretWatches_.begin(); it != secretWatches_.end();) {
      const auto found = wanted.find(it->first);
      if (found != wanted.end() && found->second == it->second.keys) {
        ++it;
        continue;
      }
      if (found == wanted.end()) {
        dropped.push_back({model::Kind::Secret, it->first, std::nullopt});
      }
      retired.emplace_back(it->first, std::move(it->second.informer));
      it = secretWatches_.erase(it);
    }
    for (const auto& [key, keys] : wanted) {
      if (secretWatches_.count(key) == 0) {
        toStart.push_back(key);
      }
    }
  }
  for (auto& [key, informer] : retired) {
    informer->stop();
    logEvent(spdlog::level::info, "stopped watching a certificate Secret",
             {{"secret", key.toString()},
              {"reason", wanted.count(key) != 0 ? "the Kafkas need other keys of it"
                                                : "no Kafka names it any more"}});
  }
  // Queued after the informers stopped, so no late change of theirs can bring a Secret back.
  enqueue(std::move(dropped));

  for (const auto& key : toStart) {
    {
      std::lock_guard lock(queueMutex_);
      if (stopping_) {
        return;
      }
    }
    const auto& keys = wanted.at(key);
    auto informerOptions = options_.informer;
    informerOptions.transform = [keys](cluster::AnyObject object) {
      return keepOnly(object, keys);
    };
    auto informer = std::make_unique<kube::Informer>(
        client_, kube::secretResource(key.name), key.namespace_, informerOptions,
        [this](std::vector<kube::ObjectChange> changes) { enqueue(std::move(changes)); }, metrics_,
        [this] { notifyWaiters(); });
    logEvent(spdlog::level::info, "watching a certificate Secret named by a Kafka",
             {{"secret", key.toString()}});
    informer->start();
    std::lock_guard lock(secretsMutex_);
    secretWatches_[key] = SecretWatch{keys, std::move(informer)};
  }
}

void KubeState::notifyWaiters() const {
  { std::lock_guard lock(waitMutex_); }
  changed_.notify_all();
}

std::shared_ptr<const cluster::ClusterSnapshot> KubeState::snapshot() const {
  std::lock_guard lock(snapshotMutex_);
  return snapshot_;
}

std::uint64_t KubeState::generation() const {
  std::lock_guard lock(snapshotMutex_);
  return generation_;
}

bool KubeState::waitFor(const std::function<bool(const cluster::ClusterSnapshot&)>& predicate,
                        std::chrono::milliseconds timeout) const {
  const auto deadline = Clock::now() + timeout;
  std::unique_lock lock(waitMutex_);
  while (true) {
    lock.unlock();
    const bool held = predicate(*snapshot());
    lock.lock();
    if (held) {
      return true;
    }
    // Bounded waits: a change published between the check and the wait is seen at the latest
    // on the next round.
    if (changed_.wait_until(lock,
                            std::min(deadline, Clock::now() + std::chrono::milliseconds(50))) ==
            std::cv_status::timeout &&
        Clock::now() >= deadline) {
      lock.unlock();
      return predicate(*snapshot());
    }
  }
}

bool KubeState::waitUntilReady(std::chrono::milliseconds timeout) const {
  return waitFor([this](const cluster::ClusterSnapshot&) { return ready(); }, timeout);
}

std::vector<model::ObjectKey> KubeState::watchedSecrets() const {
  std::lock_guard lock(secretsMutex_);
  std::vector<model::ObjectKey> keys;
  for (const auto& [key, watch] : secretWatches_) {
    keys.push_back(key);
  }
  return keys;
}

std::vector<kube::InformerStatus> KubeState::informerStatuses() const {
  std::vector<kube::InformerStatus> statuses;
  for (const auto& informer : informers_) {
    statuses.push_back(informer->status());
  }
  return statuses;
}

bool KubeState::ready() const {
  if (readyOnce_) {
    return true;
  }
  if (!std::all_of(informers_.begin(), informers_.end(),
                   [](const auto& informer) { return informer->status().synced; })) {
    return false;
  }
  // An informer is synced once its first list is queued; ready once that is also published.
  std::lock_guard lock(queueMutex_);
  if (!pending_.empty() || applying_) {
    return false;
  }
  readyOnce_ = true;
  return true;
}

std::string KubeState::readinessDetail() const {
  std::string waiting;
  std::string missing;
  std::string retrying;
  const auto append = [](std::string& list, const std::string& entry) {
    list += (list.empty() ? "" : "; ") + entry;
  };
  for (const auto& informer : informers_) {
    const auto status = informer->status();
    if (!status.synced) {
      append(waiting, informer->scope() + " (" +
                          (status.problem.empty() ? std::string("listing") : status.problem) + ")");
    } else if (!status.installed) {
      append(missing, informer->scope() + " (" + status.problem + ")");
    } else if (!status.problem.empty()) {
      append(retrying, informer->scope() + " (" + status.problem + ")");
    }
  }
  std::string detail;
  if (!waiting.empty()) {
    detail = "waiting for the first list of " + waiting;
  } else {
    const auto current = snapshot();
    detail = "cache synced:";
    for (const auto kind : kCountedKinds) {
      detail +=
          " " + std::string(model::pluralOf(kind)) + "=" + std::to_string(countOf(*current, kind));
    }
  }
  if (!missing.empty()) {
    detail += "; not installed, retrying: " + missing;
  }
  if (!retrying.empty()) {
    // Still ready: the last synced state is served while the watch reconnects.
    detail += "; reconnecting: " + retrying;
  }
  std::size_t secrets = 0;
  std::size_t secretsSynced = 0;
  {
    std::lock_guard lock(secretsMutex_);
    for (const auto& [key, watch] : secretWatches_) {
      ++secrets;
      secretsSynced += watch.informer->status().synced ? 1 : 0;
    }
  }
  if (secretsSynced < secrets) {
    detail += "; certificate Secrets synced " + std::to_string(secretsSynced) + "/" +
              std::to_string(secrets);
  }
  return detail;
}

void KubeState::collect(observability::Metrics& metrics) const {
  const auto current = snapshot();
  for (const auto kind : kCountedKinds) {
    metrics.set(kube::kObjectsMetric, {{"resource", std::string(model::pluralOf(kind))}},
                static_cast<double>(countOf(*current, kind)));
  }
  struct Summary {
    bool synced = true;
    std::optional<Clock::time_point> lastEvent;
  };
  std::map<std::string, Summary> byResource;
  const auto add = [&](const kube::Informer& informer) {
    const auto status = informer.status();
    auto& summary = byResource[informer.resource().plural];
    summary.synced = summary.synced && status.synced;
    if (status.lastEvent && (!summary.lastEvent || *status.lastEvent > *summary.lastEvent)) {
      summary.lastEvent = status.lastEvent;
    }
  };
  for (const auto& informer : informers_) {
    add(*informer);
  }
  {
    std::lock_guard lock(secretsMutex_);
    for (const auto& [key, watch] : secretWatches_) {
      add(*watch.informer);
    }
  }
  const auto now = Clock::now();
  for (const auto& [resource, summary] : byResource) {
    metrics.set(kube::kSyncedMetric, {{"resource", resource}}, summary.synced ? 1 : 0);
    if (summary.lastEvent) {
      metrics.set(kube::kLastEventAgeMetric, {{"resource", resource}},
                  std::chrono::duration<double>(now - *summary.lastEvent).count());
    }
  }
}

std::optional<bool> KubeState::secretInformerSynced(const model::ObjectKey& key) const {
  std::lock_guard lock(secretsMutex_);
  const auto watch = secretWatches_.find(key);
  if (watch == secretWatches_.end()) {
    return std::nullopt;
  }
  return watch->second.informer->status().synced;
}

void KubeState::forgetExpiredFetches(Clock::time_point now) const {
  std::erase_if(fetched_, [&](const auto& entry) {
    return now - entry.second.fetchedAt >= options_.secretFetchMemory;
  });
}

void KubeState::fetchLoop() {
  std::unique_lock lock(fetchMutex_);
  while (true) {
    fetchSignal_.wait(lock, [this] { return fetchStopping_ || !fetchQueue_.empty(); });
    if (fetchStopping_) {
      return;
    }
    const auto request = std::move(fetchQueue_.front());
    fetchQueue_.pop_front();
    lock.unlock();
    auto answer = fetchSecret(*fetchConnection_, request);
    const auto result = answer.result;
    lock.lock();
    forgetExpiredFetches(answer.fetchedAt);
    fetched_[request.key] = std::move(answer);
    fetchPending_.erase(request.key);
    lock.unlock();
    // Counted once reviews can use the answer: what the metric says has happened, has.
    if (metrics_) {
      const char* label = "failed";
      if (result == SecretFetch::Result::Found) {
        label = "found";
      } else if (result == SecretFetch::Result::NotFound) {
        label = "not_found";
      }
      metrics_->increment(kube::kSecretFetchesMetric, {{"result", label}});
    }
    notifyWaiters();
    lock.lock();
  }
}

KubeState::SecretFetch KubeState::fetchSecret(kube::ApiConnection& connection,
                                              const SecretRequest& request) const {
  const auto& key = request.key;
  const auto resource = kube::secretResource(key.name);
  const auto response = connection.get(kube::objectPath(resource, "v1", key.namespace_, key.name),
                                       options_.secretFetchTimeout);
  SecretFetch out;
  out.keys = request.keys;
  out.fetchedAt = Clock::now();
  if (response.status == 404) {
    out.result = SecretFetch::Result::NotFound;
    return out;
  }
  if (!response.ok()) {
    logEvent(spdlog::level::warn, "certificate Secret could not be read for a review",
             {{"secret", key.toString()}, {"error", response.describe()}});
    return out;
  }
  const auto object = nlohmann::json::parse(response.body, nullptr, false);
  auto parsed = object.is_discarded()
                    ? std::nullopt
                    : cluster::parseObject(model::Kind::Secret, object, key.namespace_);
  if (!parsed || !parsed->errors.empty() || cluster::metadataOf(parsed->object).key() != key) {
    logEvent(spdlog::level::warn, "certificate Secret read for a review does not parse",
             {{"secret", key.toString()}});
    return out;
  }
  out.result = SecretFetch::Result::Found;
  out.secret = std::get<std::shared_ptr<const model::Secret>>(keepOnly(parsed->object, out.keys));
  return out;
}

std::shared_ptr<const cluster::ClusterSnapshot>
KubeState::snapshotFor(const cluster::AnyObject* reviewed) const {
  auto current = snapshot();
  const auto* reviewedKafka =
      reviewed != nullptr ? std::get_if<std::shared_ptr<const model::Kafka>>(reviewed) : nullptr;
  if (reviewedKafka == nullptr || *reviewedKafka == nullptr) {
    return current;
  }
  std::set<model::ObjectKey> loading;
  std::vector<SecretRequest> toFetch;
  for (auto& [key, keys] : certificateSecrets({*reviewedKafka})) {
    const auto cached = current->secrets().find(key);
    if (cached == current->secrets().end()) {
      // A Secret with an informer of its own is the informer's to read: absent once it has
      // synced, loading until then.
      const auto synced = secretInformerSynced(key);
      if (synced == true) {
        continue;
      }
      if (synced == false) {
        loading.insert(key);
        continue;
      }
    } else {
      // Cached: read again only when trimmed for another certificate key than this Kafka names.
      const auto& secret = *cached->second;
      if (std::none_of(keys.begin(), keys.end(), [&](const std::string& name) {
            return secret.data.count(name) == 0 && secret.withheldKeys.count(name) != 0 &&
                   name != kCaKey;
          })) {
        continue;
      }
    }
    toFetch.push_back({key, std::move(keys)});
  }

  std::vector<std::shared_ptr<const model::Secret>> found;
  if (!toFetch.empty()) {
    std::lock_guard lock(fetchMutex_);
    forgetExpiredFetches(Clock::now());
    bool queued = false;
    for (auto& request : toFetch) {
      const auto answer = fetched_.find(request.key);
      const bool answered = answer != fetched_.end() &&
                            std::includes(answer->second.keys.begin(), answer->second.keys.end(),
                                          request.keys.begin(), request.keys.end());
      if (answered && answer->second.result == SecretFetch::Result::Found) {
        found.push_back(answer->second.secret);
        continue;
      }
      if (answered && answer->second.result == SecretFetch::Result::NotFound) {
        continue;
      }
      // Not asked yet, or the GET failed a moment ago: still unknown.
      loading.insert(request.key);
      if (answered || fetchPending_.count(request.key) != 0 ||
          fetchQueue_.size() >= options_.secretFetchQueueLimit || fetchStopping_) {
        continue;
      }
      fetchPending_.insert(request.key);
      fetchQueue_.push_back(std::move(request));
      queued = true;
    }
    if (queued) {
      fetchSignal_.notify_one();
    }
  }
  if (found.empty() && loading.empty()) {
    return current;
  }
  return std::make_shared<const cluster::ClusterSnapshot>(
      current->withSecrets(found, std::move(loading)));
}

} // namespace sgw::state
