#pragma once

#include <filesystem>
#include <string>

namespace sgw::test {

// A CA, a serving certificate for localhost/127.0.0.1 and a client certificate, made by the
// project's own certs/gen-dev-certs.sh into `folder` (so the tests also exercise the script).
struct DevCerts {
  std::filesystem::path folder;
  std::filesystem::path caCertificate() const { return folder / "ca.crt"; }
  std::filesystem::path certificate() const { return folder / "tls.crt"; }
  std::filesystem::path privateKey() const { return folder / "tls.key"; }
  std::filesystem::path clientCertificate() const { return folder / "tls-client.crt"; }
  std::filesystem::path clientKey() const { return folder / "tls-client.key"; }
  std::string caBundle; // what the script printed
};

// Runs the script; throws with its output when it fails.
DevCerts makeDevCerts(const std::filesystem::path& folder);

// One set of certificates for the whole test run (key generation costs about a second), for
// tests that do not change them.
const DevCerts& sharedDevCerts();
// The same as sharedDevCerts(), by the name the Kubernetes client tests use.
inline const DevCerts& devCertificates() {
  return sharedDevCerts();
}
// A second, unrelated set (a CA the clients do not trust).
const DevCerts& otherDevCerts();

} // namespace sgw::test
