#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sgw {

// Standard base64 (RFC 4648 §4, with padding), as Kubernetes uses for Secret data and for the
// AdmissionReview `patch`.
std::string base64Encode(std::string_view bytes);
// Returns nothing when `encoded` is not padded base64 of the standard alphabet. Line breaks are
// ignored, as the API server and kubectl ignore them (a Secret's data folded over lines in a
// manifest); any other blank, a character outside the alphabet or a '=' before the last two
// characters is refused.
std::optional<std::string> base64Decode(std::string_view encoded);

} // namespace sgw
