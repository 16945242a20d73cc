#include "sgw/kube/informer.h"

#include <set>

#include "sgw/kube/kube_metrics.h"
#include "sgw/kube/watch_stream.h"
#include "sgw/observability/log.h"

namespace sgw::kube {

namespace {

using observability::logEvent;
using Clock = std::chrono::steady_clock;

// A list may be restarted this many times when its continue token expires between pages.
constexpr int kMaxListRestarts = 3;
// A watch that lasted this long counts as a success even without events.
constexpr std::chrono::seconds kHealthyWatch{10};

std::string resourceVersionOf(const nlohmann::json& object) {
  const auto metadata = object.find("metadata");
  if (metadata == object.end() || !metadata->is_object()) {
    return {};
  }
  const auto version = metadata->find("resourceVersion");
  return version != metadata->end() && version->is_string() ? version->get<std::string>() : "";
}

std::optional<model::ObjectKey> keyOf(const nlohmann::json& object) {
  const auto metadata = object.find("metadata");
  if (metadata == object.end() || !metadata->is_object()) {
    return std::nullopt;
  }
  const auto name = metadata->find("name");
  if (name == metadata->end() || !name->is_string() ||
      name->get_ref<const std::string&>().empty()) {
    return std::nullopt;
  }
  const auto ns = metadata->find("namespace");
  return model::ObjectKey{ns != metadata->end() && ns->is_string() ? ns->get<std::string>() : "",
                          name->get<std::string>()};
}

} // namespace

Informer::Informer(std::shared_ptr<const ApiClient> client, ApiResource resource,
                   std::string namespaceName, InformerOptions options, ChangeSink sink,
                   std::shared_ptr<observability::Metrics> metrics,
                   std::function<void()> onStatusChange)
    : client_(std::move(client)), resource_(std::move(resource)),
      namespace_(std::move(namespaceName)), options_(std::move(options)), sink_(std::move(sink)),
      metrics_(std::move(metrics)), onStatusChange_(std::move(onStatusChange)),
      connection_(client_->connect()), backoff_(options_.backoff), random_(std::random_device{}()) {
}

Informer::~Informer() {
  stop();
}

std::string Informer::scope() const {
  return namespace_.empty() ? resource_.plural : resource_.plural + " in " + namespace_;
}

void Informer::start() {
  std::lock_guard lock(stopMutex_);
  if (thread_.joinable() || stopping_) {
    return;
  }
  thread_ = std::thread([this] {
    run();
    std::lock_guard finishedLock(stopMutex_);
    finished_ = true;
    stopSignal_.notify_all();
  });
}

void Informer::stop() {
  std::unique_lock lock(stopMutex_);
  stopping_ = true;
  stopSignal_.notify_all();
  if (!thread_.joinable()) {
    return;
  }
  // cancel() aborts the request in progress; repeating it covers a request that was about to
  // start when the first cancel came.
  while (!finished_) {
    lock.unlock();
    connection_->cancel();
    lock.lock();
    stopSignal_.wait_for(lock, std::chrono::milliseconds(20), [this] { return finished_; });
  }
  lock.unlock();
  thread_.join();
}

InformerStatus Informer::status() const {
  std::lock_guard lock(statusMutex_);
  return status_;
}

void Informer::updateStatus(const std::function<void(InformerStatus&)>& update) {
  {
    std::lock_guard lock(statusMutex_);
    update(status_);
  }
  if (onStatusChange_) {
    onStatusChange_();
  }
}

void Informer::count(const char* metric) {
  if (metrics_) {
    metrics_->increment(metric, {{"resource", resource_.plural}});
  }
}

bool Informer::pause(std::chrono::milliseconds delay) {
  std::unique_lock lock(stopMutex_);
  return !stopSignal_.wait_for(lock, delay, [this] { return stopping_; });
}

std::size_t Informer::presentCount() const {
  std::size_t count = 0;
  for (const auto& [key, known] : known_) {
    count += known.present ? 1 : 0;
  }
  return count;
}

void Informer::publish(std::vector<ObjectChange> changes) {
  if (!changes.empty()) {
    sink_(std::move(changes));
  }
}

std::optional<cluster::AnyObject> Informer::parse(const nlohmann::json& object) {
  auto parsed = cluster::parseObject(resource_.kind, object, namespace_);
  if (!parsed) {
    return std::nullopt;
  }
  if (!parsed->errors.empty()) {
    logEvent(spdlog::level::warn, "object left out of the cache: it does not parse",
             {{"resource", resource_.plural},
              {"object", cluster::metadataOf(parsed->object).key().toString()},
              {"errors", aggregate(parsed->errors)}});
    return std::nullopt;
  }
  if (options_.transform) {
    return options_.transform(std::move(parsed->object));
  }
  return std::move(parsed->object);
}

void Informer::markNotInstalled(const std::string& detail) {
  bool wasInstalled = false;
  {
    std::lock_guard lock(statusMutex_);
    wasInstalled = status_.installed || !status_.synced;
  }
  if (wasInstalled) {
    logEvent(spdlog::level::warn, "resource not installed; looking for it again later",
             {{"resource", resource_.plural}, {"namespace", namespace_}, {"detail", detail}});
  }
  std::vector<ObjectChange> gone;
  for (const auto& [key, known] : known_) {
    if (known.present) {
      gone.push_back({resource_.kind, key, std::nullopt});
    }
  }
  known_.clear();
  publish(std::move(gone));
  updateStatus([&](InformerStatus& status) {
    status.synced = true;
    status.installed = false;
    status.version.clear();
    status.problem = detail;
    status.objects = 0;
    status.resourceVersion.clear();
  });
}

void Informer::failed(const std::string& problem, const char* what) {
  const auto delay = backoff_.next();
  logEvent(spdlog::level::warn, what,
           {{"resource", resource_.plural},
            {"namespace", namespace_},
            {"error", problem},
            {"retry_in_ms", delay.count()}});
  updateStatus([&](InformerStatus& status) { status.problem = problem; });
  pause(delay);
}

void Informer::run() {
  std::string version;
  std::string resourceVersion;
  bool listedOnce = false;
  while (pause(std::chrono::milliseconds(0))) {
    if (version.empty()) {
      const auto found = discoverVersion(*connection_, resource_, options_.requestTimeout);
      if (connection_->cancelled()) {
        break;
      }
      if (found.outcome == Discovery::Outcome::NotServed) {
        markNotInstalled(found.detail);
        pause(backoff_.next());
        continue;
      }
      if (found.outcome == Discovery::Outcome::Failed) {
        failed(found.detail, "API discovery failed; retrying");
        continue;
      }
      version = found.version;
      if (resource_.versions.size() > 1) {
        logEvent(spdlog::level::info, "resource version chosen",
                 {{"resource", resource_.plural},
                  {"namespace", namespace_},
                  {"group", resource_.group},
                  {"version", version}});
      }
      updateStatus([&](InformerStatus& status) {
        status.installed = true;
        status.version = version;
      });
    }

    if (resourceVersion.empty()) {
      const auto outcome = list(version, resourceVersion);
      if (outcome == ListOutcome::Stopped) {
        break;
      }
      if (outcome == ListOutcome::NotFound) {
        // The version went away (CRD removed or changed): find out what is served now.
        version.clear();
        pause(backoff_.next());
        continue;
      }
      if (outcome == ListOutcome::Failed) {
        continue; // list() reported and waited
      }
      if (listedOnce) {
        count(kRelistsMetric);
      }
      listedOnce = true;
    }

    const auto started = Clock::now();
    bool sawEvent = false;
    const auto outcome = watch(version, resourceVersion, sawEvent);
    if (outcome == WatchOutcome::Stopped) {
      break;
    }
    count(kWatchRestartsMetric);
    // A watch that delivered something, or ran a while, shows the server healthy again. One
    // that ended at once did not: the next try waits, so a server that keeps ending watches
    // (or expiring the version just listed) is not met with a LIST or WATCH in a tight loop.
    const bool brief = !sawEvent && Clock::now() - started < std::chrono::seconds(1);
    if (sawEvent || Clock::now() - started >= kHealthyWatch) {
      backoff_.reset();
    }
    switch (outcome) {
    case WatchOutcome::Ended:
      if (brief) {
        pause(backoff_.next());
      }
      break;
    case WatchOutcome::Expired:
      logEvent(spdlog::level::info, "watch resourceVersion expired; listing again",
               {{"resource", resource_.plural}, {"namespace", namespace_}});
      resourceVersion.clear();
      if (brief) {
        pause(backoff_.next());
      }
      break;
    case WatchOutcome::NotFound:
      version.clear();
      resourceVersion.clear();
      pause(backoff_.next());
      break;
    case WatchOutcome::Failed:
    case WatchOutcome::Stopped:
      break; // watch() reported and waited
    }
  }
}

Informer::ListOutcome Informer::list(const std::string& version, std::string& resourceVersion) {
  std::vector<Listed> listed;
  std::string continueToken;
  std::string listVersion;
  int restarts = 0;
  while (true) {
    const auto target = collectionPath(resource_, version, namespace_) +
                        queryString({{"limit", std::to_string(options_.pageSize)},
                                     {"continue", continueToken},
                                     {"labelSelector", resource_.labelSelector},
                                     {"fieldSelector", resource_.fieldSelector}});
    const auto response = connection_->get(target, options_.requestTimeout);
    if (connection_->cancelled()) {
      return ListOutcome::Stopped;
    }
    if (response.status == 410 && !continueToken.empty() && restarts < kMaxListRestarts) {
      // The continue token outlived the server's compaction window: start the list over.
      ++restarts;
      continueToken.clear();
      listed.clear();
      continue;
    }
    if (response.status == 404) {
      return ListOutcome::NotFound;
    }
    if (!response.ok()) {
      failed("LIST " + target + ": " + response.describe(), "LIST failed; retrying");
      return ListOutcome::Failed;
    }
    auto page = nlohmann::json::parse(response.body, nullptr, false);
    const auto items = page.is_object() ? page.find("items") : page.end();
    if (page.is_discarded() || !page.is_object() || items == page.end() ||
        !(items->is_array() || items->is_null())) {
      failed("LIST " + target + " did not answer with a list", "LIST failed; retrying");
      return ListOutcome::Failed;
    }
    if (items->is_array()) {
      for (auto& item : *items) {
        const auto key = keyOf(item);
        if (!key) {
          continue;
        }
        Listed entry{*key, resourceVersionOf(item), std::nullopt, false};
        const auto known = known_.find(*key);
        if (known == known_.end() || known->second.resourceVersion != entry.resourceVersion ||
            entry.resourceVersion.empty()) {
          entry.object = parse(item);
          entry.parsed = true;
        }
        listed.push_back(std::move(entry));
      }
    }
    const auto& metadata = page["metadata"];
    listVersion = metadata.is_object() ? metadata.value("resourceVersion", "") : "";
    continueToken = metadata.is_object() ? metadata.value("continue", "") : "";
    if (continueToken.empty()) {
      break;
    }
  }

  std::vector<ObjectChange> changes;
  std::map<model::ObjectKey, Known> fresh;
  for (auto& entry : listed) {
    if (!entry.parsed) {
      fresh[entry.key] = known_[entry.key];
      continue;
    }
    const bool wasPresent = known_.count(entry.key) != 0 && known_[entry.key].present;
    fresh[entry.key] = {entry.resourceVersion, entry.object.has_value()};
    if (entry.object) {
      changes.push_back({resource_.kind, entry.key, std::move(entry.object)});
    } else if (wasPresent) {
      changes.push_back({resource_.kind, entry.key, std::nullopt});
    }
  }
  for (const auto& [key, known] : known_) {
    if (known.present && fresh.count(key) == 0) {
      changes.push_back({resource_.kind, key, std::nullopt});
    }
  }
  known_ = std::move(fresh);
  publish(std::move(changes));
  resourceVersion = listVersion;
  const auto objects = presentCount();
  logEvent(spdlog::level::info, "resource listed",
           {{"resource", resource_.plural},
            {"namespace", namespace_},
            {"version", version},
            {"objects", objects},
            {"resourceVersion", listVersion}});
  updateStatus([&](InformerStatus& status) {
    status.synced = true;
    status.installed = true;
    status.problem.clear();
    status.objects = objects;
    status.resourceVersion = listVersion;
    status.lastEvent = Clock::now();
  });
  return ListOutcome::Listed;
}

Informer::WatchOutcome Informer::watch(const std::string& version, std::string& resourceVersion,
                                       bool& sawEvent) {
  std::uniform_int_distribution<std::int64_t> spread(0, options_.watchTimeout.count());
  const std::chrono::seconds timeout(options_.watchTimeout.count() + spread(random_));
  const auto target = collectionPath(resource_, version, namespace_) +
                      queryString({{"watch", "true"},
                                   {"resourceVersion", resourceVersion},
                                   {"allowWatchBookmarks", "true"},
                                   {"timeoutSeconds", std::to_string(timeout.count())},
                                   {"labelSelector", resource_.labelSelector},
                                   {"fieldSelector", resource_.fieldSelector}});
  WatchStreamDecoder decoder(options_.maxEventBytes);
  WatchOutcome outcome = WatchOutcome::Ended;
  std::string problem;
  const auto response = connection_->stream(
      target, timeout + options_.watchIdleSlack,
      [&](std::string_view bytes) {
        const auto error = decoder.feed(bytes, [&](WatchEvent&& event) {
          sawEvent = sawEvent || event.type != WatchEvent::Type::Error;
          return handleEvent(event, resourceVersion, outcome, problem);
        });
        if (error) {
          outcome = WatchOutcome::Failed;
          problem = *error;
          return false;
        }
        return outcome == WatchOutcome::Ended;
      },
      [&](int status) {
        if (status == 200) {
          // Watching again: an earlier failure is over even if no event comes for a while.
          updateStatus([](InformerStatus& current) { current.problem.clear(); });
        }
      });
  if (connection_->cancelled()) {
    return WatchOutcome::Stopped;
  }
  if (outcome == WatchOutcome::Ended) {
    if (response.status == 410) {
      outcome = WatchOutcome::Expired;
    } else if (response.status == 404) {
      outcome = WatchOutcome::NotFound;
    } else if (response.status != 200 || !response.error.empty()) {
      outcome = WatchOutcome::Failed;
      problem = "WATCH " + target + ": " + response.describe();
    }
  }
  if (outcome == WatchOutcome::Failed) {
    failed(problem, "watch failed; resuming from the last resourceVersion");
  }
  return outcome;
}

bool Informer::handleEvent(WatchEvent& event, std::string& resourceVersion, WatchOutcome& outcome,
                           std::string& problem) {
  const auto now = Clock::now();
  if (event.type == WatchEvent::Type::Error) {
    const auto status = parseApiStatus(event.object);
    if (status &&
        (status->code == 410 || status->reason == "Expired" || status->reason == "Gone")) {
      outcome = WatchOutcome::Expired;
    } else {
      outcome = WatchOutcome::Failed;
      problem = "watch ERROR event" + (status ? ": " + std::to_string(status->code) + " " +
                                                    status->reason + ": " + status->message
                                              : std::string());
    }
    return false;
  }
  const auto eventVersion = resourceVersionOf(event.object);
  if (event.type == WatchEvent::Type::Bookmark) {
    if (!eventVersion.empty()) {
      resourceVersion = eventVersion;
    }
    updateStatus([&](InformerStatus& status) {
      status.resourceVersion = resourceVersion;
      status.lastEvent = now;
    });
    return true;
  }
  const auto key = keyOf(event.object);
  if (!key) {
    outcome = WatchOutcome::Failed;
    problem = "watch " + std::string(toString(event.type)) + " event names no object";
    return false;
  }
  std::vector<ObjectChange> changes;
  auto known = known_.find(*key);
  const bool wasPresent = known != known_.end() && known->second.present;
  if (event.type == WatchEvent::Type::Deleted) {
    if (known != known_.end()) {
      known_.erase(known);
    }
    if (wasPresent) {
      changes.push_back({resource_.kind, *key, std::nullopt});
    }
  } else {
    auto object = parse(event.object);
    known_[*key] = {eventVersion, object.has_value()};
    if (object) {
      changes.push_back({resource_.kind, *key, std::move(object)});
    } else if (wasPresent) {
      changes.push_back({resource_.kind, *key, std::nullopt});
    }
  }
  if (!eventVersion.empty()) {
    resourceVersion = eventVersion;
  }
  publish(std::move(changes));
  const auto objects = presentCount();
  updateStatus([&](InformerStatus& status) {
    status.objects = objects;
    status.resourceVersion = resourceVersion;
    status.lastEvent = now;
    status.problem.clear();
  });
  return true;
}

} // namespace sgw::kube
