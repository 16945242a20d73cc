#pragma once

#include <filesystem>
#include <string>

namespace sgw::test {

// A fresh folder under the system temp directory, removed with everything in it on destruction.
class TempDir {
public:
  explicit TempDir(const std::string& prefix = "sgw-test");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Writes `content` to `relative` (creating folders) and returns the full path.
  std::filesystem::path write(const std::string& relative, const std::string& content) const;

private:
  std::filesystem::path path_;
};

std::string readFile(const std::filesystem::path& path);
std::filesystem::path fixturePath(const std::string& relative);
std::filesystem::path sourcePath(const std::string& relative);

} // namespace sgw::test
