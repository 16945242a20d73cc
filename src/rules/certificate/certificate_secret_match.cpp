#include "sgw/rules/certificate/certificate_secret_match.h"

#include <algorithm>
#include <string>
#include <variant>
#include <vector>

#include "sgw/core/hostname.h"
#include "sgw/rules/listener_certificate.h"
#include "sgw/rules/message_lists.h"

namespace sgw::rules::certificate {

namespace {

// cert-manager always writes the certificate chain under this key of its Secret.
constexpr const char* kIssuedChainKey = "tls.crt";

// The names, lower-cased and sorted: SANs compare as sets, case-insensitively.
std::vector<std::string> normalised(std::vector<std::string> names) {
  for (auto& name : names) {
    name = lowerCaseHostname(name);
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

void check(const Subject<model::Certificate>& subject, FindingSink& sink) {
  const auto& certificate = subject.object;
  if (certificate.secretName.empty()) {
    return;
  }
  const auto* secret = subject.cluster.secret(certificate.secretKey());
  if (secret == nullptr) {
    return; // not issued yet (or not cached): nothing to compare
  }
  const auto* chain = secret->certificateChain(kIssuedChainKey);
  if (chain == nullptr || !std::holds_alternative<tls::Certificate>(*chain)) {
    return;
  }
  const auto& issued = std::get<tls::Certificate>(*chain);
  // IP addresses are compared as printed by the certificate parser; the requested ones are
  // compared by whether the issued certificate covers them, so any spelling of an address counts.
  const bool dnsMatch = normalised(issued.dnsNames()) == normalised(certificate.dnsNames);
  const bool ipMatch =
      issued.ipAddresses().size() == certificate.ipAddresses.size() &&
      std::all_of(certificate.ipAddresses.begin(), certificate.ipAddresses.end(),
                  [&](const std::string& address) { return issued.covers(address); });
  if (dnsMatch && ipMatch) {
    return;
  }
  // Short enough for kubectl's warning line: the names, then why they may differ.
  sink.warn(FieldError::invalid(FieldPath::root("spec").child("secretName"), certificate.secretName,
                                "holds a certificate for " + describeSans(issued) +
                                    ", not for the requested " + describeSans(certificate) +
                                    "; not reissued yet, or replaced (" +
                                    certificate.describeReadiness() + ")"));
}

} // namespace

const Rule<model::Certificate>& certificateSecretMatchRule() {
  static const Rule<model::Certificate> kRule{
      "certificate-secret-match",
      "The certificate in a Certificate's Secret carries the names the Certificate requests.",
      kCreateOrUpdate, &check};
  return kRule;
}

} // namespace sgw::rules::certificate
