#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sgw::tls {

// True when a certificate whose subject alternative names are exactly `dnsNames` and
// `ipAddresses` would be accepted by a client connecting to `host`: the same judgement
// Certificate::covers makes on an issued certificate, made on names that are not issued yet
// (the names a cert-manager Certificate requests). DNS names compare case-insensitively; a `*`
// stands for exactly one whole left-most label of letters, digits and `-` and only when at least
// two labels follow it (`*.example.com`, never `b*.example.com` or `*.com`); a wildcard `host`
// is covered only by the same wildcard; IP literals match IP addresses (any spelling of the same
// address), never DNS names.
bool namesCover(const std::vector<std::string>& dnsNames,
                const std::vector<std::string>& ipAddresses, std::string_view host);

} // namespace sgw::tls
