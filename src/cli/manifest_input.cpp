#include "sgw/cli/manifest_input.h"

#include <filesystem>
#include <iostream>
#include <iterator>
#include <sstream>

namespace sgw::cli {

manifest::LoadResult loadInputs(const std::vector<std::string>& paths) {
  manifest::LoadResult result;
  for (const auto& path : paths) {
    manifest::LoadResult loaded;
    if (path == "-") {
      std::ostringstream text;
      text << std::cin.rdbuf();
      loaded = manifest::loadText(text.str(), kStdinName);
    } else if (std::error_code error; !std::filesystem::exists(path, error)) {
      loaded.errors.push_back({path, 0, "no such file or folder"});
    } else {
      loaded = manifest::loadPath(path);
    }
    std::move(loaded.manifests.begin(), loaded.manifests.end(),
              std::back_inserter(result.manifests));
    std::move(loaded.errors.begin(), loaded.errors.end(), std::back_inserter(result.errors));
  }
  return result;
}

void printLoadErrors(const std::vector<manifest::ManifestError>& errors, std::ostream& err) {
  for (const auto& error : errors) {
    err << "error: " << (error.line > 0 ? error.toString() : error.file + ": " + error.message)
        << "\n";
  }
}

} // namespace sgw::cli
