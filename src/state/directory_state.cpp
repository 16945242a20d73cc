#include "sgw/state/directory_state.h"

#include <algorithm>

#include "sgw/observability/log.h"
#include "sgw/state/manifest_snapshot.h"

namespace sgw::state {

namespace fs = std::filesystem;
using observability::logEvent;

DirectoryState::DirectoryState(fs::path folder, std::string defaultNamespace,
                               std::chrono::milliseconds pollInterval,
                               std::function<void()> releaseMemory)
    : folder_(std::move(folder)), defaultNamespace_(std::move(defaultNamespace)),
      releaseMemory_(std::move(releaseMemory)),
      snapshot_(std::make_shared<const cluster::ClusterSnapshot>()),
      detail_("state folder " + folder_.string() + " not loaded yet"),
      poller_(pollInterval, [this] { reloadIfChanged(); }) {}

DirectoryState::~DirectoryState() {
  stop();
}

std::vector<DirectoryState::FileStamp> DirectoryState::stamp() const {
  std::vector<FileStamp> stamps;
  std::error_code error;
  const auto add = [&](const fs::path& path) {
    std::error_code fileError;
    // Follow symlinks: a ConfigMap update swaps the link target, not the link.
    const auto size = fs::file_size(path, fileError);
    const auto modified = fs::last_write_time(path, fileError);
    if (!fileError) {
      stamps.push_back({path.string(), size, modified});
    }
  };
  for (const auto& file : manifest::manifestFiles(folder_, error)) {
    add(file);
  }
  return stamps;
}

std::vector<manifest::ManifestError> DirectoryState::load() {
  auto errors = readFolder();
  if (errors.empty()) {
    // The manifests, the JSON read from them and the replaced snapshot were freed in between the
    // models just built; glibc would keep those pages resident.
    releaseMemory_();
  }
  return errors;
}

std::vector<manifest::ManifestError> DirectoryState::readFolder() {
  const auto before = stamp();
  auto loaded = manifest::loadPath(folder_);
  if (!loaded.errors.empty()) {
    return loaded.errors;
  }
  auto built = snapshotFromManifests(loaded.manifests, defaultNamespace_);
  for (const auto& skipped : built.skipped) {
    logEvent(spdlog::level::warn, "object skipped", {{"reason", skipped}});
  }
  auto snapshot = std::make_shared<const cluster::ClusterSnapshot>(std::move(built.snapshot));
  const auto objects = snapshot->objectCount();
  {
    std::lock_guard lock(mutex_);
    snapshot_.swap(snapshot);
    loadedStamp_ = before;
    ++generation_;
    detail_ = "loaded " + std::to_string(objects) + " objects from " + folder_.string();
  }
  logEvent(spdlog::level::info, "state loaded",
           {{"folder", folder_.string()}, {"objects", objects}, {"files", before.size()}});
  return {};
}

void DirectoryState::start() {
  poller_.start();
}

void DirectoryState::stop() {
  poller_.stop();
}

void DirectoryState::reloadIfChanged() {
  const auto current = stamp();
  {
    std::lock_guard lock(mutex_);
    if (current == loadedStamp_) {
      return;
    }
  }
  const auto errors = load();
  if (errors.empty()) {
    return;
  }
  for (const auto& error : errors) {
    logEvent(spdlog::level::err, "state reload failed, keeping the previous state",
             {{"error", error.toString()}});
  }
  // Remember the broken stamp so the same broken files are not re-read every poll.
  std::lock_guard lock(mutex_);
  loadedStamp_ = current;
}

std::shared_ptr<const cluster::ClusterSnapshot> DirectoryState::snapshot() const {
  std::lock_guard lock(mutex_);
  return snapshot_;
}

bool DirectoryState::ready() const {
  std::lock_guard lock(mutex_);
  return generation_ > 0;
}

std::string DirectoryState::readinessDetail() const {
  std::lock_guard lock(mutex_);
  return detail_;
}

std::uint64_t DirectoryState::generation() const {
  std::lock_guard lock(mutex_);
  return generation_;
}

} // namespace sgw::state
