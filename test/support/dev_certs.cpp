#include "support/dev_certs.h"

#include <array>
#include <cstdio>
#include <stdexcept>

#include "support/temp_dir.h"

namespace sgw::test {

DevCerts makeDevCerts(const std::filesystem::path& folder) {
  const auto script = sourcePath("certs/gen-dev-certs.sh");
  const std::string command =
      "'" + script.string() + "' --out '" + folder.string() + "' --client apiserver 2>/dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    throw std::runtime_error("cannot run " + script.string());
  }
  std::string output;
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe) != nullptr) {
    output += buffer.data();
  }
  if (pclose(pipe) != 0) {
    throw std::runtime_error("gen-dev-certs.sh failed: " + output);
  }
  while (!output.empty() && (output.back() == '\n' || output.back() == '\r')) {
    output.pop_back();
  }
  return DevCerts{folder, output};
}

const DevCerts& sharedDevCerts() {
  static const TempDir folder;
  static const DevCerts certs = makeDevCerts(folder.path() / "certs");
  return certs;
}

const DevCerts& otherDevCerts() {
  static const TempDir folder;
  static const DevCerts certs = makeDevCerts(folder.path() / "certs");
  return certs;
}

} // namespace sgw::test
