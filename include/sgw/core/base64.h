#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sgw {

// Standard base64 (RFC 4648 §4, with padding), as Kubernetes uses for Secret data and for the
// AdmissionReview `patch`.
std::string base64Encode(std::string_view bytes);
// Returns nothing when `text` is not valid padded base64. Whitespace is not accepted: the API
// server never emits it.
std::optional<std::string> base64Decode(std::string_view text);

} // namespace sgw
