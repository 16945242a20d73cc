// Any text as a kubeconfig file, read with and without --allow-insecure-kubeconfig: a config or
// a message saying what to change, never an exception. The file is written to a private folder
// so relative certificate and token paths resolve next to it, as kubectl resolves them.

#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string_view>

#include "sgw/kube/client_config.h"

namespace {

// The private folder, removed when the fuzzer exits (it may be in memory, under /dev/shm).
std::filesystem::path gFolder;

void removeFolder() {
  std::error_code ignored;
  std::filesystem::remove_all(gFolder, ignored);
}

const std::filesystem::path& configFile() {
  static const std::filesystem::path file = [] {
    std::string folder = (std::filesystem::temp_directory_path() / "sgw-fuzz-XXXXXX").string();
    if (mkdtemp(folder.data()) == nullptr) {
      std::abort();
    }
    gFolder = folder;
    std::atexit(removeFolder);
    // A token and a CA the fuzzer may name by these relative paths.
    std::ofstream(std::filesystem::path(folder) / "token") << "t0ken";
    std::ofstream(std::filesystem::path(folder) / "ca.crt") << "not a certificate";
    return std::filesystem::path(folder) / "config";
  }();
  return file;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& file = configFile();
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  for (const bool allowInsecure : {false, true}) {
    const auto result = sgw::kube::loadKubeconfig({file, "", allowInsecure});
    if (const auto* error = std::get_if<sgw::kube::ConfigError>(&result)) {
      if (error->message.empty()) {
        std::abort();
      }
    }
  }
  return 0;
}
