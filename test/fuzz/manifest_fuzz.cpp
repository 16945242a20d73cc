// Any text as a manifest file, read as YAML and as JSON: the loader returns objects or errors
// that name a line, never throws; the objects then go through the snapshot builder as
// `--state-dir` feeds them.

#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "sgw/manifest/manifest.h"
#include "sgw/state/manifest_snapshot.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sgw;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const char* name : {"fuzz.yaml", "fuzz.json"}) {
    const auto loaded = manifest::loadText(text, name);
    for (const auto& error : loaded.errors) {
      if (error.file != name || error.toString().empty()) {
        std::abort();
      }
    }
    for (const auto& manifest : loaded.manifests) {
      if (manifest.lineOf("/metadata/name") < 1 || manifest.lineOf("/spec/x/0") < 1) {
        std::abort();
      }
    }
    state::snapshotFromManifests(loaded.manifests);
  }
  return 0;
}
