#include "sgw/tls/san_names.h"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <optional>
#include <utility>

#include "sgw/tls/certificate.h"

namespace sgw::tls {

namespace {

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool equalIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return lower(x) == lower(y); });
}

bool isLabelCharacter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

// `*.example.com` covers `a.example.com`: the wildcard is the whole first label and at least two
// labels follow it, as OpenSSL's X509_check_host requires with partial wildcards refused.
bool wildcardCovers(std::string_view pattern, std::string_view host) {
  if (pattern.size() < 2 || pattern[0] != '*' || pattern[1] != '.') {
    return false;
  }
  const auto suffix = pattern.substr(1); // ".example.com"
  const auto labelsAfter = suffix.substr(1);
  if (labelsAfter.find('.') == std::string_view::npos ||
      labelsAfter.find('*') != std::string_view::npos) {
    return false;
  }
  const auto dot = host.find('.');
  if (dot == 0 || dot == std::string_view::npos) {
    return false;
  }
  const auto first = host.substr(0, dot);
  if (!std::all_of(first.begin(), first.end(), isLabelCharacter)) {
    return false;
  }
  return equalIgnoringCase(host.substr(dot), suffix);
}

// The address family and bytes, so that `::1` and `0:0:0:0:0:0:0:1` compare equal.
using Address = std::pair<int, std::array<unsigned char, 16>>;

std::optional<Address> addressBytes(std::string_view text) {
  if (text.find('\0') != std::string_view::npos) {
    return std::nullopt;
  }
  const std::string copy(text);
  Address address{AF_INET, {}};
  if (inet_pton(AF_INET, copy.c_str(), address.second.data()) == 1) {
    return address;
  }
  address.first = AF_INET6;
  if (inet_pton(AF_INET6, copy.c_str(), address.second.data()) == 1) {
    return address;
  }
  return std::nullopt;
}

} // namespace

bool namesCover(const std::vector<std::string>& dnsNames,
                const std::vector<std::string>& ipAddresses, std::string_view host) {
  if (host.empty() || host.find('\0') != std::string_view::npos) {
    return false;
  }
  if (isIpLiteral(host)) {
    const auto wanted = addressBytes(host);
    return wanted.has_value() &&
           std::any_of(ipAddresses.begin(), ipAddresses.end(),
                       [&](const std::string& address) { return addressBytes(address) == wanted; });
  }
  return std::any_of(dnsNames.begin(), dnsNames.end(), [&](const std::string& name) {
    return equalIgnoringCase(name, host) || wildcardCovers(name, host);
  });
}

} // namespace sgw::tls
