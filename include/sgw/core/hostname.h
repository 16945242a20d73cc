#pragma once

#include <string>
#include <string_view>

namespace sgw {

// DNS names compare case-insensitively, and only ASCII letters have a case in them: a byte
// outside ASCII (a name that is not valid anyway) is compared as it is.

// The name with ASCII letters lower-cased.
std::string lowerCaseHostname(std::string_view hostname);
// True when two names are the same but for ASCII case, compared in place.
bool sameHostname(std::string_view a, std::string_view b);
// True for a wildcard hostname as the Gateway API writes one: `*.` and at least one more
// character. A lone `*.` names nothing, and is compared as written.
bool isWildcardHostname(std::string_view hostname);

} // namespace sgw
