#include "sgw/tls/certificate.h"

#include <arpa/inet.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstdio>
#include <mutex>
#include <openssl/asn1.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <unordered_map>

#include "sgw/tls/pem.h"

namespace sgw::tls {

namespace {

struct GeneralNamesDeleter {
  void operator()(GENERAL_NAMES* names) const { GENERAL_NAMES_free(names); }
};
struct OctetStringDeleter {
  void operator()(ASN1_OCTET_STRING* value) const { ASN1_OCTET_STRING_free(value); }
};

std::string printIp(const ASN1_OCTET_STRING* address) {
  const auto* bytes = ASN1_STRING_get0_data(address);
  const auto length = ASN1_STRING_length(address);
  char text[INET6_ADDRSTRLEN] = {};
  if (length == 4 && inet_ntop(AF_INET, bytes, text, sizeof text) != nullptr) {
    return text;
  }
  if (length == 16 && inet_ntop(AF_INET6, bytes, text, sizeof text) != nullptr) {
    return text;
  }
  return "<invalid IP SAN>";
}

std::chrono::system_clock::time_point toTimePoint(const ASN1_TIME* time) {
  std::tm parts{};
  if (time == nullptr || ASN1_TIME_to_tm(time, &parts) != 1) {
    return {};
  }
  using namespace std::chrono;
  const auto date = year{parts.tm_year + 1900} / month{static_cast<unsigned>(parts.tm_mon + 1)} /
                    day{static_cast<unsigned>(parts.tm_mday)};
  const sys_seconds when =
      sys_days{date} + hours{parts.tm_hour} + minutes{parts.tm_min} + seconds{parts.tm_sec};
  // A time_point counts nanoseconds and ends in 2262, but certificates reach 9999: RFC 5280 even
  // asks for 99991231235959Z when a certificate has no expiry. Such dates read as the last
  // instant a time_point holds (and, symmetrically, before 1677 as the first).
  constexpr auto kLast = floor<seconds>(system_clock::time_point::max());
  constexpr auto kFirst = ceil<seconds>(system_clock::time_point::min());
  if (when >= kLast) {
    return system_clock::time_point::max();
  }
  if (when <= kFirst) {
    return system_clock::time_point::min();
  }
  return time_point_cast<system_clock::duration>(when);
}

// Lets the remembered answers be looked up by the string_view a caller passes, so a host already
// answered costs no string copy.
struct HostHash {
  using is_transparent = void; // NOLINT(readability-identifier-naming): the name the standard reads
  std::size_t operator()(std::string_view host) const {
    return std::hash<std::string_view>{}(host);
  }
};

} // namespace

// X509_check_host decodes the certificate's subjectAltName extension anew on every call, which
// costs more than the rest of a Kafka's hostname checks together. The snapshot keeps one parsed
// certificate per Secret, and each review of a Kafka asks it about the same few hosts, so the
// answers are kept beside the certificate, for a bounded number of hosts (a Kafka may list
// 100 000 brokers).
struct Certificate::RememberedAnswers {
  std::mutex mutex;
  std::unordered_map<std::string, bool, HostHash, std::equal_to<>> byHost;
};

std::variant<Certificate, std::string> Certificate::parsePemChain(std::string_view pem) {
  if (pem.size() > static_cast<std::size_t>(INT_MAX)) {
    return std::string("too large to be a certificate chain");
  }
  auto chain = readPemCertificates(pem);
  if (!chain.error.empty()) {
    return "certificate " + std::to_string(chain.certificates.size() + 1) +
           " of the chain cannot be parsed";
  }
  if (chain.certificates.empty()) {
    return std::string("no PEM certificate found");
  }
  Certificate out;
  out.answers_ = std::make_shared<RememberedAnswers>();
  out.chainLength_ = chain.certificates.size();
  out.leaf_ = std::shared_ptr<X509>(std::move(chain.certificates.front()));

  X509* leaf = out.leaf_.get();
  const std::unique_ptr<GENERAL_NAMES, GeneralNamesDeleter> names(
      static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(leaf, NID_subject_alt_name, nullptr, nullptr)));
  if (names) {
    for (int i = 0; i < sk_GENERAL_NAME_num(names.get()); ++i) {
      const GENERAL_NAME* name = sk_GENERAL_NAME_value(names.get(), i);
      if (name->type == GEN_DNS) {
        const auto* data = ASN1_STRING_get0_data(name->d.dNSName);
        out.dnsNames_.emplace_back(reinterpret_cast<const char*>(data),
                                   static_cast<std::size_t>(ASN1_STRING_length(name->d.dNSName)));
      } else if (name->type == GEN_IPADD) {
        out.ipAddresses_.push_back(printIp(name->d.iPAddress));
      }
    }
  }
  out.notAfter_ = toTimePoint(X509_get0_notAfter(leaf));
  ERR_clear_error();
  return out;
}

bool Certificate::covers(std::string_view host) const {
  if (!leaf_ || host.empty() || host.find('\0') != std::string_view::npos) {
    return false;
  }
  bool remembering = false;
  {
    const std::lock_guard lock(answers_->mutex);
    if (const auto known = answers_->byHost.find(host); known != answers_->byHost.end()) {
      return known->second;
    }
    remembering = answers_->byHost.size() < kRememberedHosts;
  }
  std::string text(host);
  const bool covered = judge(text);
  if (remembering) {
    const std::lock_guard lock(answers_->mutex);
    if (answers_->byHost.size() < kRememberedHosts) { // another thread may have filled it
      answers_->byHost.emplace(std::move(text), covered);
    }
  }
  return covered;
}

bool Certificate::judge(const std::string& host) const {
  int result = 0;
  if (isIpLiteral(host)) {
    result = X509_check_ip_asc(leaf_.get(), host.c_str(), 0);
  } else {
    result = X509_check_host(
        leaf_.get(), host.data(), host.size(),
        X509_CHECK_FLAG_NEVER_CHECK_SUBJECT | X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS, nullptr);
  }
  ERR_clear_error();
  return result == 1;
}

bool isIpLiteral(std::string_view host) {
  // IPv4 and IPv6 literals hold hex digits, dots and colons only; any other character settles
  // it without OpenSSL's parser, which allocates (a Kafka may list 100 000 hostnames).
  const auto literalCharacter = [](char c) {
    return std::isxdigit(static_cast<unsigned char>(c)) != 0 || c == '.' || c == ':';
  };
  if (host.empty() || !std::all_of(host.begin(), host.end(), literalCharacter)) {
    return false;
  }
  const std::string text(host);
  const std::unique_ptr<ASN1_OCTET_STRING, OctetStringDeleter> parsed(a2i_IPADDRESS(text.c_str()));
  ERR_clear_error();
  return parsed != nullptr;
}

std::string formatTimestamp(std::chrono::system_clock::time_point time) {
  using namespace std::chrono;
  const auto seconds = floor<std::chrono::seconds>(time);
  const auto days = floor<std::chrono::days>(seconds);
  const year_month_day date{days};
  const hh_mm_ss clock{seconds - days};
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<int>(clock.hours().count()), static_cast<int>(clock.minutes().count()),
                static_cast<int>(clock.seconds().count()));
  return text;
}

} // namespace sgw::tls
