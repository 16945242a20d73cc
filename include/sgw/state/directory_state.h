#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "sgw/manifest/manifest.h"
#include "sgw/runtime/freed_memory.h"
#include "sgw/runtime/periodic_task.h"
#include "sgw/state/state_source.h"

namespace sgw::state {

// The cluster as described by the manifests under a folder (`--state-dir`). The folder is read
// once by load(); start() then re-reads it whenever a file's name, size or modification time
// changes, which also catches the symlink swap Kubernetes uses to update a mounted ConfigMap.
// A reload that fails keeps the previous snapshot and logs the error. After each load that
// succeeds, `releaseMemory` runs once (by default runtime::releaseFreedMemory, so the process
// keeps the models and not the pages of the text they were read from).
//
// Threads: load() runs on the caller's thread before start(); afterwards only the poller thread
// writes the snapshot, under mutex_. Readers copy the shared_ptr under the same mutex and then
// use the snapshot without any lock.
class DirectoryState : public StateSource {
public:
  DirectoryState(std::filesystem::path folder, std::string defaultNamespace,
                 std::chrono::milliseconds pollInterval,
                 std::function<void()> releaseMemory = runtime::releaseFreedMemory);
  ~DirectoryState() override;

  DirectoryState(const DirectoryState&) = delete;
  DirectoryState& operator=(const DirectoryState&) = delete;

  // Reads the folder now. Returns the errors (file and line) that kept it from loading; on
  // success the new snapshot is published.
  std::vector<manifest::ManifestError> load();
  void start();
  void stop();

  std::shared_ptr<const cluster::ClusterSnapshot> snapshot() const override;
  bool ready() const override;
  std::string readinessDetail() const override;

  // How many snapshots have been published (1 after the first load).
  std::uint64_t generation() const;

private:
  struct FileStamp {
    std::string path;
    std::uintmax_t size;
    std::filesystem::file_time_type modified;
    bool operator==(const FileStamp&) const = default;
  };

  std::vector<FileStamp> stamp() const;
  // load() without the memory release: reads, parses and publishes.
  std::vector<manifest::ManifestError> readFolder();
  // One poll: reloads when the files changed.
  void reloadIfChanged();

  const std::filesystem::path folder_;
  const std::string defaultNamespace_;
  const std::function<void()> releaseMemory_;

  mutable std::mutex mutex_;
  std::shared_ptr<const cluster::ClusterSnapshot> snapshot_;
  std::vector<FileStamp> loadedStamp_;
  std::uint64_t generation_ = 0;
  std::string detail_;

  runtime::PeriodicTask poller_;
};

} // namespace sgw::state
