// Any bytes as a Secret's tls.crt: a PEM chain, or (when the input does not start with "-----")
// one DER certificate wrapped in PEM, so mutations reach the certificate's fields (SANs with any
// bytes, odd extensions) and not just the base64 around them. A parsed certificate is then
// matched against its own SANs, hosts derived from them, and the first line of the input.

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sgw/core/base64.h"
#include "sgw/tls/certificate.h"

namespace {

void checkHosts(const sgw::tls::Certificate& certificate, std::string_view firstLine) {
  std::vector<std::string> hosts{std::string(firstLine),
                                 "broker-0.strimzi.gateway.api.test",
                                 "*.strimzi.gateway.api.test",
                                 "127.0.0.1",
                                 "::1",
                                 "",
                                 "*",
                                 "."};
  for (const auto& name : certificate.dnsNames()) {
    hosts.push_back(name);
    hosts.push_back("a." + name);
    if (name.starts_with("*.")) {
      hosts.push_back("b" + name.substr(1));
    }
  }
  for (const auto& address : certificate.ipAddresses()) {
    hosts.push_back(address);
  }
  for (const auto& host : hosts) {
    certificate.covers(host);
    sgw::tls::isIpLiteral(host);
  }
  // A certificate always covers its own (well-formed) IP SANs.
  for (const auto& address : certificate.ipAddresses()) {
    if (sgw::tls::isIpLiteral(address) && !certificate.covers(address)) {
      std::abort();
    }
  }
  sgw::tls::formatTimestamp(certificate.notAfter());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string pem;
  if (input.starts_with("-----")) {
    pem = input;
  } else {
    pem = "-----BEGIN CERTIFICATE-----\n" + sgw::base64Encode(input) +
          "\n-----END CERTIFICATE-----\n";
  }
  const auto parsed = sgw::tls::Certificate::parsePemChain(pem);
  if (const auto* certificate = std::get_if<sgw::tls::Certificate>(&parsed)) {
    checkHosts(*certificate, input.substr(0, input.find('\n')));
  } else if (std::get<std::string>(parsed).empty()) {
    std::abort();
  }
  return 0;
}
