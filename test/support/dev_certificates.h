#pragma once

#include <filesystem>
#include <string>

namespace sgw::test {

// A throw-away folder, removed with everything in it when the object goes.
class TempDir {
public:
  explicit TempDir(const std::string& prefix = "sgw-test");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Writes `content` to `name` below the folder and returns its path.
  std::filesystem::path write(const std::string& name, const std::string& content) const;

private:
  std::filesystem::path path_;
};

// A development CA with a server certificate for localhost/127.0.0.1 and a client certificate,
// made by certs/gen-dev-certs.sh when first asked for: test certificates are never committed.
struct DevCertificates {
  std::filesystem::path dir;
  std::filesystem::path caFile;
  std::filesystem::path serverCertificate;
  std::filesystem::path serverKey;
  std::filesystem::path clientCertificate;
  std::filesystem::path clientKey;
};

// One set per test run, shared by the tests.
const DevCertificates& devCertificates();
// A second, unrelated set (a CA the clients do not trust).
const DevCertificates& otherDevCertificates();

std::string readText(const std::filesystem::path& path);

} // namespace sgw::test
