#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace sgw::test {

// What a generated test certificate should say.
struct CertificateRequest {
  std::vector<std::string> dnsNames;
  std::vector<std::string> ipAddresses;
  std::string commonName = "sgw-test";
  std::chrono::system_clock::time_point notBefore;
  std::chrono::system_clock::time_point notAfter;
};

// A self-signed certificate made now with a fresh P-256 key, as PEM. The key is discarded: tests
// only ever need the certificate, and no key material is ever written anywhere.
std::string makeCertificatePem(const CertificateRequest& request);

// A fixed point in time for tests: 2026-11-26T00:00:00Z (the day the fixtures were recorded).
std::chrono::system_clock::time_point testNow();

} // namespace sgw::test
