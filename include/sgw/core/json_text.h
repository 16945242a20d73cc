#pragma once

#include <string>
#include <string_view>

namespace sgw {

// `text` as a JSON string literal, as nlohmann prints one: quoted, with `"`, `\` and control
// characters escaped, and every byte that is not part of well-formed UTF-8 replaced by U+FFFD
// (text from a request or the cluster may hold such bytes; a JSON document may not).
std::string jsonQuoted(std::string_view text);

} // namespace sgw
