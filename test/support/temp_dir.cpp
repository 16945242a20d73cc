#include "support/temp_dir.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "support/test_paths.h"

namespace sgw::test {

TempDir::TempDir(const std::string& prefix) {
  auto pattern = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (mkdtemp(buffer.data()) == nullptr) {
    throw std::runtime_error("mkdtemp failed");
  }
  path_ = buffer.data();
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::filesystem::path TempDir::write(const std::string& relative,
                                     const std::string& content) const {
  const auto full = path_ / relative;
  std::filesystem::create_directories(full.parent_path());
  // Write to a sibling and rename, so a poller never sees a half-written file.
  const auto partial = full.string() + ".partial";
  {
    std::ofstream stream(partial, std::ios::binary | std::ios::trunc);
    stream << content;
  }
  std::filesystem::rename(partial, full);
  return full;
}

std::string readFile(const std::filesystem::path& path) {
  std::ifstream stream(path, std::ios::binary);
  if (!stream) {
    throw std::runtime_error("cannot read " + path.string());
  }
  std::ostringstream text;
  text << stream.rdbuf();
  return text.str();
}

std::filesystem::path fixturePath(const std::string& relative) {
  return std::filesystem::path(SGW_FIXTURES_DIR) / relative;
}

std::filesystem::path sourcePath(const std::string& relative) {
  return std::filesystem::path(SGW_SOURCE_DIR) / relative;
}

} // namespace sgw::test
