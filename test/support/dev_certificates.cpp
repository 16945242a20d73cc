#include "support/dev_certificates.h"

#include <unistd.h>

#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <stdexcept>

namespace sgw::test {

namespace fs = std::filesystem;

TempDir::TempDir(const std::string& prefix) {
  std::random_device random;
  for (int attempt = 0; attempt < 10; ++attempt) {
    auto candidate = fs::temp_directory_path() /
                     (prefix + "-" + std::to_string(::getpid()) + "-" + std::to_string(random()));
    std::error_code error;
    if (fs::create_directory(candidate, error)) {
      path_ = candidate;
      return;
    }
  }
  throw std::runtime_error("cannot create a temporary folder");
}

TempDir::~TempDir() {
  std::error_code error;
  fs::remove_all(path_, error);
}

fs::path TempDir::write(const std::string& name, const std::string& content) const {
  const auto file = path_ / name;
  fs::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << content;
  return file;
}

std::string readText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error("cannot read " + path.string());
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

namespace {

std::unique_ptr<TempDir> makeCertificates(const std::string& name, DevCertificates& out) {
  auto dir = std::make_unique<TempDir>("sgw-certs-" + name);
  const std::string command = "'" SGW_SOURCE_DIR "/certs/gen-dev-certs.sh' --out '" +
                              dir->path().string() + "' --client test-client >/dev/null 2>&1";
  if (std::system(command.c_str()) != 0) {
    throw std::runtime_error("certs/gen-dev-certs.sh failed (is openssl installed?)");
  }
  out.dir = dir->path();
  out.caFile = dir->path() / "ca.crt";
  out.serverCertificate = dir->path() / "tls.crt";
  out.serverKey = dir->path() / "tls.key";
  out.clientCertificate = dir->path() / "tls-client.crt";
  out.clientKey = dir->path() / "tls-client.key";
  return dir;
}

} // namespace

const DevCertificates& devCertificates() {
  static DevCertificates certificates;
  static const auto dir = makeCertificates("main", certificates);
  return certificates;
}

const DevCertificates& otherDevCertificates() {
  static DevCertificates certificates;
  static const auto dir = makeCertificates("other", certificates);
  return certificates;
}

} // namespace sgw::test
