#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

// OpenSSL's X509 type, kept out of this header so rules and tests need no OpenSSL includes.
struct x509_st;

namespace sgw::tls {

// The leaf of a PEM certificate chain, as a listener presents it to Kafka clients: its subject
// alternative names, its expiry, and whether it is valid for a hostname. Parsed from the bytes of
// a Secret (never from files), so the core stays free of I/O. Immutable and cheap to copy (the
// parsed certificate, and the hostname answers it remembers, are shared); safe to use from several
// threads.
class Certificate {
public:
  // Parses a PEM chain and keeps its first certificate (the leaf). Text around the PEM blocks is
  // ignored, as OpenSSL ignores it. On failure returns why, as a phrase ("no PEM certificate
  // found", "certificate 2 of the chain cannot be parsed").
  static std::variant<Certificate, std::string> parsePemChain(std::string_view pem);

  // The DNS names of the subjectAltName extension, in certificate order.
  const std::vector<std::string>& dnsNames() const { return dnsNames_; }
  // The IP addresses of the subjectAltName extension, printed (IPv6 in RFC 5952 form).
  const std::vector<std::string>& ipAddresses() const { return ipAddresses_; }
  std::chrono::system_clock::time_point notAfter() const { return notAfter_; }
  // How many certificates the chain held.
  std::size_t chainLength() const { return chainLength_; }

  // True when a client connecting to `host` would accept this certificate: DNS names with RFC
  // 6125 wildcards (a `*` standing for exactly one whole left-most label, never part of one),
  // IP literals against IP SANs only. The subject CN is never consulted, as browsers and Kafka's
  // Java clients do not consult it when SANs exist. A wildcard `host` (`*.example.com`, as a
  // TLSRoute may list) is covered only by the same wildcard SAN. Answers are remembered for up
  // to kRememberedHosts hosts per certificate.
  bool covers(std::string_view host) const;

  static constexpr std::size_t kRememberedHosts = 1024;

private:
  struct RememberedAnswers;

  Certificate() = default;
  bool judge(const std::string& host) const;

  std::shared_ptr<x509_st> leaf_;
  std::shared_ptr<RememberedAnswers> answers_;
  std::vector<std::string> dnsNames_;
  std::vector<std::string> ipAddresses_;
  std::chrono::system_clock::time_point notAfter_;
  std::size_t chainLength_ = 0;
};

// True for an IPv4 or IPv6 literal (the forms X509_check_ip_asc accepts).
bool isIpLiteral(std::string_view host);

// "2027-02-24T12:00:00Z": a time point in the form Kubernetes prints timestamps.
std::string formatTimestamp(std::chrono::system_clock::time_point time);

} // namespace sgw::tls
