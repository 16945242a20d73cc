#include "support/fixtures.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "support/test_paths.h"

namespace sgw::test {

namespace {

std::filesystem::path admissionDir(const std::string& set) {
  return std::filesystem::path(SGW_FIXTURES_DIR) / set;
}

} // namespace

std::string readFixture(const std::string& file, const std::string& set) {
  std::ifstream stream(admissionDir(set) / file, std::ios::binary);
  if (!stream) {
    throw std::runtime_error("cannot read fixture " + file);
  }
  std::ostringstream text;
  text << stream.rdbuf();
  return text.str();
}

std::string fixtureFile(const std::string& prefix, const std::string& set) {
  for (const auto& entry : std::filesystem::directory_iterator(admissionDir(set))) {
    const auto name = entry.path().filename().string();
    if (name.rfind(prefix, 0) == 0) {
      return name;
    }
  }
  throw std::runtime_error("no fixture starting with " + prefix);
}

} // namespace sgw::test
