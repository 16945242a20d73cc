#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace sgw::manifest {

// The 1-based line of every field of one YAML or JSON document, by RFC 6901 pointer.
using LineIndex = std::map<std::string, int>;

// One Kubernetes object read from a file, remembering where it came from so a finding can name
// `file:line`.
struct Manifest {
  nlohmann::json object;
  std::string file;
  int line = 1;              // where the object starts
  std::string pointerPrefix; // "/items/3" for an object inside a `kind: List`, else empty
  std::shared_ptr<const LineIndex> lines;

  // The line of the field at `pointer` (relative to the object), or of its nearest parent that
  // has one.
  int lineOf(std::string_view pointer) const;
};

// A file that cannot be read as manifests: always names the file and the line.
struct ManifestError {
  std::string file;
  int line = 0;
  std::string message;

  std::string toString() const;
};

struct LoadResult {
  std::vector<Manifest> manifests;
  std::vector<ManifestError> errors;
};

// Reads one text holding YAML (several documents separated by `---`) or JSON (one value) and
// returns its objects, with `kind: List` documents expanded into their items. Empty documents are
// skipped. `displayName` is the file name used in locations.
LoadResult loadText(std::string_view text, const std::string& displayName);

// Reads a file, or every `*.yaml`, `*.yml` and `*.json` file under a folder (recursively, in path
// order).
LoadResult loadPath(const std::filesystem::path& path);

// The objects of the manifests, in order: what the core (cluster::parseObjects, the offline
// checks) reads.
std::vector<nlohmann::json> objectsOf(const std::vector<Manifest>& manifests);

// True for the file names loadPath reads from folders.
bool isManifestFile(const std::filesystem::path& path);

// The files loadPath reads, in path order: `path` itself when it is no folder, else every
// manifest file below it, skipping hidden entries. `error` tells of a folder that could not be
// read to the end; the files found until then are still returned.
std::vector<std::filesystem::path> manifestFiles(const std::filesystem::path& path,
                                                 std::error_code& error);

} // namespace sgw::manifest
